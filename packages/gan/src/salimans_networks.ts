import { ValueError } from '@gankit/core';
import { BatchNorm, Dense, GaussianNoise, ReLU, Rescale, Sequential } from '@gankit/nn';

/** Options of {@link salimansDiscriminator} and {@link salimansGenerator}. */
export interface SalimansOptions {
  /**
   * The pixel range of the images: `'0..1'` (Salimans et al.'s) or `'-1..1'` (gankit's other
   * models). On `'-1..1'` the networks are the same functions, wrapped: D first maps its
   * input to [0, 1] and G maps its sigmoid's output to [-1, 1] (`Rescale` layers), so both
   * ranges train alike. Default `'0..1'`.
   */
  pixelRange?: '0..1' | '-1..1';
  /** Shape of one sample. Default [784]. */
  sampleShape?: number[];
  /** Seed of the weights (and of D's noise). */
  seed?: number | string;
}

function checkRange(where: string, range: unknown): '0..1' | '-1..1' {
  if (range === undefined) return '0..1';
  if (range === '0..1' || range === '-1..1') return range;
  throw new ValueError(
    `Argument 'pixelRange' passed to '${where}' must be '0..1' or '-1..1', but got ${JSON.stringify(range)}.`,
  );
}

const sizeOf = (shape?: number[]) => (shape ?? [784]).reduce((a, b) => a * b, 1);

/**
 * Salimans et al.'s semi-supervised MNIST discriminator (their code's dense layers, without
 * its weight normalisation): 784 (mapped to [0, 1] first on `'-1..1'` pixels) → Gaussian
 * noise 0.3 → Dense 1000, 500, 250, 250, 250, each ReLU then Gaussian noise 0.5 → Dense K
 * (class logits). Pass it to `SemiSupervisedGAN` with {@link salimansGenerator}, and a
 * second one to `SupervisedBaseline` for the comparison.
 */
export function salimansDiscriminator(
  options: SalimansOptions & { numClasses?: number } = {},
): Sequential {
  const range = checkRange('salimansDiscriminator', options.pixelRange);
  return new Sequential({
    name: 'discriminator',
    inputShape: [sizeOf(options.sampleShape)],
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
      ...(range === '0..1' ? [] : [new Rescale({ scale: 0.5, offset: 0.5 })]),
      new GaussianNoise({ stddev: 0.3 }),
      ...[1000, 500, 250, 250, 250].flatMap((units) => [
        new Dense({ units, activation: 'relu' }),
        new GaussianNoise({ stddev: 0.5 }),
      ]),
      new Dense({ units: options.numClasses ?? 10 }),
    ],
  });
}

/**
 * The generator that goes with {@link salimansDiscriminator}: z (100) → Dense 500, BatchNorm,
 * ReLU → Dense 500, BatchNorm, ReLU → Dense 784, sigmoid (then mapped to [-1, 1] on
 * `'-1..1'` pixels).
 */
export function salimansGenerator(
  options: SalimansOptions & { latentDim?: number } = {},
): Sequential {
  const range = checkRange('salimansGenerator', options.pixelRange);
  return new Sequential({
    name: 'generator',
    inputShape: [options.latentDim ?? 100],
    seed: `${options.seed ?? 0}:generator`,
    layers: [
      ...[500, 500].flatMap((units) => [
        new Dense({ units, useBias: false }),
        new BatchNorm(),
        new ReLU(),
      ]),
      new Dense({ units: sizeOf(options.sampleShape), activation: 'sigmoid' }),
      ...(range === '0..1' ? [] : [new Rescale({ scale: 2, offset: -1 })]),
    ],
  });
}
