import * as tf from '@tensorflow/tfjs-core';
import type { KMeansData } from './kmeans_data';

/** The outcome of one k-means run from one initialisation. */
export interface KMeansRun {
  /** k x d centers (in the centred coordinates of {@link KMeansData}), row-major. */
  readonly centers: Float64Array;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly nIter: number;
}

/**
 * Nearest center of every row of `x` (n x d on the backend): one fused product
 * x (-2 C^T) + ||c||² (the ||x||² term does not change the argmin), then argmin per row.
 */
export function nearestCenters(x: tf.Tensor2D, centers: Float64Array, k: number): Int32Array {
  const d = x.shape[1];
  const { minusTwoCT, centerNorms } = distanceFactors(centers, k, d);
  const labels = tf.tidy(() =>
    tf.argMin(
      tf.fused.matMul({
        a: x,
        b: tf.tensor2d(minusTwoCT, [d, k]),
        bias: tf.tensor1d(centerNorms),
      }),
      1,
    ),
  );
  const out = labels.dataSync() as Int32Array;
  labels.dispose();
  return out;
}

/** Sum of squared distances from each row to its labelled center, in float64. */
export function inertiaOf(
  values: Float32Array,
  d: number,
  centers: Float64Array,
  labels: Int32Array,
): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++)
    total += squaredDistanceToCenter(values, i, centers, labels[i] as number, d);
  return total;
}

function squaredDistanceToCenter(
  values: Float32Array,
  i: number,
  centers: Float64Array,
  c: number,
  d: number,
): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = (values[i * d + j] as number) - (centers[c * d + j] as number);
    s += diff * diff;
  }
  return s;
}

/**
 * The mean of the rows of each cluster. A cluster left empty takes the row farthest from
 * its own center (as scikit-learn relocates them), and that row leaves its old cluster.
 */
export function clusterMeans(
  values: Float32Array,
  d: number,
  labels: Int32Array,
  previous: Float64Array,
  k: number,
): Float64Array {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    const row = i * d;
    const at = c * d;
    for (let j = 0; j < d; j++)
      sums[at + j] = (sums[at + j] as number) + (values[row + j] as number);
  }
  relocateEmptyClusters(values, d, labels, previous, sums, counts);
  for (let c = 0; c < k; c++) {
    const count = counts[c] as number;
    if (count === 0) {
      for (let j = 0; j < d; j++) sums[c * d + j] = previous[c * d + j] as number;
    } else {
      for (let j = 0; j < d; j++) sums[c * d + j] = (sums[c * d + j] as number) / count;
    }
  }
  return sums;
}

function relocateEmptyClusters(
  values: Float32Array,
  d: number,
  labels: Int32Array,
  previous: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
): void {
  const empty: number[] = [];
  counts.forEach((count, c) => {
    if (count === 0) empty.push(c);
  });
  if (empty.length === 0) return;
  const n = labels.length;
  const far = Array.from({ length: n }, (_, i) => ({
    i,
    dist: squaredDistanceToCenter(values, i, previous, labels[i] as number, d),
  }))
    .sort((a, b) => b.dist - a.dist)
    .slice(0, empty.length);
  empty.forEach((c, e) => {
    const { i } = far[e] as { i: number };
    const old = labels[i] as number;
    if ((counts[old] as number) <= 1) return;
    counts[old] = (counts[old] as number) - 1;
    counts[c] = 1;
    for (let j = 0; j < d; j++) {
      const v = values[i * d + j] as number;
      sums[old * d + j] = (sums[old * d + j] as number) - v;
      sums[c * d + j] = v;
    }
  });
}

function squaredShift(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return s;
}

function distanceFactors(
  centers: Float64Array,
  k: number,
  d: number,
): { minusTwoCT: Float32Array; centerNorms: Float32Array } {
  const minusTwoCT = new Float32Array(d * k);
  const centerNorms = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = centers[c * d + j] as number;
      minusTwoCT[j * k + c] = -2 * v;
      norm += v * v;
    }
    centerNorms[c] = norm;
  }
  return { minusTwoCT, centerNorms };
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Lloyd's algorithm from `init`, stopping as scikit-learn does: when no label changes
 * (strict convergence), when the total squared center shift is at most `tol`, or after
 * `maxIter` iterations; unless strictly converged, the labels are recomputed once so that
 * they match the final centers. Each iteration is one distance product and argmin on the
 * backend, then one typed-array pass over the labels for the means; the inertia is summed
 * in float64.
 */
export function lloyd(
  data: KMeansData,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
): KMeansRun {
  let centers = init;
  let labels: Int32Array = new Int32Array(data.n).fill(-1);
  let strict = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const next = nearestCenters(data.x, centers, k);
    const moved = clusterMeans(data.values, data.d, next, centers, k);
    const shift = squaredShift(moved, centers);
    centers = moved;
    if (sameLabels(next, labels)) {
      labels = next;
      strict = true;
      break;
    }
    labels = next;
    if (shift <= tol) break;
  }
  if (!strict) labels = nearestCenters(data.x, centers, k);
  const nIter = Math.min(iter + 1, maxIter);
  return { centers, labels, inertia: inertiaOf(data.values, data.d, centers, labels), nIter };
}
