import { assertInteger, assertKnownOptions, type Rng, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type Activation, activate, checkActivation } from '../activation';
import type { Initializer } from '../initializers';
import { Layer, type Shape } from '../layer';

/** Options of {@link Dense}. */
export interface DenseOptions {
  /** Output size. */
  units: number;
  /** Applied to the output. Default `'linear'`. */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  kernelInitializer?: Initializer;
  /** Default `'zeros'`. */
  biasInitializer?: Initializer;
  /** Layer name; default `dense_<index>`. */
  name?: string;
}

const where = 'Dense';

/** A fully connected layer: `activation(x · kernel + bias)`, on inputs of shape `[batch, features]`. */
export class Dense extends Layer {
  readonly kind = 'dense';
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  private readonly options: DenseOptions;
  private kernel?: tf.Variable;
  private bias?: tf.Variable;

  constructor(options: DenseOptions) {
    assertKnownOptions(where, options, [
      'units',
      'activation',
      'useBias',
      'kernelInitializer',
      'biasInitializer',
      'name',
    ]);
    super(options.name);
    this.units = assertInteger(where, 'units', options.units);
    this.activation = checkActivation(where, options.activation ?? 'linear');
    this.useBias = options.useBias ?? true;
    this.options = options;
  }

  protected buildWeights(inputShape: Shape, rng: Rng): Shape {
    if (inputShape.length !== 1) {
      throw new ShapeError(
        `Layer '${this.name}' (Dense) needs inputs of shape [batch, features], but its input shape is [batch, ${inputShape.join(', ')}]; add a Flatten layer before it.`,
      );
    }
    const fanIn = inputShape[0] as number;
    ({ kernel: this.kernel, bias: this.bias } = this.addKernelAndBias(
      [fanIn, this.units],
      this.units,
      { fanIn, fanOut: this.units },
      this.options,
      rng,
    ));
    return [this.units];
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    const fusable =
      this.activation === 'linear' || this.activation === 'relu' || this.activation === 'sigmoid';
    if (fusable) {
      // One fused kernel (matMul + bias + activation) where tfjs allows it.
      return tf.fused.matMul({
        a: x as tf.Tensor2D,
        b: this.kernel as tf.Tensor2D,
        bias: this.bias,
        activation: this.activation === 'linear' ? 'linear' : this.activation,
      });
    }
    return tf.tidy(() => {
      const y = tf.matMul(x as tf.Tensor2D, this.kernel as tf.Tensor2D);
      return activate(this.bias ? tf.add(y, this.bias) : y, this.activation);
    });
  }

  override describe(): string {
    return `units=${this.units}${this.activation === 'linear' ? '' : `, ${this.activation}`}`;
  }
}
