import type { Rng } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type Initializer, initialize } from './initializers';

/** The shape of one sample, without the batch dimension. */
export type Shape = readonly number[];

/** A weight of a layer: its name inside the model, its variable, and whether training changes it. */
export interface Weight {
  /** `layerName/weightName`, for example `dense_0/kernel`. Set when the layer is built. */
  name: string;
  variable: tf.Variable;
  /** False for statistics such as BatchNorm's moving mean, which the optimizer never touches. */
  trainable: boolean;
}

/**
 * A layer: built once for an input shape (which creates its weights), then applied to
 * batches. Subclasses implement `build` and `call`.
 */
export abstract class Layer {
  /** Unique inside its model; `Sequential` names layers `<kind>_<index>` unless given a name. */
  name: string;
  /** The weights, empty until built. */
  readonly weights: Weight[] = [];
  /** The per-sample output shape, set by `build`. */
  outputShape: Shape = [];
  /** The per-sample input shape, set by `build`. */
  inputShape: Shape = [];

  constructor(name = '') {
    this.name = name;
  }

  /** A short name of the layer kind, such as `dense`. */
  abstract readonly kind: string;

  /** Creates the weights for `inputShape` and returns the output shape. Called once. */
  protected abstract buildWeights(inputShape: Shape, rng: Rng): Shape;

  /** Applies the layer to a batch `x` of shape `[batch, ...inputShape]`. */
  abstract call(x: tf.Tensor, training: boolean): tf.Tensor;

  /** Builds the layer (once) and returns its output shape. */
  build(inputShape: Shape, rng: Rng): Shape {
    this.inputShape = inputShape;
    this.outputShape = this.buildWeights(inputShape, rng);
    return this.outputShape;
  }

  /** Adds a weight initialized to `value` (taking ownership of it). */
  protected addWeight(name: string, value: tf.Tensor, trainable = true): tf.Variable {
    const variable = tf.variable(value, trainable);
    value.dispose();
    this.weights.push({ name: `${this.name}/${name}`, variable, trainable });
    return variable;
  }

  /**
   * Adds a `kernel` of `kernelShape` and, when `useBias` is not false, a `bias` of `units`
   * values (Glorot uniform and zeros unless the options say otherwise). Dense and the
   * convolutions share it.
   */
  protected addKernelAndBias(
    kernelShape: number[],
    units: number,
    fans: { fanIn: number; fanOut: number },
    options: { kernelInitializer?: Initializer; biasInitializer?: Initializer; useBias?: boolean },
    rng: Rng,
  ): { kernel: tf.Variable; bias?: tf.Variable } {
    const { fanIn, fanOut } = fans;
    const kernelInit = options.kernelInitializer ?? 'glorotUniform';
    const kernel = this.addWeight(
      'kernel',
      initialize(kernelInit, kernelShape, fanIn, fanOut, rng),
    );
    if (options.useBias === false) return { kernel };
    const biasInit = options.biasInitializer ?? 'zeros';
    return {
      kernel,
      bias: this.addWeight('bias', initialize(biasInit, [units], fanIn, fanOut, rng)),
    };
  }

  /** A one-line description of the layer's settings, for `summary()`. */
  describe(): string {
    return '';
  }

  /** Frees the layer's weights. */
  dispose(): void {
    for (const w of this.weights) w.variable.dispose();
    this.weights.length = 0;
  }
}
