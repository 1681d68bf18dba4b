import { assertKnownOptions, assertNumberBetween, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from './optimizers/optimizer';
import type { Sequential } from './sequential';

/** Options of {@link WeightAverage}. */
export interface WeightAverageOptions {
  /**
   * How much of the average each `update` keeps, in (0, 1): the average spans about
   * `1 / (1 - decay)` updates. Default 0.999.
   */
  decay?: number;
}

const where = 'WeightAverage';

function assignAll(variables: tf.Variable[], values: tf.Tensor[]): void {
  for (const [i, v] of variables.entries()) v.assign(values[i] as tf.Tensor);
}

/**
 * A running average of a model's trainable weights (Polyak averaging; Salimans et al. 2016
 * test their semi-supervised classifier with it, and GANs often sample from an averaged G).
 * Call `update()` after each optimizer step; `use(fn)` runs `fn` with the averaged weights in
 * the model and puts the trained weights back. The average is bias-corrected, as Adam's
 * moments are: after `t` updates it is `Σ decay^(t-i) (1 - decay) w_i / (1 - decay^t)`, a
 * weighted mean of the weights seen so far, so it is usable from the first update.
 *
 * @example
 * ```ts
 * const average = new WeightAverage(model, { decay: 0.999 });
 * optimizer.minimize(loss, model.trainableVariables);
 * average.update();
 * const predictions = average.use(() => model.predict(x));
 * ```
 */
export class WeightAverage {
  readonly decay: number;
  private readonly model: Sequential;
  private readonly sums: tf.Variable[];
  private count = 0;

  constructor(model: Sequential, options: WeightAverageOptions = {}) {
    assertKnownOptions(where, options, ['decay']);
    this.decay = assertNumberBetween(where, 'decay', options.decay ?? 0.999, 0, 1);
    this.model = model;
    // tidy frees the zeros; the variables (copies) outlive it.
    this.sums = tf.tidy(() =>
      model.trainableVariables.map((v) => tf.variable(tf.zerosLike(v), false)),
    );
  }

  /** The number of `update` calls so far. */
  get updates(): number {
    return this.count;
  }

  /** Folds the model's current trainable weights into the average. */
  update(): void {
    const variables = this.model.trainableVariables;
    tf.tidy(() => {
      variables.forEach((v, i) => {
        const sum = this.sums[i] as tf.Variable;
        sum.assign(tf.add(tf.mul(sum, this.decay), tf.mul(v, 1 - this.decay)));
      });
    });
    this.count += 1;
  }

  /** The averaged weights, in `model.trainableVariables` order; the caller disposes them. */
  averaged(): tf.Tensor[] {
    if (this.count === 0) return this.model.trainableVariables.map((v) => v.clone());
    const correction = 1 - this.decay ** this.count;
    return this.sums.map((s) => tf.div(s, correction));
  }

  /**
   * Runs `fn` (synchronous) with the averaged weights in the model, then restores the trained
   * weights, also when `fn` throws. Returns what `fn` returns; tensors it returns stay alive.
   */
  use<T>(fn: () => T): T {
    const variables = this.model.trainableVariables;
    const trained = variables.map((v) => v.clone());
    const averaged = this.averaged();
    try {
      assignAll(variables, averaged);
      return fn();
    } finally {
      assignAll(variables, trained);
      tf.dispose([...trained, ...averaged]);
    }
  }

  /** The running sums and the update count, for a checkpoint; the caller disposes them. */
  getState(): NamedTensor[] {
    return [
      { name: 'weightAverage/updates', tensor: tf.scalar(this.count, 'float32') },
      ...this.sums.map((s, i) => ({ name: `weightAverage/sum/${i}`, tensor: s.clone() })),
    ];
  }

  /** Restores what `getState` returned (for the same model). */
  setState(state: NamedTensor[]): void {
    const byName = new Map(state.map((s) => [s.name, s.tensor]));
    const updates = byName.get('weightAverage/updates');
    if (!updates) {
      throw new ValueError(`${where}.setState needs 'weightAverage/updates' in the state.`);
    }
    const sums = this.sums.map((s, i) => {
      const t = byName.get(`weightAverage/sum/${i}`);
      if (!t || !tf.util.arraysEqual(t.shape, s.shape)) {
        throw new ValueError(
          `${where}.setState: 'weightAverage/sum/${i}' is missing or does not have shape [${s.shape.join(', ')}].`,
        );
      }
      return t;
    });
    assignAll(this.sums, sums);
    this.count = (updates.dataSync() as Float32Array)[0] as number;
  }

  /** Frees the running sums. */
  dispose(): void {
    tf.dispose(this.sums);
  }
}
