import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  assertOneOf,
  createRng,
  type Matrix,
  ShapeError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  assertAtMostSamples,
  assertFitted,
  type Dense,
  readMatrix,
  readMatrixWithColumns,
  throwIfAborted,
} from './internal/input';
import { checkSeed } from './internal/options';
import { disposeKMeansData, type KMeansData, prepareKMeansData } from './kmeans_data';
import { kmeansPlusPlus, randomRows } from './kmeans_plus_plus';
import { inertiaOf, type KMeansRun, lloyd, nearestCenters } from './lloyd';

/** Options of {@link KMeans}. */
export interface KMeansOptions {
  /** Number of clusters k. Default 8. */
  nClusters?: number;
  /**
   * How the centers start: `'k-means++'` (default, greedy k-means++ as in scikit-learn),
   * `'random'` (k distinct rows), or a k x d matrix of starting centers (then one run only).
   */
  init?: 'k-means++' | 'random' | Matrix;
  /** Runs from different starts; the one with the lowest inertia is kept. Default 10. */
  nInit?: number;
  /** Most Lloyd iterations per run. Default 300. */
  maxIter?: number;
  /**
   * Convergence tolerance, relative to the data: a run stops when the total squared center
   * shift is at most `tol` times the mean per-feature variance. Default 1e-4.
   */
  tol?: number;
  /** Seed of the random starts. Default 0. */
  seed?: number | string;
}

/** Options of {@link KMeans.fit}. */
export interface FitOptions {
  /** Stops the fit between iterations (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

interface Fitted {
  /** Column means of the training data; centers live in coordinates centred on them. */
  mean: Float64Array;
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  d: number;
}

const OPTIONS = ['nClusters', 'init', 'nInit', 'maxIter', 'tol', 'seed'] as const;

/**
 * k-means clustering (Lloyd's algorithm) with k-means++ starts and restarts, after
 * scikit-learn's `KMeans`. The distance step is one matrix product per iteration on the
 * tfjs backend; the center update is a typed-array pass over the labels.
 *
 * ```ts
 * const km = await new KMeans({ nClusters: 3, seed: 1 }).fit(x);
 * km.inertia; km.labels; km.predict([[5.1, 3.5, 1.4, 0.2]]);
 * ```
 */
export class KMeans {
  readonly nClusters: number;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly seed: number | string;
  private readonly init: 'k-means++' | 'random' | Matrix;
  private fitted: Fitted | undefined;

  constructor(options: KMeansOptions = {}) {
    const where = 'KMeans';
    assertKnownOptions(where, options, OPTIONS);
    this.nClusters = assertInteger(where, 'nClusters', options.nClusters ?? 8);
    this.nInit = assertInteger(where, 'nInit', options.nInit ?? 10);
    this.maxIter = assertInteger(where, 'maxIter', options.maxIter ?? 300);
    this.tol = assertNumberInRange(where, 'tol', options.tol ?? 1e-4, 0);
    this.seed = checkSeed(where, options.seed ?? 0);
    const init = options.init ?? 'k-means++';
    this.init =
      typeof init === 'string'
        ? assertOneOf(where, 'init', init, ['k-means++', 'random'] as const)
        : init;
  }

  /** Clusters the rows of `x` (n x d). Resolves to this estimator, fitted. */
  async fit(x: Matrix | tf.Tensor, options: FitOptions = {}): Promise<this> {
    const where = 'KMeans.fit';
    assertKnownOptions(where, options, ['signal']);
    const dense = readMatrix(where, 'x', x);
    assertAtMostSamples(where, 'nClusters', this.nClusters, dense.n);
    const { data, mean, variance } = prepareKMeansData(dense);
    try {
      const tol = this.tol * variance;
      const starts = this.startingCenters(data, mean);
      let best: KMeansRun | undefined;
      for (const start of starts) {
        throwIfAborted(options.signal);
        const run = lloyd(data, start(), this.nClusters, this.maxIter, tol);
        if (best === undefined || run.inertia < best.inertia) best = run;
        await Promise.resolve();
      }
      const run = best as KMeansRun;
      this.fitted = { mean, d: dense.d, ...run };
    } finally {
      disposeKMeansData(data);
    }
    return this;
  }

