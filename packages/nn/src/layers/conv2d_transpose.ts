import { assertInteger, assertKnownOptions, type Rng } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type Activation, activate, checkActivation } from '../activation';
import type { Initializer } from '../initializers';
import { Layer, type Shape } from '../layer';
import { imageShape, type Padding, type Pair, padding, pair } from './conv_util';

/** Options of {@link Conv2DTranspose}. */
export interface Conv2DTransposeOptions {
  /** Output channels. */
  filters: number;
  kernelSize: Pair;
  /** Default 1. With `'same'` padding the output is `stride` times the input. */
  strides?: Pair;
  /** Default `'same'`. */
  padding?: Padding;
  activation?: Activation;
  useBias?: boolean;
  kernelInitializer?: Initializer;
  biasInitializer?: Initializer;
  name?: string;
}

const where = 'Conv2DTranspose';

/**
 * A transposed convolution (the gradient of a convolution with respect to its input), the
 * upsampling layer of DCGAN's generator. Output size: `'same'` gives `input * stride`,
 * `'valid'` gives `(input - 1) * stride + kernel`.
 */
export class Conv2DTranspose extends Layer {
  readonly kind = 'conv2d_transpose';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: Padding;
  readonly activation: Activation;
  readonly useBias: boolean;
  private readonly options: Conv2DTransposeOptions;
  private kernel?: tf.Variable;
  private bias?: tf.Variable;

  constructor(options: Conv2DTransposeOptions) {
    assertKnownOptions(where, options, [
      'filters',
      'kernelSize',
      'strides',
      'padding',
      'activation',
      'useBias',
      'kernelInitializer',
      'biasInitializer',
      'name',
    ]);
    super(options.name);
    this.filters = assertInteger(where, 'filters', options.filters);
    this.kernelSize = pair(where, 'kernelSize', options.kernelSize);
    this.strides = pair(where, 'strides', options.strides ?? 1);
    this.padding = padding(where, options.padding);
    this.activation = checkActivation(where, options.activation ?? 'linear');
    this.useBias = options.useBias ?? true;
    this.options = options;
  }

  protected buildWeights(inputShape: Shape, rng: Rng): Shape {
    const [h, w, c] = imageShape(this.name, 'Conv2DTranspose', inputShape);
    const [kh, kw] = this.kernelSize;
    // The kernel is stored as [kh, kw, outChannels, inChannels], as tf.conv2dTranspose wants.
    const fanIn = kh * kw * c;
    const fanOut = kh * kw * this.filters;
    ({ kernel: this.kernel, bias: this.bias } = this.addKernelAndBias(
      [kh, kw, this.filters, c],
      this.filters,
      { fanIn, fanOut: fanOut },
      this.options,
      rng,
    ));
    const out = (size: number, k: number, s: number) =>
      this.padding === 'same' ? size * s : (size - 1) * s + k;
    return [out(h, kh, this.strides[0]), out(w, kw, this.strides[1]), this.filters];
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return tf.tidy(() => {
      const [oh, ow, oc] = this.outputShape as [number, number, number];
      const y = tf.conv2dTranspose(
        x as tf.Tensor4D,
        this.kernel as tf.Tensor4D,
        [x.shape[0] as number, oh, ow, oc],
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
