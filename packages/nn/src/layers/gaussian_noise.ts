import { assertKnownOptions, assertNumberInRange } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { RandomLayer } from './random_layer';

/** Options of {@link GaussianNoise}. */
export interface GaussianNoiseOptions {
  /** Standard deviation of the noise added in training, >= 0. */
  stddev: number;
  name?: string;
}

const where = 'GaussianNoise';

/**
 * Adds N(0, stddev²) noise to its inputs in training mode; the identity in eval mode. A
 * regulariser: Salimans et al.'s semi-supervised MNIST discriminator puts one before every
 * dense layer. Its noise comes from the model's seed.
 */
export class GaussianNoise extends RandomLayer {
  readonly kind = 'gaussian_noise';
  readonly stddev: number;

  constructor(options: GaussianNoiseOptions) {
    assertKnownOptions(where, options, ['stddev', 'name']);
    super(options.name);
    this.stddev = assertNumberInRange(where, 'stddev', options.stddev, 0);
  }

  call(x: tf.Tensor, training: boolean): tf.Tensor {
    if (!training || this.stddev === 0) return x;
    const seed = this.nextSeed();
    return tf.tidy(() => tf.add(x, tf.randomNormal(x.shape, 0, this.stddev, 'float32', seed)));
  }

  override describe(): string {
    return `stddev=${this.stddev}`;
  }
}