  private startingCenters(data: KMeansData, mean: Float64Array): (() => Float64Array)[] {
    const k = this.nClusters;
    if (typeof this.init !== 'string') {
      const given = readMatrixWithColumns('KMeans.fit', 'init', this.init, data.d);
      if (given.n !== k) {
        throw new ShapeError(
          `Argument 'init' passed to 'KMeans.fit' must have ${k} rows (nClusters), but got ${given.n}.`,
        );
      }
      const centred = Float64Array.from(given.values, (v, i) => v - (mean[i % data.d] as number));
      return [() => centred];
    }
    const rng = createRng(this.seed);
    const seeding = this.init === 'random' ? randomRows : kmeansPlusPlus;
    return Array.from({ length: this.nInit }, () => () => seeding(data, k, rng));
  }

  /** The k x d cluster centers. */
  get clusterCenters(): number[][] {
    const f = assertFitted('KMeans.clusterCenters', this.fitted);
    return rowsOf(f.centers, f.d, f.mean);
  }

  /** The cluster of each training row. */
  get labels(): Int32Array {
    return assertFitted('KMeans.labels', this.fitted).labels;
  }

  /** Sum of squared distances from the training rows to their centers. */
  get inertia(): number {
    return assertFitted('KMeans.inertia', this.fitted).inertia;
  }

  /** Lloyd iterations of the best run. */
  get nIter(): number {
    return assertFitted('KMeans.nIter', this.fitted).nIter;
  }

  /** The nearest center of each row of `x`. */
  predict(x: Matrix | tf.Tensor): Int32Array {
    const { f, t } = this.centred('KMeans.predict', x);
    try {
      return nearestCenters(t, f.centers, this.nClusters);
    } finally {
      t.dispose();
    }
  }

  /** The euclidean distance from each row of `x` to each center: n rows of k values. */
  transform(x: Matrix | tf.Tensor): Float32Array[] {
    const f = assertFitted('KMeans.transform', this.fitted);
    const dense = readMatrixWithColumns('KMeans.transform', 'x', x, f.d);
    const k = this.nClusters;
    return Array.from({ length: dense.n }, (_, i) => {
      const row = new Float32Array(k);
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let j = 0; j < f.d; j++) {
          const diff =
            (dense.values[i * f.d + j] as number) -
            (f.mean[j] as number) -
            (f.centers[c * f.d + j] as number);
          s += diff * diff;
        }
        row[c] = Math.sqrt(s);
      }
      return row;
    });
  }

  /** Minus the inertia of `x` against the fitted centers (higher is better), as in scikit-learn. */
  score(x: Matrix | tf.Tensor): number {
    const { f, dense, t } = this.centred('KMeans.score', x);
    try {
      const labels = nearestCenters(t, f.centers, this.nClusters);
      return -inertiaOf(dense.values, f.d, f.centers, labels);
    } finally {
      t.dispose();
    }
  }

  private centred(where: string, x: Matrix | tf.Tensor) {
    const f = assertFitted(where, this.fitted);
    const raw = readMatrixWithColumns(where, 'x', x, f.d);
    const values = Float32Array.from(raw.values, (v, i) => v - (f.mean[i % f.d] as number));
    const dense: Dense = { values, n: raw.n, d: raw.d };
    return { f, dense, t: tf.tensor2d(values, [raw.n, raw.d]) };
  }
}

function rowsOf(centers: Float64Array, d: number, mean: Float64Array): number[][] {
  const k = centers.length / d;
  return Array.from({ length: k }, (_, c) =>
    Array.from({ length: d }, (_, j) => (centers[c * d + j] as number) + (mean[j] as number)),
  );
}
