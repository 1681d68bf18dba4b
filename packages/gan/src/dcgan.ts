import { dcganDiscriminator, dcganGenerator } from './architectures';
import { GAN, type GANOptions, type ModelDefaults } from './gan';
import { packedShape } from './pack';

/** Options of {@link DCGAN}: those of every GAN, plus the image shape and network width. */
export interface DCGANOptions extends GANOptions {
  /** Default [28, 28, 1]; height and width divisible by 4. */
  imageShape?: [number, number, number];
  /** Channels of G's first feature map and D's last convolution. Default 128. */
  width?: number;
}

/** DCGAN's default networks and settings, shared with LSGAN. */
export function dcganDefaults(options: DCGANOptions, where: string): ModelDefaults {
  return {
    latentDim: 100,
    beta1: 0.5,
    where,
    extraKeys: ['imageShape', 'width', 'pack'],
    build: (latentDim, seed, pack) => {
      const net = { latentDim, seed, imageShape: options.imageShape, width: options.width };
      const imageShape = packedShape(options.imageShape ?? [28, 28, 1], pack);
      const packed = { ...net, imageShape: imageShape as [number, number, number] };
      return [dcganGenerator(net), dcganDiscriminator(packed)];
    },
  };
}

/**
 * DCGAN (Radford et al. 2015): strided convolutions in D, transposed convolutions in G,
 * BatchNorm in both, no pooling, N(0, 0.02) weights, Adam 2e-4 with β1 0.5.
 */
export class DCGAN extends GAN {
  constructor(options: DCGANOptions = {}) {
    super(options, dcganDefaults(options, 'DCGAN'));
  }
}
