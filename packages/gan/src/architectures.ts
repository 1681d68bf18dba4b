import { assertBoolean, assertInteger, ValueError } from '@gankit/core';
import {
  BatchNorm,
  Conv2D,
  Conv2DTranspose,
  Dense,
  Flatten,
  type Initializer,
  type Layer,
  LeakyReLU,
  ReLU,
  Reshape,
  Sequential,
  Tanh,
} from '@gankit/nn';

/** Options of the MLP networks of yunjey/pytorch-tutorial's GAN. */
export interface MlpOptions {
  /** Size of z. Default 64. */
  latentDim?: number;
  /** Hidden layer sizes. Default [256, 256]. */
  hidden?: number[];
  /** Shape of one sample. Default [784] (a flat MNIST digit). */
  sampleShape?: number[];
  /** Extra inputs (a one-hot label for conditional GANs). Default 0. */
  conditionDim?: number;
  /** Outputs of the discriminator. Default 1 (K for a semi-supervised GAN). */
  outputs?: number;
  /**
   * The generator's last activation. Default `'tanh'` (images in [-1, 1]); use `'linear'`
   * for data outside that range, such as the 2D mixtures (radius 2, grid at ±4).
   */
  outputActivation?: 'tanh' | 'linear';
  seed?: number | string;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** G: z → Dense 256, ReLU → Dense 256, ReLU → Dense 784, Tanh (yunjey's MNIST GAN). */
export function mlpGenerator(options: MlpOptions = {}): Sequential {
  const latentDim = options.latentDim ?? 64;
  const sampleShape = options.sampleShape ?? [784];
  const hidden = options.hidden ?? [256, 256];
  const layers: Layer[] = hidden.flatMap((units) => [new Dense({ units }), new ReLU()]);
  layers.push(
    new Dense({ units: size(sampleShape), activation: options.outputActivation ?? 'tanh' }),
  );
  if (sampleShape.length > 1) layers.push(new Reshape({ targetShape: sampleShape }));
  return new Sequential({
    name: 'generator',
    inputShape: [latentDim + (options.conditionDim ?? 0)],
    layers,
    seed: `${options.seed ?? 0}:generator`,
  });
}

/**
 * D: x → Dense 256, LeakyReLU 0.2 → Dense 256, LeakyReLU 0.2 → Dense 1 (a logit; the
 * sigmoid lives in the loss, which is the numerically stable form of yunjey's Sigmoid + BCE).
 */
export function mlpDiscriminator(options: MlpOptions = {}): Sequential {
  const sampleShape = options.sampleShape ?? [784];
  const hidden = options.hidden ?? [256, 256];
  const layers = hidden.flatMap((units) => [new Dense({ units }), new LeakyReLU({ alpha: 0.2 })]);
  layers.push(new Dense({ units: options.outputs ?? 1 }));
  const flat = size(sampleShape) + (options.conditionDim ?? 0);
  return new Sequential({
    name: 'discriminator',
    inputShape: [flat],
    layers,
    seed: `${options.seed ?? 0}:discriminator`,
  });
}

/** Options of the DCGAN networks. */
export interface DcganOptions {
  /** Size of z. Default 100. */
  latentDim?: number;
  /** Image shape; height and width divisible by 4. Default [28, 28, 1]. */
  imageShape?: [number, number, number];
  /** Channels of G's first feature map and D's last conv: an even integer >= 2. Default 128. */
  width?: number;
  /** Outputs of D. Default 1. */
  outputs?: number;
  /**
   * Units of a dense layer (BatchNorm, ReLU in G, LeakyReLU in D) between z and G's first
   * feature map and between D's last convolution and its output, as in InfoGAN's MNIST
   * networks (1024). Default 0: none, the plain DCGAN shape. `DCGAN` and `LSGAN` use 1024.
   */
  dense?: number;
  /**
   * D only: spectral normalisation (Miyato et al. 2018) on every convolution and dense layer,
   * and no BatchNorm (as their SN-DCGAN). Default false.
   */
  spectralNorm?: boolean;
  seed?: number | string;
}

/** DCGAN's weight init: N(0, 0.02). */
export const dcganInit: Initializer = { normal: { std: 0.02 } };

/**
 * G: z → [Dense `dense`, BatchNorm, ReLU →] Dense 7·7·128, BatchNorm, ReLU →
 * Conv2DTranspose 64 k4 s2, BatchNorm, ReLU → Conv2DTranspose 1 k4 s2, Tanh (for 28x28x1;
 * sizes scale with `imageShape` and `width`).
 */
export function dcganGenerator(options: DcganOptions = {}): Sequential {
  const { imageShape, width } = dcganShape('dcganGenerator', options);
  const [h, w, c] = imageShape;
  const init = dcganInit;
  const dense = denseUnits('dcganGenerator', options);
  return new Sequential({
    name: 'generator',
    inputShape: [options.latentDim ?? 100],
    seed: `${options.seed ?? 0}:generator`,
    layers: [
      ...(dense > 0
        ? [
            new Dense({ units: dense, useBias: false, kernelInitializer: init }),
            new BatchNorm(),
            new ReLU(),
          ]
        : []),
      new Dense({ units: (h / 4) * (w / 4) * width, useBias: false, kernelInitializer: init }),
      new BatchNorm(),
      new ReLU(),
      new Reshape({ targetShape: [h / 4, w / 4, width] }),
      new Conv2DTranspose({
        filters: width / 2,
        kernelSize: 4,
        strides: 2,
        useBias: false,
        kernelInitializer: init,
      }),
      new BatchNorm(),
      new ReLU(),
      new Conv2DTranspose({ filters: c, kernelSize: 4, strides: 2, kernelInitializer: init }),
      new Tanh(),
    ],
  });
}

/**
 * D: x → Conv2D 64 k4 s2, LeakyReLU 0.2 → Conv2D 128 k4 s2, BatchNorm, LeakyReLU 0.2 →
 * Flatten → [Dense `dense`, BatchNorm, LeakyReLU 0.2 →] Dense 1 (a logit). Strided
 * convolutions instead of pooling, as DCGAN prescribes. With `spectralNorm`, every
 * convolution and dense layer is spectrally normalised and the BatchNorms are left out.
 */
export function dcganDiscriminator(options: DcganOptions = {}): Sequential {
  const { imageShape, width } = dcganShape('dcganDiscriminator', options);
  const init = dcganInit;
  const dense = denseUnits('dcganDiscriminator', options);
  const sn = assertBoolean('dcganDiscriminator', 'spectralNorm', options.spectralNorm ?? false);
  const batchNorm = () => (sn ? [] : [new BatchNorm()]);
  const layerOptions = sn
    ? { kernelInitializer: init, spectralNorm: true }
    : { kernelInitializer: init };
  return new Sequential({
    name: 'discriminator',
    inputShape: imageShape,
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
      new Conv2D({ filters: width / 2, kernelSize: 4, strides: 2, ...layerOptions }),
      new LeakyReLU({ alpha: 0.2 }),
      new Conv2D({
        filters: width,
        kernelSize: 4,
        strides: 2,
        useBias: sn, // BatchNorm's shift replaces the bias; without it the layer needs one
        ...layerOptions,
      }),
      ...batchNorm(),
      new LeakyReLU({ alpha: 0.2 }),
      new Flatten(),
      ...(dense > 0
        ? [
            new Dense({ units: dense, useBias: sn, ...layerOptions }),
            ...batchNorm(),
            new LeakyReLU({ alpha: 0.2 }),
          ]
        : []),
      new Dense({ units: options.outputs ?? 1, ...layerOptions }),
    ],
  });
}

/**
 * The DCGAN networks' image shape and width, checked: G upsamples twice by 2 from a map of a
 * quarter the image's height and width, and D's first convolution has half `width`'s channels,
 * so height and width must be multiples of 4 and `width` an even integer of at least 2.
 */
export function dcganShape(
  where: string,
  options: Pick<DcganOptions, 'imageShape' | 'width'>,
): { imageShape: [number, number, number]; width: number } {
  const imageShape = options.imageShape ?? [28, 28, 1];
  if (
    !Array.isArray(imageShape) ||
    imageShape.length !== 3 ||
    !imageShape.every((n) => Number.isInteger(n) && n >= 1) ||
    imageShape[0] % 4 !== 0 ||
    imageShape[1] % 4 !== 0
  )
    throw new ValueError(
      `Argument 'imageShape' passed to '${where}' must be [height, width, channels] of positive integers with height and width multiples of 4, but got ${JSON.stringify(imageShape)}.`,
    );
  const width = assertInteger(where, 'width', options.width ?? 128, 2);
  if (width % 2 !== 0)
    throw new ValueError(
      `Argument 'width' passed to '${where}' must be even (D's first convolution has width / 2 channels), but got ${width}.`,
    );
  return { imageShape, width };
}

function denseUnits(where: string, options: DcganOptions): number {
  return assertInteger(where, 'dense', options.dense ?? 0, 0);
}
