import { BatchNorm, Dense, GaussianNoise, ReLU, Sequential } from '@gankit/nn';

/**
 * Salimans et al.'s semi-supervised MNIST discriminator (their code's dense layers, without
 * its weight normalisation): 784 → Gaussian noise 0.3 → Dense 1000, 500, 250, 250, 250, each
 * ReLU then Gaussian noise 0.5 → Dense K (class logits). For pixels in [0, 1]. Pass it to
 * `SemiSupervisedGAN` with {@link salimansGenerator}, and a second one to
 * `SupervisedBaseline` for the comparison.
 */
export function salimansDiscriminator(
  options: { numClasses?: number; seed?: number | string } = {},
): Sequential {
  return new Sequential({
    name: 'discriminator',
    inputShape: [784],
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
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
 * ReLU → Dense 500, BatchNorm, ReLU → Dense 784, sigmoid (pixels in [0, 1]).
 */
export function salimansGenerator(
  options: { latentDim?: number; seed?: number | string } = {},
): Sequential {
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
      new Dense({ units: 784, activation: 'sigmoid' }),
    ],
  });
}
