import {
  ConditionalGAN,
  DCGAN,
  GAN,
  type GANOptions,
  LSGAN,
  mlpDiscriminator,
  mlpGenerator,
  packedShape,
  WGANGP,
} from '@gankit/gan';
import type { RunFile } from './run_file';
import { createSgan } from './semi_supervised';

/** The network choices a run records: sgan's `--net`, dcgan's and lsgan's `--dense` and `--width`. */
export type NetworkChoice = Pick<RunFile, 'net' | 'dense' | 'width'>;

/** What `gankit train` needs to know about a model. */
export interface ModelEntry {
  /** One line for `--help`. */
  description: string;
  /** Whether the model takes flat `[n, 784]` digits or `[n, 28, 28, 1]` images. */
  flat: boolean;
  /** Conditional models train on the digit labels and draw sample grids row by row per digit. */
  conditional?: boolean;
  /** Semi-supervised models learn from a few labelled digits (`--labels`) and classify. */
  semiSupervised?: boolean;
  /** Whether `--pack` (PacGAN: D judges several samples at once) applies. */
  packs?: boolean;
  /** Whether `--dense` (units of a dense layer in G and D) and `--width` (channels) apply. */
  dense?: boolean;
  /** Whether `--g-average` (sampling from a running average of G's weights) applies. */
  averagesG?: boolean;
  /** Whether `--r1` (the R1 penalty in D's loss) applies. */
  r1?: boolean;
  /**
   * Builds the model. An absent `choice.net` means `small`, an absent `choice.dense` 0 and an
   * absent `choice.width` 128, as in run folders written before those flags existed.
   */
  create(options: GANOptions, sampleShape: number[], choice?: NetworkChoice): GAN;
}

/** The models `gankit train` knows, by command-line name. */
export const models: Record<string, ModelEntry> = {
  gan: {
    description: "yunjey's MLP GAN (G 64-256-256-784, D 784-256-256-1)",
    flat: true,
    packs: true,
    averagesG: true,
    r1: true,
    create: (options, sampleShape) =>
      sampleShape[0] === 2
        ? new GAN({
            ...options,
            // Adam's β1 of 0.5 (as DCGAN uses): with 0.9 the 2D runs did not learn the ring.
            beta1: 0.5,
            generator: mlpGenerator({
              latentDim: 2,
              sampleShape,
              hidden: [128, 128],
              // The mixtures reach radius 2 (ring) and ±4 (grid): beyond tanh's range.
              outputActivation: 'linear',
              seed: options.seed,
            }),
            discriminator: mlpDiscriminator({
              sampleShape: packedShape(sampleShape, options.pack ?? 1),
              hidden: [128, 128],
              seed: options.seed,
            }),
          })
        : new GAN(options),
  },
  dcgan: {
    description: 'DCGAN (strided convs, BatchNorm, dense 1024, Adam 2e-4 beta1 0.5)',
    flat: false,
    packs: true,
    averagesG: true,
    r1: true,
    dense: true,
    create: (o, _shape, choice) =>
      new DCGAN({ ...o, dense: choice?.dense ?? 0, width: choice?.width ?? 128 }),
  },
  lsgan: {
    description: 'LSGAN (DCGAN networks, least-squares loss)',
    flat: false,
    packs: true,
    averagesG: true,
    r1: true,
    dense: true,
    create: (o, _shape, choice) =>
      new LSGAN({ ...o, dense: choice?.dense ?? 0, width: choice?.width ?? 128 }),
  },
  sgan: {
    description:
      'semi-supervised GAN (Salimans et al.): D classifies digits from --labels labelled ones',
    flat: true,
    semiSupervised: true,
    create: (o, sampleShape, choice) =>
      createSgan(choice?.net ?? 'small', {
        seed: o.seed ?? 0,
        learningRate: o.learningRate ?? 2e-4,
        sampleShape,
      }),
  },
  cgan: {
    description: 'conditional GAN (one-hot digit into G and D; MLP networks)',
    flat: true,
    conditional: true,
    create: (o) => new ConditionalGAN(o),
  },
  'wgan-gp': {
    description: 'WGAN-GP (MLP critic, gradient penalty 10, 5 critic steps per G step, Adam 1e-4)',
    flat: true,
    create: (o) =>
      new WGANGP({ seed: o.seed, learningRate: o.learningRate === 2e-4 ? 1e-4 : o.learningRate }),
  },
};
