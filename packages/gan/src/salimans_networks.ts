import { assertBoolean, assertKnownOptions, ValueError } from '@gankit/core';
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

/** Options of {@link salimansDiscriminator}. */
export interface SalimansDiscriminatorOptions extends SalimansOptions {
  /** Number of real classes K (the logits). Default 10. */
  numClasses?: number;
  /**
   * Weight normalisation as in Salimans et al.'s code: every Dense layer's columns are
   * `scale * v / ‖v‖` with v drawn from N(0, 0.1); the hidden layers' scales are fixed (only
   * their directions train) and the logits' scale trains. Initialise the scales and biases with `initializeFromData`
   * (from @gankit/nn) on a few hundred training images before training, as their code does.
   * Default false (plain Dense layers, the networks gankit measured first).
   */
  weightNorm?: boolean;
}

/**
 * Salimans et al.'s semi-supervised MNIST discriminator: 784 (mapped to [0, 1] first on
 * `'-1..1'` pixels) → Gaussian noise 0.3 → Dense 1000, 500, 250, 250, 250, each ReLU then
 * Gaussian noise 0.5 → Dense K (class logits); with their weight normalisation when
 * `weightNorm` is true. Pass it to `SemiSupervisedGAN` with {@link salimansGenerator}, and a
 * second one to `SupervisedBaseline` for the comparison.
 */
export function salimansDiscriminator(options: SalimansDiscriminatorOptions = {}): Sequential {
  const where = 'salimansDiscriminator';
  assertKnownOptions(where, options, [
    'pixelRange',
    'sampleShape',
    'seed',
    'numClasses',
    'weightNorm',
  ]);
  const range = checkRange(where, options.pixelRange);
  const norm = assertBoolean(where, 'weightNorm', options.weightNorm ?? false);
  // Their code draws v from N(0, 0.1). With weight normalisation the size of v matters: Adam
  // moves each entry by about the learning rate, so smaller entries turn the columns faster.
  const v = { kernelInitializer: { normal: { std: 0.1 } } };
  const hidden = norm ? { weightNorm: true, trainScale: false, ...v } : {};
  return new Sequential({
    name: 'discriminator',
    inputShape: [sizeOf(options.sampleShape)],
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
      ...(range === '0..1' ? [] : [new Rescale({ scale: 0.5, offset: 0.5 })]),
      new GaussianNoise({ stddev: 0.3 }),
      ...[1000, 500, 250, 250, 250].flatMap((units) => [
        new Dense({ units, activation: 'relu', ...hidden }),
        new GaussianNoise({ stddev: 0.5 }),
      ]),
      new Dense({ units: options.numClasses ?? 10, ...(norm ? { weightNorm: true, ...v } : {}) }),
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
