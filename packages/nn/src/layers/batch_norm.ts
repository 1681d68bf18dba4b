import { assertKnownOptions, assertNumberInRange, type Rng } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { Layer, type Shape } from '../layer';

/** Options of {@link BatchNorm}. */
export interface BatchNormOptions {
  /**
   * Weight of the old value in the running statistics:
   * `running = momentum * running + (1 - momentum) * batch`. Default 0.9 (PyTorch's 0.1).
   */
  momentum?: number;
  /** Added to the variance. Default 1e-5. */
  epsilon?: number;
  name?: string;
}

const where = 'BatchNorm';

/**
 * Batch normalization over the last axis. In training mode it normalizes with the batch's
 * mean and (biased) variance and updates running statistics (with the unbiased variance,
 * as PyTorch does); in eval mode it uses the running statistics.
 */
export class BatchNorm extends Layer {
  readonly kind = 'batch_norm';
  readonly momentum: number;
  readonly epsilon: number;
  private gamma?: tf.Variable;
  private beta?: tf.Variable;
  private runningMean?: tf.Variable;
  private runningVar?: tf.Variable;
  /** Batches averaged so far while collecting statistics; undefined otherwise. */
  private averagedBatches?: number;

  constructor(options: BatchNormOptions = {}) {
    assertKnownOptions(where, options, ['momentum', 'epsilon', 'name']);
    super(options.name);
    this.momentum = assertNumberInRange(where, 'momentum', options.momentum ?? 0.9, 0, 1);
    this.epsilon = assertNumberInRange(where, 'epsilon', options.epsilon ?? 1e-5, 0);
  }

  protected buildWeights(inputShape: Shape, _rng: Rng): Shape {
    const channels = inputShape[inputShape.length - 1] as number;
    this.gamma = this.addWeight('gamma', tf.ones([channels]));
    this.beta = this.addWeight('beta', tf.zeros([channels]));
    this.runningMean = this.addWeight('running_mean', tf.zeros([channels]), false);
    this.runningVar = this.addWeight('running_var', tf.ones([channels]), false);
    return inputShape;
  }

  call(x: tf.Tensor, training: boolean): tf.Tensor {
    if (!training) return this.normalize(x, this.runningMean, this.runningVar);
    const { mean, variance } = tf.moments(x, batchAxes(x));
    this.updateRunning(mean, variance, x.size / (x.shape[x.shape.length - 1] as number));
    return this.normalize(x, mean, variance);
  }

  /**
   * Normalizes `x` with its own mean and variance, as training mode does, but leaves the
   * running statistics as they are (`predictWithBatchStatistics` uses it).
   */
  normalizeByBatch(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, batchAxes(x));
      return this.normalize(x, mean, variance);
    });
  }

  /** `(x - mean) / sqrt(variance + epsilon) * gamma + beta`, per channel. */
  private normalize(x: tf.Tensor, mean?: tf.Tensor, variance?: tf.Tensor): tf.Tensor {
    return tf.batchNorm(
      x,
      mean as tf.Tensor1D,
      variance as tf.Tensor1D,
      this.beta as tf.Tensor1D,
      this.gamma as tf.Tensor1D,
      this.epsilon,
    );
  }

  /**
   * Starts collecting statistics: the running mean and variance become the plain average of
   * the batch statistics of the training-mode calls that follow, until `stopAveraging()`.
   * `updateBatchNormStatistics` uses it; call that rather than this.
   */
  startAveraging(): void {
    this.averagedBatches = 0;
  }

  /** Goes back to running statistics with `momentum` (see `startAveraging`). */
  stopAveraging(): void {
    this.averagedBatches = undefined;
  }

  private updateRunning(mean: tf.Tensor, variance: tf.Tensor, n: number): void {
    const k = this.averagedBatches;
    // While averaging, the k-th batch (from 0) has weight 1 / (k + 1): a plain mean.
    const m = k === undefined ? this.momentum : k / (k + 1);
    if (k !== undefined) this.averagedBatches = k + 1;
    const unbiased = n > 1 ? n / (n - 1) : 1;
    const runningMean = this.runningMean as tf.Variable;
    const runningVar = this.runningVar as tf.Variable;
    tf.tidy(() => {
      runningMean.assign(tf.add(tf.mul(runningMean, m), tf.mul(mean, 1 - m)));
      runningVar.assign(tf.add(tf.mul(runningVar, m), tf.mul(variance, (1 - m) * unbiased)));
    });
  }

  override describe(): string {
    return `momentum=${this.momentum}`;
  }
}

/** Every axis but the last (the channels'). */
function batchAxes(x: tf.Tensor): number[] {
  return x.shape.slice(0, -1).map((_, i) => i);
}
