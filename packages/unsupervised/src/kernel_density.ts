import {
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  createRng,
  type Matrix,
} from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { assertFitted, type Dense, readMatrix, readMatrixWithColumns } from './internal/input';
import { checkPositive, checkSeed } from './internal/options';
import { forEachSquaredDistanceBlock } from './internal/pairwise';

/** Options of {@link KernelDensity}. */
export interface KernelDensityOptions {
  /**
   * Kernel width h: a number > 0, or a rule of thumb computed from the data at fit time:
   * `'scott'` (n^(-1/(d+4))) or `'silverman'` ((n (d+2) / 4)^(-1/(d+4))). Default 1.
   */
  bandwidth?: number | 'scott' | 'silverman';
  /** The kernel. Only `'gaussian'` for now. */
  kernel?: 'gaussian';
}

/**
 * Kernel density estimation with a Gaussian kernel, after scikit-learn's `KernelDensity`:
 * p(y) = 1/n sum_i N(y | x_i, h² I). Exact: every query is compared with every training row
 * on the backend, in blocks.
 */
export class KernelDensity {
  readonly kernel: 'gaussian';
  private readonly bandwidthOption: number | 'scott' | 'silverman';
  private fitted: { data: Dense; bandwidth: number } | undefined;

  constructor(options: KernelDensityOptions = {}) {
    const where = 'KernelDensity';
    assertKnownOptions(where, options, ['bandwidth', 'kernel']);
    this.kernel = assertOneOf(where, 'kernel', options.kernel ?? 'gaussian', ['gaussian']);
    const bandwidth = options.bandwidth ?? 1;
    this.bandwidthOption =
      typeof bandwidth === 'string'
        ? assertOneOf(where, 'bandwidth', bandwidth, ['scott', 'silverman'] as const)
        : checkPositive(where, 'bandwidth', bandwidth);
  }

  /** Stores the rows of `x` (n x d) as the kernel centres. Returns this estimator, fitted. */
  fit(x: Matrix | tf.Tensor): this {
    const data = readMatrix('KernelDensity.fit', 'x', x);
    this.fitted = { data, bandwidth: resolveBandwidth(this.bandwidthOption, data.n, data.d) };
    return this;
  }

  /** The bandwidth in use (the rule of thumb's value once fitted). */
  get bandwidth(): number {
    return assertFitted('KernelDensity.bandwidth', this.fitted).bandwidth;
  }

  /** The log-density log p(y) of each row of `y`. */
  scoreSamples(y: Matrix | tf.Tensor): Float64Array {
    const where = 'KernelDensity.scoreSamples';
    const { data, bandwidth } = assertFitted(where, this.fitted);
    const queries = readMatrixWithColumns(where, 'x', y, data.d);
    const h2 = bandwidth * bandwidth;
    const normaliser = -Math.log(data.n) - 0.5 * data.d * Math.log(2 * Math.PI * h2);
    const out = new Float64Array(queries.n);
    forEachSquaredDistanceBlock(queries, data, (start, rows, d2) => {
      for (let r = 0; r < rows; r++) {
        out[start + r] = logSumExpScaled(d2, r * data.n, data.n, -0.5 / h2) + normaliser;
      }
    });
    return out;
  }

  /** The total log-likelihood of the rows of `y` (as scikit-learn's `score`). */
  score(y: Matrix | tf.Tensor): number {
    let s = 0;
    for (const v of this.scoreSamples(y)) s += v;
    return s;
  }

  /** Draws `n` rows: a training row chosen uniformly plus N(0, h² I) noise, seeded. */
  sample(n: number, seed: number | string = 0): number[][] {
    const where = 'KernelDensity.sample';
    const { data, bandwidth } = assertFitted(where, this.fitted);
    assertInteger(where, 'n', n);
    const rng = createRng(checkSeed(where, seed));
    return Array.from({ length: n }, () => {
      const row = rng.int(data.n);
      return Array.from(
        { length: data.d },
        (_, j) => (data.values[row * data.d + j] as number) + bandwidth * rng.normal(),
      );
    });
  }
}

function resolveBandwidth(option: number | 'scott' | 'silverman', n: number, d: number): number {
  if (option === 'scott') return n ** (-1 / (d + 4));
  if (option === 'silverman') return ((n * (d + 2)) / 4) ** (-1 / (d + 4));
  return option;
}

/** log sum_j exp(scale * values[offset + j]) for j < count, shifted by the maximum for stability. */
function logSumExpScaled(
  values: Float32Array,
  offset: number,
  count: number,
  scale: number,
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < count; j++) {
    const v = scale * (values[offset + j] as number);
    if (v > max) max = v;
  }
  let s = 0;
  for (let j = 0; j < count; j++) s += Math.exp(scale * (values[offset + j] as number) - max);
  return max + Math.log(s);
}
