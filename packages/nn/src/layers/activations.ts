import { assertKnownOptions, assertNumberInRange, type Rng } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { type Activation, activate } from '../activation';
import { Layer, type Shape } from '../layer';

/** A layer with no weights that applies one activation. */
abstract class ActivationLayer extends Layer {
  protected abstract readonly activation: Activation;
  protected alpha = 0.2;

  constructor(options: { name?: string } = {}) {
    super(options.name);
  }

  protected buildWeights(inputShape: Shape, _rng: Rng): Shape {
    return inputShape;
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return activate(x, this.activation, this.alpha);
  }
}

/** `max(x, 0)`. */
export class ReLU extends ActivationLayer {
  readonly kind = 'relu';
  protected readonly activation = 'relu';
}

/** `x` for x > 0, `alpha * x` otherwise. Default alpha 0.2 (DCGAN's). */
export class LeakyReLU extends ActivationLayer {
  readonly kind = 'leaky_relu';
  protected readonly activation = 'leakyRelu';

  constructor(options: { alpha?: number; name?: string } = {}) {
    assertKnownOptions('LeakyReLU', options, ['alpha', 'name']);
    super(options);
    this.alpha = assertNumberInRange('LeakyReLU', 'alpha', options.alpha ?? 0.2, 0);
  }

  override describe(): string {
    return `alpha=${this.alpha}`;
  }
}

/** Hyperbolic tangent, output in (-1, 1). */
export class Tanh extends ActivationLayer {
  readonly kind = 'tanh';
  protected readonly activation = 'tanh';
}

/** Logistic sigmoid, output in (0, 1). */
export class Sigmoid extends ActivationLayer {
  readonly kind = 'sigmoid';
  protected readonly activation = 'sigmoid';
}

/** Softmax over the last axis. */
export class Softmax extends ActivationLayer {
  readonly kind = 'softmax';
  protected readonly activation = 'softmax';
}
