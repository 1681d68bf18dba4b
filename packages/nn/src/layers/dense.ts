import {
  assertBoolean,
  assertInteger,
  assertKnownOptions,
  dense,
  type Rng,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type Activation, activate, checkActivation } from '../activation';
import type { Initializer } from '../initializers';
import { Layer, type Shape } from '../layer';
import { firstSingularVector, spectrallyNormalised } from './spectral_norm';

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
  /**
   * Weight normalisation (Salimans and Kingma 2016): the kernel's columns are used as
   * `scale * v / ‖v‖`, with a trained `scale` per unit (initialised to 1, so each column
   * starts at unit length). Default false.
   */
  weightNorm?: boolean;
  /**
   * With `weightNorm`: whether training changes `scale`. False keeps each column's length at
   * what {@link Dense.initializeFromData} (or 1) set, as in Salimans et al.'s semi-supervised
   * MNIST discriminator, whose hidden layers only turn their columns. Default true.
   */
  trainScale?: boolean;
  /**
   * Spectral normalisation (Miyato et al. 2018): the kernel is used divided by its largest
   * singular value, estimated by one power-iteration step per training call (the vector is a
   * non-trainable weight, `sn_u`, saved with the model). Keeps a discriminator 1-Lipschitz
   * layer by layer. Not with `weightNorm`. Default false.
   */
  spectralNorm?: boolean;
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
  readonly weightNorm: boolean;
  /** With `weightNorm`: whether training changes the columns' lengths (`scale`). */
  readonly trainScale: boolean;
  readonly spectralNorm: boolean;
  private readonly options: DenseOptions;
  private kernel?: tf.Variable;
  private bias?: tf.Variable;
  private scale?: tf.Variable;
  /** With `spectralNorm`: the power iteration's vector over the units. */
  private singularVector?: tf.Variable;

  constructor(options: DenseOptions) {
    assertKnownOptions(where, options, [
      'units',
      'activation',
      'useBias',
      'kernelInitializer',
      'biasInitializer',
      'weightNorm',
      'trainScale',
      'spectralNorm',
      'name',
    ]);
    super(options.name);
    this.units = assertInteger(where, 'units', options.units);
    this.activation = checkActivation(where, options.activation ?? 'linear');
    this.useBias = options.useBias ?? true;
    this.weightNorm = assertBoolean(where, 'weightNorm', options.weightNorm ?? false);
    this.trainScale = assertBoolean(where, 'trainScale', options.trainScale ?? true);
    this.spectralNorm = assertBoolean(where, 'spectralNorm', options.spectralNorm ?? false);
    if (this.spectralNorm && this.weightNorm) {
      throw new ValueError(
        `Options 'spectralNorm' and 'weightNorm' of 'Dense' cannot be combined: each sets the kernel's scale.`,
      );
    }
    if (options.trainScale !== undefined && !this.weightNorm) {
      throw new ValueError(
        `Option 'trainScale' of 'Dense' works with weightNorm only: without it the layer has no scale.`,
      );
    }
    if (this.weightNorm && options.kernelInitializer === 'zeros') {
      throw new ValueError(
        `Argument 'kernelInitializer' passed to 'Dense' cannot be 'zeros' with weightNorm: a zero column has no direction to normalise.`,
      );
    }
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
    if (this.weightNorm)
      this.scale = this.addWeight('scale', tf.ones([this.units]), this.trainScale);
    if (this.spectralNorm)
      this.singularVector = this.addWeight('sn_u', firstSingularVector(this.units, rng), false);
    return [this.units];
  }

  call(x: tf.Tensor, training: boolean): tf.Tensor {
    if (this.scale) return tf.tidy(() => this.forward(x, this.normalisedKernel()));
    const u = this.singularVector;
    if (u) {
      return tf.tidy(() =>
        this.forward(x, spectrallyNormalised(this.kernel as tf.Tensor, u, training) as tf.Tensor2D),
      );
    }
    return this.forward(x, this.kernel as tf.Tensor2D);
  }

  private forward(x: tf.Tensor, kernel: tf.Tensor2D): tf.Tensor {
    const bias = this.bias as tf.Tensor1D | undefined;
    if (this.activation === 'linear' || this.activation === 'relu') {
      // One fused kernel whose gradient computes only what backpropagation asks for.
      return dense(x as tf.Tensor2D, kernel, bias, this.activation);
    }
    return tf.tidy(() => activate(dense(x as tf.Tensor2D, kernel, bias), this.activation));
  }

  /**
   * Data-dependent initialisation of a weight-normalised layer (Salimans and Kingma 2016,
   * section 3): sets `scale` and `bias` so that on the batch `x` (shape `[batch, features]`,
   * at least 2 samples) each unit's value before the activation has mean 0 and standard
   * deviation 1. Call it once, before training; `initializeFromData` in this package does it
   * for every such layer of a model.
   */
  initializeFromData(x: tf.Tensor): void {
    const name = `${this.name}.initializeFromData`;
    if (!this.scale || !this.bias) {
      throw new ValueError(
        `'${name}' needs a layer built with weightNorm and a bias, but '${this.name}' has ${this.scale ? 'no bias' : 'no weightNorm'}.`,
      );
    }
    if (x.rank !== 2 || x.shape[1] !== this.inputShape[0] || (x.shape[0] as number) < 2) {
      throw new ShapeError(
        `Argument 'x' passed to '${name}' must have shape [batch >= 2, ${this.inputShape[0]}], but got [${x.shape.join(', ')}].`,
      );
    }
    const scale = this.scale;
    const bias = this.bias;
    tf.tidy(() => {
      const t = tf.matMul(x as tf.Tensor2D, this.normalisedKernel());
      const { mean, variance } = tf.moments(t, 0);
      const std = tf.sqrt(tf.add(variance, 1e-8));
      scale.assign(tf.div(scale, std));
      bias.assign(tf.neg(tf.div(mean, std)));
    });
  }

  /** Weight normalisation: each column of the kernel as `scale * v / ‖v‖`. */
  private normalisedKernel(): tf.Tensor2D {
    const kernel = this.kernel as tf.Tensor2D;
    const norms = tf.sqrt(tf.sum(tf.square(kernel), 0));
    return tf.mul(kernel, tf.div(this.scale as tf.Tensor1D, norms));
  }

  override describe(): string {
    return `units=${this.units}${this.activation === 'linear' ? '' : `, ${this.activation}`}`;
  }
}
