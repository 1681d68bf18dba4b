import { assertKnownOptions, assertNumberInRange } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { RandomLayer } from './random_layer';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /** Fraction of inputs set to zero in training, in [0, 1). */
  rate: number;
  name?: string;
}

const where = 'Dropout';

/**
 * Zeroes a fraction `rate` of its inputs in training mode and scales the rest by
 * `1 / (1 - rate)`; the identity in eval mode. Its masks come from the model's seed.
 */
export class Dropout extends RandomLayer {
  readonly kind = 'dropout';
  readonly rate: number;

  constructor(options: DropoutOptions) {
    assertKnownOptions(where, options, ['rate', 'name']);
    super(options.name);
    this.rate = assertNumberInRange(where, 'rate', options.rate, 0, 0.999999);
  }

  call(x: tf.Tensor, training: boolean): tf.Tensor {
    if (!training || this.rate === 0) return x;
    const seed = this.nextSeed();
    return tf.tidy(() => {
      const keep = tf.cast(
        tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), this.rate),
        'float32',
      );
      return tf.mul(x, tf.mul(keep, 1 / (1 - this.rate)));
    });
  }

  override describe(): string {
    return `rate=${this.rate}`;
  }
}
