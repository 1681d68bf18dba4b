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

/** Per-cluster sums and counts of the rows, kept up to date as labels change. */
interface ClusterSums {
  sums: Float64Array;
  counts: Float64Array;
}

function accumulate(values: Float32Array, d: number, labels: Int32Array, k: number): ClusterSums {
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
  return { sums, counts };
}

/**
 * Moves the rows whose label changed from their old cluster's sums to their new one's and
 * returns how many moved: after the first iterations few rows move, so this is much cheaper
 * than summing every row again.
 */
function moveChangedRows(
  values: Float32Array,
  d: number,
  previous: Int32Array,
  next: Int32Array,
  { sums, counts }: ClusterSums,
): number {
  let moved = 0;
  for (let i = 0; i < next.length; i++) {
    const from = previous[i] as number;
    const to = next[i] as number;
    if (from === to) continue;
    moved++;
    counts[from] = (counts[from] as number) - 1;
    counts[to] = (counts[to] as number) + 1;
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = values[row + j] as number;
      sums[from * d + j] = (sums[from * d + j] as number) - v;
      sums[to * d + j] = (sums[to * d + j] as number) + v;
    }
  }
  return moved;
}

/**
 * sum_i ||x_i - c_l(i)||² expanded as sum ||x||² - 2 sum_c c . S_c + sum_c n_c ||c||², from
 * the per-cluster sums S_c and counts n_c of the labels: no pass over the rows. In float64
 * on centred data the cancellation costs nothing that matters.
 */
function inertiaFromSums(
  totalNorm: number,
  { sums, counts }: ClusterSums,
  centers: Float64Array,
  d: number,
): number {
  let inertia = totalNorm;
  for (let c = 0; c < counts.length; c++) {
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = centers[c * d + j] as number;
      dot += v * (sums[c * d + j] as number);
      norm += v * v;
    }
    inertia += (counts[c] as number) * norm - 2 * dot;
  }
  return Math.max(inertia, 0);
}

function countChanged(a: Int32Array, b: Int32Array): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed;
}

/** The cluster means, or undefined when a cluster is empty (then the caller relocates). */
function meansOf({ sums, counts }: ClusterSums, k: number, d: number): Float64Array | undefined {
  const means = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const count = counts[c] as number;
    if (count === 0) return undefined;
    for (let j = 0; j < d; j++) means[c * d + j] = (sums[c * d + j] as number) / count;
  }
  return means;
}

/**
 * Lloyd's algorithm from `init`, stopping as scikit-learn does: when no label changes
 * (strict convergence), when the total squared center shift is at most `tol`, or after
 * `maxIter` iterations; unless strictly converged, the labels are recomputed once so that
 * they match the final centers. Each iteration is one distance product and argmin on the
 * backend, then a typed-array update of the cluster sums for the rows that changed
 * cluster; the inertia is summed in float64.
 */
export function lloyd(
  data: KMeansData,
  init: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
): KMeansRun {
  const { values, d, n } = data;
  let centers = init;
  let labels: Int32Array = new Int32Array(n).fill(-1);
  let state: ClusterSums | undefined;
  let strict = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    const next = nearestCenters(data.x, centers, k);
    let changed: number;
    if (state === undefined) {
      state = accumulate(values, d, next, k);
      changed = countChanged(labels, next);
    } else {
      changed = moveChangedRows(values, d, labels, next, state);
    }
    let moved = meansOf(state, k, d);
    if (moved === undefined) {
      // An empty cluster: relocate as scikit-learn does, then sum afresh next time.
      moved = clusterMeans(values, d, next, centers, k);
      state = undefined;
    }
    const shift = squaredShift(moved, centers);
    centers = moved;
    labels = next;
    if (changed === 0) {
      strict = true;
      break;
    }
    if (shift <= tol) break;
  }
  if (!strict) {
    const final = nearestCenters(data.x, centers, k);
    if (state !== undefined) moveChangedRows(values, d, labels, final, state);
    labels = final;
  }
  state ??= accumulate(values, d, labels, k);
  const nIter = Math.min(iter + 1, maxIter);
  return { centers, labels, inertia: inertiaFromSums(data.totalNorm, state, centers, d), nIter };
}
