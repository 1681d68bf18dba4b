import { createRng } from '@gankit/core';
import { type MixtureSample, sampleMixture } from './mixture';
import { assertPositive, requireOptions } from './options';

/** Options of {@link twoMoons}. */
export interface TwoMoonsOptions {
  /** Number of points (an integer >= 1). */
  n: number;
  /** Standard deviation of the Gaussian noise around each arc. Default 0.1. */
  noise?: number;
  /** Seed of the draw. Default 0. */
  seed?: number | string;
}

/** Evenly spaced positions along each moon; the mixture has one Gaussian per position. */
export const MOON_STEPS = 100;

/**
 * Two interleaving half circles, like scikit-learn's `make_moons`: the upper moon
 * `(cos t, sin t)` and the lower moon `(1 - cos t, 0.5 - sin t)` for t in [0, π], plus
 * Gaussian noise. Each moon is {@link MOON_STEPS} equal-weight Gaussians evenly spaced
 * along its arc, so the returned mixture is the exact density of the points; `classes`
 * says which moon (0 upper, 1 lower) each point belongs to.
 */
export function twoMoons(input: TwoMoonsOptions): MixtureSample {
  const where = 'twoMoons';
  const options = requireOptions(where, input, ['n', 'noise', 'seed']);
  const noise = assertPositive(where, 'noise', options.noise ?? 0.1);
  const k = 2 * MOON_STEPS;
  const means = new Float64Array(2 * k);
  for (let j = 0; j < MOON_STEPS; j++) {
    const t = (Math.PI * j) / (MOON_STEPS - 1);
    means[2 * j] = Math.cos(t);
    means[2 * j + 1] = Math.sin(t);
    means[2 * (MOON_STEPS + j)] = 1 - Math.cos(t);
    means[2 * (MOON_STEPS + j) + 1] = 0.5 - Math.sin(t);
  }
  const mixture = {
    means,
    stds: new Float64Array(k).fill(noise),
    weights: new Float64Array(k).fill(1 / k),
  };
  const moonOf = (c: number) => (c < MOON_STEPS ? 0 : 1);
  return sampleMixture(where, mixture, options.n, createRng(options.seed ?? 0), moonOf);
}
