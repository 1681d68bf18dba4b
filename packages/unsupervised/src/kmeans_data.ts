import * as tf from '@tensorflow/tfjs-core';
import type { Dense } from './internal/input';

/** Data prepared once per fit and shared by every k-means run: centred rows on the backend and in memory. */
export interface KMeansData {
  /** The centred data, n x d. */
  readonly x: tf.Tensor2D;
  /** Squared norm of each centred row, in float64. */
  readonly norms: Float64Array;
  /** The sum of `norms`. */
  readonly totalNorm: number;
  /** The centred data, row-major. */
  readonly values: Float32Array;
  readonly n: number;
  readonly d: number;
}

/**
 * Centres the data on its column means (which keeps the float32 distance expansion
 * accurate) and uploads it. Also returns the means and the mean per-feature variance, the
 * scale of k-means' tolerance. Dispose the result with {@link disposeKMeansData}.
 */
export function prepareKMeansData(dense: Dense): {
  data: KMeansData;
  mean: Float64Array;
  variance: number;
} {
  const { n, d } = dense;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (dense.values[i * d + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const values = new Float32Array(n * d);
  let squares = 0;
  for (let i = 0; i < n * d; i++) {
    const v = (dense.values[i] as number) - (mean[i % d] as number);
    values[i] = v;
    squares += v * v;
  }
  return { data: uploadKMeansData(values, n, d), mean, variance: squares / (n * d) };
}

/** Some rows of the data as their own {@link KMeansData}. */
export function subsetKMeansData(data: KMeansData, rows: Int32Array): KMeansData {
  const { d } = data;
  const values = new Float32Array(rows.length * d);
  rows.forEach((row, i) => {
    values.set(data.values.subarray(row * d, row * d + d), i * d);
  });
  return uploadKMeansData(values, rows.length, d);
}

function uploadKMeansData(values: Float32Array, n: number, d: number): KMeansData {
  const norms = new Float64Array(n);
  let totalNorm = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (values[i * d + j] as number) ** 2;
    norms[i] = s;
    totalNorm += s;
  }
  return { x: tf.tensor2d(values, [n, d]), norms, totalNorm, values, n, d };
}

/** Frees the tensor of {@link KMeansData}. */
export function disposeKMeansData(data: KMeansData): void {
  data.x.dispose();
}
