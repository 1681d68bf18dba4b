import type { Rng } from '@gankit/core';
import { Layer, type Shape } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';

/**
 * LeakyReLU written as `alpha * x + (1 - alpha) * relu(x)`: the same function and gradient
 * as `tf.leakyRelu`, but built from ops whose second-order gradients tfjs-core 4.22 has.
 * `tf.leakyRelu`'s gradient uses a `Greater` mask that has no registered gradient, so a
 * WGAN-GP critic (whose loss differentiates the critic's input gradient) cannot use it.
 */
export class CompositeLeakyReLU extends Layer {
  readonly kind = 'composite_leaky_relu';
  readonly alpha: number;

  constructor(options: { alpha?: number; name?: string } = {}) {
    super(options.name);
    this.alpha = options.alpha ?? 0.2;
  }

  protected buildWeights(inputShape: Shape, _rng: Rng): Shape {
    return inputShape;
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return tf.tidy(() => tf.add(tf.mul(this.alpha, x), tf.mul(1 - this.alpha, tf.relu(x))));
  }

  override describe(): string {
    return `alpha=${this.alpha}`;
  }
}
