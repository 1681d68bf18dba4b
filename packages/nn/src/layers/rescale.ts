import { assertKnownOptions, assertNumberInRange, type Rng } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { Layer, type Shape } from '../layer';

/** Options of {@link Rescale}. */
export interface RescaleOptions {
  /** Factor on every input. */
  scale: number;
  /** Added after scaling. Default 0. */
  offset?: number;
  name?: string;
}

const where = 'Rescale';

/**
 * `x * scale + offset`, a fixed affine map with no weights (Keras' `Rescaling`). It lets a
 * network built for one pixel range take another: `new Rescale({ scale: 0.5, offset: 0.5 })`
 * first in a D maps [-1, 1] images to [0, 1], and `new Rescale({ scale: 2, offset: -1 })`
 * after a sigmoid makes a G's [0, 1] output [-1, 1].
 */
export class Rescale extends Layer {
  readonly kind = 'rescale';
  readonly scale: number;
  readonly offset: number;

  constructor(options: RescaleOptions) {
    assertKnownOptions(where, options, ['scale', 'offset', 'name']);
    super(options.name);
    this.scale = assertNumberInRange(where, 'scale', options.scale);
    this.offset = assertNumberInRange(where, 'offset', options.offset ?? 0);
  }

  protected buildWeights(inputShape: Shape, _rng: Rng): Shape {
    return inputShape;
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return tf.tidy(() => tf.add(tf.mul(x, this.scale), this.offset));
  }

  override describe(): string {
    return `scale=${this.scale}, offset=${this.offset}`;
  }
}
