import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  createRng,
  type Matrix,
  type Rng,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  assertAtMostSamples,
  assertFitted,
  readMatrix,
  readMatrixWithColumns,
  throwIfAborted,
} from './internal/input';
import { checkSeed } from './internal/options';
import {
  disposeKMeansData,
  type KMeansData,
  prepareKMeansData,
  subsetKMeansData,
} from './kmeans_data';
import { kmeansPlusPlus } from './kmeans_plus_plus';
import { inertiaOf, nearestCenters } from './lloyd';

/** Options of {@link MiniBatchKMeans}. */
export interface MiniBatchKMeansOptions {
  /** Number of clusters k. Default 8. */
  nClusters?: number;
  /** Rows per mini-batch. Default 1024. */
  batchSize?: number;
  /** Most passes over the data (epochs). Default 100. */
  maxIter?: number;
  /** Stop after this many mini-batches without improvement of the smoothed batch inertia. Default 10. */
  maxNoImprovement?: number;
  /**
   * Stop when the squared center movement of one batch is at most `tol` times the mean
   * per-feature variance. Default 0 (off: rely on `maxNoImprovement`).
   */
  tol?: number;
  /** k-means++ starts tried on a random subset; the best is kept. Default 3. */
  nInit?: number;
  /** Rows of the subset the starts are drawn and compared on. Default 3 * batchSize (at most n). */
  initSize?: number;
  /** Seed of the starts and of the batches. Default 0. */
  seed?: number | string;
}

interface Fitted {
  mean: Float64Array;
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  nSteps: number;
  d: number;
}

const OPTIONS = [
  'nClusters',
  'batchSize',
  'maxIter',
  'maxNoImprovement',
  'tol',
  'nInit',
  'initSize',
  'seed',
] as const;

/**
 * Mini-batch k-means (Sculley 2010) as in scikit-learn's `MiniBatchKMeans`: each step
 * assigns a random batch to its nearest centers and moves each center towards the mean of
 * its batch rows with a per-center learning rate of 1/(rows seen). Much cheaper than
 * {@link KMeans} on large data, at a slightly higher inertia.
 */
export class MiniBatchKMeans {
  readonly nClusters: number;
  readonly batchSize: number;
  readonly maxIter: number;
  readonly maxNoImprovement: number;
  readonly tol: number;
  readonly nInit: number;
  readonly initSize: number | undefined;
  readonly seed: number | string;
  private fitted: Fitted | undefined;

  constructor(options: MiniBatchKMeansOptions = {}) {
    const where = 'MiniBatchKMeans';
    assertKnownOptions(where, options, OPTIONS);
    this.nClusters = assertInteger(where, 'nClusters', options.nClusters ?? 8);
    this.batchSize = assertInteger(where, 'batchSize', options.batchSize ?? 1024);
    this.maxIter = assertInteger(where, 'maxIter', options.maxIter ?? 100);
    this.maxNoImprovement = assertInteger(
      where,
      'maxNoImprovement',
      options.maxNoImprovement ?? 10,
    );
    this.tol = assertNumberInRange(where, 'tol', options.tol ?? 0, 0);
    this.nInit = assertInteger(where, 'nInit', options.nInit ?? 3);
    this.initSize =
      options.initSize === undefined
        ? undefined
        : assertInteger(where, 'initSize', options.initSize);
    this.seed = checkSeed(where, options.seed ?? 0);
  }

  /** Clusters the rows of `x` (n x d). Resolves to this estimator, fitted. */
  async fit(x: Matrix | tf.Tensor, options: { signal?: AbortSignal } = {}): Promise<this> {
    const where = 'MiniBatchKMeans.fit';
    assertKnownOptions(where, options, ['signal']);
    const dense = readMatrix(where, 'x', x);
    const k = this.nClusters;
    assertAtMostSamples(where, 'nClusters', k, dense.n);
    const { data, mean, variance } = prepareKMeansData(dense);
    try {
      const rng = createRng(this.seed);
      const centers = this.bestStart(data, rng);
      const { nSteps, nIter } = await this.descend(
        data,
        centers,
        this.tol * variance,
        rng,
        options.signal,
      );
      const labels = nearestCenters(data.x, centers, k);
      const inertia = inertiaOf(data.values, data.d, centers, labels);
      this.fitted = { mean, centers, labels, inertia, nIter, nSteps, d: dense.d };
    } finally {
      disposeKMeansData(data);
    }
    return this;
  }

  /** k-means++ on a random subset, `nInit` times; keeps the start with the lowest inertia on that subset. */
  private bestStart(data: KMeansData, rng: Rng): Float64Array {
    const size = Math.min(data.n, this.initSize ?? 3 * this.batchSize);
    const rows = rng.permutation(data.n).subarray(0, Math.max(size, this.nClusters));
    const subset = subsetKMeansData(data, rows);
    try {
      let best: { centers: Float64Array; inertia: number } | undefined;
      for (let i = 0; i < this.nInit; i++) {
        const centers = kmeansPlusPlus(subset, this.nClusters, rng);
        const labels = nearestCenters(subset.x, centers, this.nClusters);
        const inertia = inertiaOf(subset.values, subset.d, centers, labels);
        if (best === undefined || inertia < best.inertia) best = { centers, inertia };
      }
      return (best as { centers: Float64Array }).centers;
    } finally {
      disposeKMeansData(subset);
    }
  }

