import {
  assertBoolean,
  assertInteger,
  assertKnownOptions,
  conv2d,
  type Rng,
  ShapeError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type Activation, activate, checkActivation } from '../activation';
import type { Initializer } from '../initializers';
import { Layer, type Shape } from '../layer';
import { imageShape, type Padding, type Pair, padding, pair } from './conv_util';
import { firstSingularVector, spectrallyNormalised } from './spectral_norm';

/** Options of {@link Conv2D}. */
export interface Conv2DOptions {
  /** Output channels. */
  filters: number;
  kernelSize: Pair;
  /** Default 1. */
  strides?: Pair;
  /** Default `'same'`. */
  padding?: Padding;
  /** Default 1. Strides must be 1 when dilation is above 1. */
  dilation?: Pair;
  activation?: Activation;
  useBias?: boolean;
  kernelInitializer?: Initializer;
  biasInitializer?: Initializer;
  /** Spectral normalisation of the kernel, as `Dense`'s option (the kernel as a [kh·kw·in, filters] matrix). Default false. */
  spectralNorm?: boolean;
  name?: string;
}

const where = 'Conv2D';

/** A 2-D convolution over `[batch, height, width, channels]` inputs (NHWC). */
export class Conv2D extends Layer {
  readonly kind = 'conv2d';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly dilation: [number, number];
  readonly padding: Padding;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly spectralNorm: boolean;
  private readonly options: Conv2DOptions;
  private kernel?: tf.Variable;
  private bias?: tf.Variable;
  /** With `spectralNorm`: the power iteration's vector over the filters. */
  private singularVector?: tf.Variable;

  constructor(options: Conv2DOptions) {
    assertKnownOptions(where, options, [
      'filters',
      'kernelSize',
      'strides',
      'padding',
      'dilation',
      'activation',
      'useBias',
      'kernelInitializer',
      'biasInitializer',
      'spectralNorm',
      'name',
    ]);
    super(options.name);
    this.filters = assertInteger(where, 'filters', options.filters);
    this.kernelSize = pair(where, 'kernelSize', options.kernelSize);
    this.strides = pair(where, 'strides', options.strides ?? 1);
    this.dilation = pair(where, 'dilation', options.dilation ?? 1);
    this.padding = padding(where, options.padding);
    this.activation = checkActivation(where, options.activation ?? 'linear');
    this.useBias = options.useBias ?? true;
    this.spectralNorm = assertBoolean(where, 'spectralNorm', options.spectralNorm ?? false);
    this.options = options;
  }

  protected buildWeights(inputShape: Shape, rng: Rng): Shape {
    const [h, w, c] = imageShape(this.name, 'Conv2D', inputShape);
    const [kh, kw] = this.kernelSize;
    const fanIn = kh * kw * c;
    const fanOut = kh * kw * this.filters;
    ({ kernel: this.kernel, bias: this.bias } = this.addKernelAndBias(
      [kh, kw, c, this.filters],
      this.filters,
      { fanIn, fanOut: fanOut },
      this.options,
      rng,
    ));
    const out = (size: number, k: number, s: number, d: number) =>
      this.padding === 'same' ? Math.ceil(size / s) : Math.ceil((size - (k - 1) * d) / s);
    const oh = out(h, kh, this.strides[0], this.dilation[0]);
    const ow = out(w, kw, this.strides[1], this.dilation[1]);
    if (oh < 1 || ow < 1) {
      throw new ShapeError(
        `Layer '${this.name}' (Conv2D): a ${kh}x${kw} kernel with 'valid' padding does not fit an input of ${h}x${w}.`,
      );
    }
    if (this.spectralNorm)
      this.singularVector = this.addWeight('sn_u', firstSingularVector(this.filters, rng), false);
    return [oh, ow, this.filters];
  }

  call(x: tf.Tensor, training: boolean): tf.Tensor {
    const u = this.singularVector;
    if (u) {
      return tf.tidy(() =>
        this.convolve(
          x,
          spectrallyNormalised(this.kernel as tf.Tensor, u, training) as tf.Tensor4D,
        ),
      );
    }
    return this.convolve(x, this.kernel as tf.Tensor4D);
  }

  private convolve(x: tf.Tensor, kernel: tf.Tensor4D): tf.Tensor {
    const dilated = this.dilation[0] > 1 || this.dilation[1] > 1;
    const fusable = !dilated && (this.activation === 'linear' || this.activation === 'relu');
    const conv = (activation: 'linear' | 'relu') =>
      conv2d(x as tf.Tensor4D, kernel, this.bias as tf.Tensor1D | undefined, {
        strides: this.strides,
        padding: this.padding,
        activation,
      });
    if (fusable) return conv(this.activation as 'linear' | 'relu');
    if (!dilated) return tf.tidy(() => activate(conv('linear'), this.activation));
    // tfjs has no gradient for dilated convolutions: convolve with the kernel spread out
    // by zeros instead, which is the same function and trains.
    return tf.tidy(() => {
      const y = tf.conv2d(
        x as tf.Tensor4D,
        dilateKernel(kernel, this.dilation),
        this.strides,
        this.padding,
      );
      return activate(this.bias ? tf.add(y, this.bias) : y, this.activation);
    });
  }

  override describe(): string {
    return `${this.filters} filters, ${this.kernelSize.join('x')}, stride ${this.strides.join('x')}, ${this.padding}`;
  }
}

/** Spreads a `[kh, kw, in, out]` kernel by `dilation`, filling the gaps with zeros. */
function dilateKernel(kernel: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  const [kh, kw, ci, co] = kernel.shape;
  const spread = tf.pad(tf.reshape(kernel, [kh, 1, kw, 1, ci, co]), [
    [0, 0],
    [0, dh - 1],
    [0, 0],
    [0, dw - 1],
    [0, 0],
    [0, 0],
  ]);
  const full = tf.reshape(spread, [kh * dh, kw * dw, ci, co]) as tf.Tensor4D;
  return tf.slice4d(full, [0, 0, 0, 0], [(kh - 1) * dh + 1, (kw - 1) * dw + 1, ci, co]);
}
