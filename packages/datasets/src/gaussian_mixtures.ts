import { assertInteger, createRng, ValueError } from '@gankit/core';
import { type MixtureSample, sampleMixture } from './mixture';
import { assertPositive, requireOptions } from './options';

/** Options of {@link ringOfGaussians}. */
export interface RingOptions {
  /** Number of points (an integer >= 1). */
  n: number;
  /** Number of Gaussians on the ring. Default 8. */
  modes?: number;
  /** Radius of the ring. Default 2. */
  radius?: number;
  /** Standard deviation of each Gaussian. Default 0.02. */
  std?: number;
  /** Seed of the draw. Default 0. */
  seed?: number | string;
}

/** Options of {@link gridOfGaussians}. */
export interface GridOptions {
  /** Number of points (an integer >= 1). */
  n: number;
  /** Gaussians per side of the square grid. Default 5. */
  side?: number;
  /** Distance between neighbouring means. Default 2, so the default grid is {-4,-2,0,2,4}². */
  spacing?: number;
  /** Standard deviation of each Gaussian. Default 0.05. */
  std?: number;
  /** Seed of the draw. Default 0. */
  seed?: number | string;
}

/** Options of {@link blobs}. */
export interface BlobsOptions {
  /** Number of points (an integer >= 1). */
  n: number;
  /** How many centres to place at random in `[-box, box]²`, or the centres themselves. Default 3. */
  centers?: number | readonly (readonly [number, number])[];
  /** Standard deviation of each blob. Default 1. */
  std?: number;
  /** Half the side of the square random centres are drawn in. Default 10. */
  box?: number;
  /** Seed of the draw (centres and points). Default 0. */
  seed?: number | string;
}

function equalWeights(k: number): Float64Array {
  return new Float64Array(k).fill(1 / k);
}

/**
 * The ring of Gaussians GAN papers use to show mode collapse: `modes` equal-weight
 * Gaussians (default 8) evenly spaced on a circle of `radius` 2, each with std 0.02.
 */
export function ringOfGaussians(input: RingOptions): MixtureSample {
  const where = 'ringOfGaussians';
  const options = requireOptions(where, input, ['n', 'modes', 'radius', 'std', 'seed']);
  const modes = assertInteger(where, 'modes', options.modes ?? 8);
  const radius = assertPositive(where, 'radius', options.radius ?? 2);
  const std = assertPositive(where, 'std', options.std ?? 0.02);
  const means = new Float64Array(2 * modes);
  for (let k = 0; k < modes; k++) {
    const angle = (2 * Math.PI * k) / modes;
    means[2 * k] = radius * Math.cos(angle);
    means[2 * k + 1] = radius * Math.sin(angle);
  }
  const mixture = { means, stds: new Float64Array(modes).fill(std), weights: equalWeights(modes) };
  return sampleMixture(where, mixture, options.n, createRng(options.seed ?? 0));
}

/**
 * A square grid of equal-weight Gaussians: by default 25 at {-4,-2,0,2,4}², std 0.05.
 * Component `row * side + col` sits at x = position(col), y = position(row).
 */
export function gridOfGaussians(input: GridOptions): MixtureSample {
  const where = 'gridOfGaussians';
  const options = requireOptions(where, input, ['n', 'side', 'spacing', 'std', 'seed']);
  const side = assertInteger(where, 'side', options.side ?? 5);
  const spacing = assertPositive(where, 'spacing', options.spacing ?? 2);
  const std = assertPositive(where, 'std', options.std ?? 0.05);
  const k = side * side;
  const means = new Float64Array(2 * k);
  const position = (j: number) => (j - (side - 1) / 2) * spacing;
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      means[2 * (row * side + col)] = position(col);
      means[2 * (row * side + col) + 1] = position(row);
    }
  }
  const mixture = { means, stds: new Float64Array(k).fill(std), weights: equalWeights(k) };
  return sampleMixture(where, mixture, options.n, createRng(options.seed ?? 0));
}

function blobCenters(
  where: string,
  centers: BlobsOptions['centers'],
  box: number,
  next: () => number,
): Float64Array {
  if (typeof centers === 'number') {
    const k = assertInteger(where, 'centers', centers);
    return Float64Array.from({ length: 2 * k }, () => (2 * next() - 1) * box);
  }
  if (!Array.isArray(centers) || centers.length === 0) {
    throw new ValueError(
      `Argument 'centers' passed to '${where}' must be an integer >= 1 or a non-empty array of [x, y] pairs.`,
    );
  }
  const means = new Float64Array(2 * centers.length);
  centers.forEach((c, k) => {
    if (!Array.isArray(c) || c.length !== 2 || !c.every(Number.isFinite)) {
      throw new ValueError(
        `Argument 'centers' passed to '${where}' must hold [x, y] pairs of finite numbers, but entry ${k} is not one.`,
      );
    }
    means[2 * k] = c[0];
    means[2 * k + 1] = c[1];
  });
  return means;
}

/**
 * Isotropic Gaussian blobs with equal weights, like scikit-learn's `make_blobs`: `centers`
 * random centres in `[-box, box]²` (or the given ones), each with the same `std`.
 */
export function blobs(input: BlobsOptions): MixtureSample {
  const where = 'blobs';
  const options = requireOptions(where, input, ['n', 'centers', 'std', 'box', 'seed']);
  const std = assertPositive(where, 'std', options.std ?? 1);
  const box = assertPositive(where, 'box', options.box ?? 10);
  const rng = createRng(options.seed ?? 0);
  const means = blobCenters(where, options.centers ?? 3, box, rng.next);
  const k = means.length / 2;
  const mixture = { means, stds: new Float64Array(k).fill(std), weights: equalWeights(k) };
  return sampleMixture(where, mixture, options.n, rng);
}
