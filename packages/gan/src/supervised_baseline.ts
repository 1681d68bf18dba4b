import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  createRng,
  type Matrix,
  NotFittedError,
  ShapeError,
} from '@gankit/core';
import { sparseCategoricalCrossEntropyFromLogits } from '@gankit/losses';
import { Adam, type Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import {
  accuracy,
  argMaxRows,
  classProbabilities,
  toClassLabels,
  toSamples,
} from './class_predictions';
import { checkSchedule, type LearningRateSchedule, scheduledFactor } from './schedule';
import { semiSupervisedDiscriminator } from './semi_supervised_gan';

/** Options of {@link SupervisedBaseline}. */
export interface SupervisedBaselineOptions {
  /** The classifier network (K logits). Default: `semiSupervisedDiscriminator`, the SGAN's D. */
  network?: Sequential;
  /** Number of classes K. Default 10. */
  numClasses?: number;
  /** Adam updates. Default 2000. */
  steps?: number;
  /** Labelled examples per update, drawn with replacement. Default 100. */
  batchSize?: number;
  /** Adam learning rate. Default 2e-4 with β1 0.5, as the semi-supervised GAN's D. */
  learningRate?: number;
  /** A factor on the learning rate per update, as `train`'s option (to match the GAN's run). */
  learningRateSchedule?: LearningRateSchedule;
  seed?: number | string;
}

const where = 'SupervisedBaseline';

/**
 * The semi-supervised GAN's comparison point: the same D network trained only by
 * cross-entropy on the same labelled examples, with the same optimizer and labelled batch
 * size, and none of the unlabelled or generated data. The gap between its accuracy and the
 * semi-supervised GAN's is what the unlabelled data bought.
 *
 * ```ts
 * const baseline = await new SupervisedBaseline({ steps: 2000, seed: 1 }).fit(xLabelled, yLabelled);
 * baseline.score(testImages, testLabels);
 * ```
 */
export class SupervisedBaseline {
  readonly network: Sequential;
  readonly numClasses: number;
  readonly steps: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number | string;
  readonly learningRateSchedule?: LearningRateSchedule;
  private fitted = false;

  constructor(options: SupervisedBaselineOptions = {}) {
    assertKnownOptions(where, options, [
      'network',
      'numClasses',
      'steps',
      'batchSize',
      'learningRate',
      'learningRateSchedule',
      'seed',
    ]);
    this.learningRateSchedule = checkSchedule(where, options.learningRateSchedule);
    this.seed = options.seed ?? 0;
    this.numClasses = assertInteger(where, 'numClasses', options.numClasses ?? 10, 2);
    this.steps = assertInteger(where, 'steps', options.steps ?? 2000);
    this.batchSize = assertInteger(where, 'batchSize', options.batchSize ?? 100);
    this.learningRate = assertNumberInRange(where, 'learningRate', options.learningRate ?? 2e-4, 0);
    this.network =
      options.network ??
      semiSupervisedDiscriminator({ numClasses: this.numClasses, seed: this.seed });
  }

  /** Trains on the labelled examples; yields to the event loop now and then. Returns this. */
  async fit(x: tf.Tensor | Matrix, y: ArrayLike<number> | tf.Tensor): Promise<this> {
    const samples = toSamples(`${where}.fit`, 'x', x, this.network);
    const labels = toClassLabels(`${where}.fit`, 'y', y, this.numClasses);
    if (labels.length !== samples.shape[0]) {
      samples.dispose();
      throw new ShapeError(
        `Argument 'y' passed to '${where}.fit' has ${labels.length} labels but 'x' has ${samples.shape[0]} samples.`,
      );
    }
    const rng = createRng(`${this.seed}:baseline`);
    const adam = new Adam({ learningRate: this.learningRate, beta1: 0.5 });
    const network = this.network.train();
    const schedule = this.learningRateSchedule;
    try {
      for (let step = 0; step < this.steps; step++) {
        if (schedule)
          adam.learningRateScale = scheduledFactor(where, schedule, step + 1, this.steps);
        const idx = Int32Array.from({ length: this.batchSize }, () => rng.int(labels.length));
        tf.dispose(
          tf.tidy(() => {
            const xb = tf.gather(samples, tf.tensor1d(idx, 'int32'));
            const yb = tf.tensor1d(
              Int32Array.from(idx, (i) => labels[i] as number),
              'int32',
            );
            return adam.minimize(
              () => sparseCategoricalCrossEntropyFromLogits(network.apply(xb), yb) as tf.Scalar,
              network.trainableVariables,
            );
          }),
        );
        if (step % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      adam.dispose();
      samples.dispose();
    }
    this.fitted = true;
    return this;
  }

  /** Class probabilities `[n * K]`, row-major. */
  predictProba(x: tf.Tensor | Matrix): Float32Array {
    if (!this.fitted) {
      throw new NotFittedError(`${where}.predictProba: call fit(x, y) first.`);
    }
    const samples = toSamples(`${where}.predictProba`, 'x', x, this.network);
    try {
      return classProbabilities(this.network, samples);
    } finally {
      samples.dispose();
    }
  }

  /** The most likely class of each sample. */
  predict(x: tf.Tensor | Matrix): Int32Array {
    return argMaxRows(this.predictProba(x), this.numClasses);
  }

  /** Accuracy of `predict(x)` against `y`. */
  score(x: tf.Tensor | Matrix, y: ArrayLike<number> | tf.Tensor): number {
    const truth = toClassLabels(`${where}.score`, 'y', y, this.numClasses);
    return accuracy(`${where}.score`, this.predict(x), truth);
  }

  /** Frees the network. */
  dispose(): void {
    this.network.dispose();
  }
}
