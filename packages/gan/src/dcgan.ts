import { assertInteger } from '@gankit/core';
import { dcganDiscriminator, dcganGenerator, dcganShape } from './architectures';
import { GAN, type GANOptions, type ModelDefaults, unconditionalGanKeys } from './gan';
import { packedShape } from './pack';

/** Options of {@link DCGAN}: those of every GAN, plus the image shape and network width. */
export interface DCGANOptions extends GANOptions {
  /** Default [28, 28, 1]; height and width divisible by 4. */
  imageShape?: [number, number, number];
  /** Channels of G's first feature map and D's last convolution: an even integer >= 2. Default 128. */
  width?: number;
  /**
   * Units of the dense layer after z in G and before the logit in D (InfoGAN's MNIST
   * networks). Default 1024; 0 builds the plain DCGAN networks (the default before).
   */
  dense?: number;
  /**
   * Spectral normalisation in D (Miyato et al. 2018): every convolution and dense layer of D
   * spectrally normalised, and D without BatchNorm, as their SN-DCGAN. G is unchanged.
   * Default false.
   */
  spectralNorm?: boolean;
}

/** DCGAN's default networks and settings, shared with LSGAN. */
export function dcganDefaults(options: DCGANOptions, where: string): ModelDefaults {
  return {
    latentDim: 100,
    beta1: 0.5,
    where,
    extraKeys: ['imageShape', 'width', 'dense', 'spectralNorm', ...unconditionalGanKeys],
    build: (latentDim, seed, pack) => {
      const dense = assertInteger(where, 'dense', options.dense ?? 1024, 0);
      const { imageShape: shape, width } = dcganShape(where, options);
      const net = { latentDim, seed, imageShape: shape, width, dense };
      const imageShape = packedShape(shape, pack);
      const packed = {
        ...net,
        imageShape: imageShape as [number, number, number],
        spectralNorm: options.spectralNorm,
      };
      return [dcganGenerator(net), dcganDiscriminator(packed)];
    },
  };
}

/**
 * DCGAN (Radford et al. 2015): strided convolutions in D, transposed convolutions in G,
 * BatchNorm in both, no pooling, N(0, 0.02) weights, Adam 2e-4 with β1 0.5. By default G and D
 * also have a dense layer of 1024 units (after z; before the logit), as InfoGAN's MNIST
 * networks do: on MNIST it scores higher after 2 epochs than the plain networks after 10
 * (see the README); `dense: 0` builds the plain ones.
 */
export class DCGAN extends GAN {
  constructor(options: DCGANOptions = {}) {
    super(options, dcganDefaults(options, 'DCGAN'));
  }
}
