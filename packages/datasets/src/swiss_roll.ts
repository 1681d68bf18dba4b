import { createRng } from '@gankit/core';
import { type MixtureSample, sampleMixture } from './mixture';
import { assertPositive, requireOptions } from './options';

/** Options of {@link swissRoll}. */
export interface SwissRollOptions {
  /** Number of points (an integer >= 1). */
  n: number;
  /** Standard deviation of the Gaussian noise around the spiral. Default 0.05. */
  noise?: number;
  /** Seed of the draw. Default 0. */
  seed?: number | string;
}

/** Evenly spaced positions along the spiral; the mixture has one Gaussian per position. */
export const SWISS_ROLL_STEPS = 200;

/**
 * The 2-D swiss roll: the spiral `(t cos t, t sin t) / 5` for t in [1.5π, 4.5π] (one and
 * a half turns, within about ±3), plus Gaussian noise. The spiral is
 * {@link SWISS_ROLL_STEPS} equal-weight Gaussians evenly spaced in t, so the returned
 * mixture is the exact density of the points. It is one piece: `classes` is 0 everywhere.
 */
export function swissRoll(input: SwissRollOptions): MixtureSample {
  const where = 'swissRoll';
  const options = requireOptions(where, input, ['n', 'noise', 'seed']);
  const noise = assertPositive(where, 'noise', options.noise ?? 0.05);
  const means = new Float64Array(2 * SWISS_ROLL_STEPS);
  for (let j = 0; j < SWISS_ROLL_STEPS; j++) {
    const t = 1.5 * Math.PI * (1 + (2 * j) / (SWISS_ROLL_STEPS - 1));
    means[2 * j] = (t * Math.cos(t)) / 5;
    means[2 * j + 1] = (t * Math.sin(t)) / 5;
  }
  const mixture = {
    means,
    stds: new Float64Array(SWISS_ROLL_STEPS).fill(noise),
    weights: new Float64Array(SWISS_ROLL_STEPS).fill(1 / SWISS_ROLL_STEPS),
  };
  return sampleMixture(where, mixture, options.n, createRng(options.seed ?? 0), () => 0);
}