  /** Runs the mini-batch steps in place on `centers`; returns how many steps and epochs ran. */
  private async descend(
    data: KMeansData,
    centers: Float64Array,
    tol: number,
    rng: Rng,
    signal: AbortSignal | undefined,
  ): Promise<{ nSteps: number; nIter: number }> {
    const { n } = data;
    const batch = Math.min(this.batchSize, n);
    const stepsPerEpoch = Math.ceil(n / batch);
    const maxSteps = this.maxIter * stepsPerEpoch;
    const counts = new Float64Array(this.nClusters);
    const alpha = Math.min(1, (2 * batch) / (n + 1));
    let smoothed: number | undefined;
    let lowest = Number.POSITIVE_INFINITY;
    let stale = 0;
    let step = 0;
    while (step < maxSteps) {
      if (step % 64 === 0) {
        throwIfAborted(signal);
        await Promise.resolve();
      }
      const rows = Int32Array.from({ length: batch }, () => rng.int(n));
      const { inertia, shift } = batchStep(data, rows, centers, counts, this.nClusters);
      step++;
      if (step === 1) continue;
      if (tol > 0 && shift <= tol) break;
      smoothed =
        smoothed === undefined
          ? inertia / batch
          : smoothed * (1 - alpha) + (inertia / batch) * alpha;
      if (smoothed < lowest) {
        lowest = smoothed;
        stale = 0;
      } else if (++stale >= this.maxNoImprovement) {
        break;
      }
    }
    return { nSteps: step, nIter: Math.ceil(step / stepsPerEpoch) };
  }

  /** The k x d cluster centers. */
  get clusterCenters(): number[][] {
    const f = assertFitted('MiniBatchKMeans.clusterCenters', this.fitted);
    return Array.from({ length: this.nClusters }, (_, c) =>
      Array.from(
        { length: f.d },
        (_, j) => (f.centers[c * f.d + j] as number) + (f.mean[j] as number),
      ),
    );
  }

  /** The cluster of each training row (nearest final center). */
  get labels(): Int32Array {
    return assertFitted('MiniBatchKMeans.labels', this.fitted).labels;
  }

  /** Sum of squared distances from the training rows to their nearest final center. */
  get inertia(): number {
    return assertFitted('MiniBatchKMeans.inertia', this.fitted).inertia;
  }

  /** Passes over the data started (mini-batch steps / steps per epoch, rounded up). */
  get nIter(): number {
    return assertFitted('MiniBatchKMeans.nIter', this.fitted).nIter;
  }

  /** Mini-batch steps taken. */
  get nSteps(): number {
    return assertFitted('MiniBatchKMeans.nSteps', this.fitted).nSteps;
  }

  /** The nearest center of each row of `x`. */
  predict(x: Matrix | tf.Tensor): Int32Array {
    const f = assertFitted('MiniBatchKMeans.predict', this.fitted);
    const dense = readMatrixWithColumns('MiniBatchKMeans.predict', 'x', x, f.d);
    const t = tf.tensor2d(
      Float32Array.from(dense.values, (v, i) => v - (f.mean[i % f.d] as number)),
      [dense.n, f.d],
    );
    try {
      return nearestCenters(t, f.centers, this.nClusters);
    } finally {
      t.dispose();
    }
  }
}

/**
 * One mini-batch step: labels the batch rows, then moves each center to the running mean
 * of every row it was given so far. Returns the batch inertia (before the move) and the
 * total squared center movement.
 */
function batchStep(
  data: KMeansData,
  rows: Int32Array,
  centers: Float64Array,
  counts: Float64Array,
  k: number,
): { inertia: number; shift: number } {
  const { d, values } = data;
  const sums = new Float64Array(k * d);
  const batchCounts = new Float64Array(k);
  let inertia = 0;
  for (const row of rows) {
    let best = 0;
    let bestDist = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = (values[row * d + j] as number) - (centers[c * d + j] as number);
        s += diff * diff;
      }
      if (s < bestDist) {
        bestDist = s;
        best = c;
      }
    }
    inertia += bestDist;
    batchCounts[best] = (batchCounts[best] as number) + 1;
    for (let j = 0; j < d; j++)
      sums[best * d + j] = (sums[best * d + j] as number) + (values[row * d + j] as number);
  }
  let shift = 0;
  for (let c = 0; c < k; c++) {
    const b = batchCounts[c] as number;
    if (b === 0) continue;
    const seen = counts[c] as number;
    const total = seen + b;
    for (let j = 0; j < d; j++) {
      const old = centers[c * d + j] as number;
      const next = (old * seen + (sums[c * d + j] as number)) / total;
      centers[c * d + j] = next;
      shift += (next - old) ** 2;
    }
    counts[c] = total;
  }
  return { inertia, shift };
}
