import { assertKnownOptions, type Rng, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { Layer, type Shape } from '../layer';

/** Flattens each sample to one dimension: `[batch, ...] -> [batch, size]`. */
export class Flatten extends Layer {
  readonly kind = 'flatten';

  constructor(options: { name?: string } = {}) {
    assertKnownOptions('Flatten', options, ['name']);
    super(options.name);
  }

  protected buildWeights(inputShape: Shape, _rng: Rng): Shape {
    return [inputShape.reduce((a, b) => a * b, 1)];
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return tf.reshape(x, [x.shape[0] as number, -1]);
  }
}

/** Reshapes each sample to `targetShape` (same number of values). */
export class Reshape extends Layer {
  readonly kind = 'reshape';
  readonly targetShape: number[];

  constructor(options: { targetShape: number[]; name?: string }) {
    assertKnownOptions('Reshape', options, ['targetShape', 'name']);
    super(options.name);
    this.targetShape = [...options.targetShape];
  }

  protected buildWeights(inputShape: Shape, _rng: Rng): Shape {
    const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
    if (size(inputShape) !== size(this.targetShape)) {
      throw new ShapeError(
        `Layer '${this.name}' (Reshape) cannot reshape [${inputShape.join(', ')}] (${size(inputShape)} values) to [${this.targetShape.join(', ')}] (${size(this.targetShape)} values).`,
      );
    }
    return this.targetShape;
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return tf.reshape(x, [x.shape[0] as number, ...this.targetShape]);
  }

  override describe(): string {
    return `[${this.targetShape.join(', ')}]`;
  }
}
