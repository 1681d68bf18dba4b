import { type Matrix, ValueError } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { encodeLabels, type Labels, readMatrix } from '../internal/input';

/**
 * Davies-Bouldin index: the mean over clusters of the largest (s_i + s_j) / d(c_i, c_j),
 * with s the mean distance of a cluster's rows to its centroid and d the distance between
 * centroids. Lower is better; 0 is the minimum. Needs 2 to n-1 clusters.
 */
export function daviesBouldinScore(x: Matrix | tf.Tensor, labels: Labels): number {
  const where = 'daviesBouldinScore';
  const { values, n, d } = readMatrix(where, 'x', x);
  const { codes, classes } = encodeLabels(where, 'labels', labels, n);
  if (classes < 2 || classes > n - 1) {
    throw new ValueError(
      `Argument 'labels' passed to '${where}' must hold between 2 and n - 1 = ${n - 1} distinct labels, but got ${classes}.`,
    );
  }
  const centroids = new Float64Array(classes * d);
  const sizes = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    sizes[c] = (sizes[c] as number) + 1;
    for (let j = 0; j < d; j++)
      centroids[c * d + j] = (centroids[c * d + j] as number) + (values[i * d + j] as number);
  }
  for (let c = 0; c < classes; c++)
    for (let j = 0; j < d; j++)
      centroids[c * d + j] = (centroids[c * d + j] as number) / (sizes[c] as number);
  const spread = new Float64Array(classes);
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    let s = 0;
    for (let j = 0; j < d; j++)
      s += ((values[i * d + j] as number) - (centroids[c * d + j] as number)) ** 2;
    spread[c] = (spread[c] as number) + Math.sqrt(s) / (sizes[c] as number);
  }
  let total = 0;
  for (let a = 0; a < classes; a++) {
    let worst = 0;
    for (let b = 0; b < classes; b++) {
      if (a === b) continue;
      let s = 0;
      for (let j = 0; j < d; j++)
        s += ((centroids[a * d + j] as number) - (centroids[b * d + j] as number)) ** 2;
      const separation = Math.sqrt(s);
      // Coinciding centroids do not count against the score (scikit-learn divides by infinity).
      const ratio =
        separation === 0 ? 0 : ((spread[a] as number) + (spread[b] as number)) / separation;
      worst = Math.max(worst, ratio);
    }
    total += worst;
  }
  return total / classes;
}
