import { type Matrix, ValueError } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { encodeLabels, type Labels, readMatrix } from '../internal/input';
import { forEachSquaredDistanceBlock } from '../internal/pairwise';

/**
 * The silhouette of each row: (b - a) / max(a, b), with a the mean distance to the other
 * rows of its cluster and b the lowest mean distance to the rows of another cluster; 0 for
 * a row alone in its cluster. Needs 2 to n-1 clusters. O(n²) distances, on the backend.
 */
export function silhouetteSamples(x: Matrix | tf.Tensor, labels: Labels): Float64Array {
  return silhouette('silhouetteSamples', x, labels);
}

/** The mean silhouette over all rows, in [-1, 1]; higher means denser, better separated clusters. */
export function silhouetteScore(x: Matrix | tf.Tensor, labels: Labels): number {
  const s = silhouette('silhouetteScore', x, labels);
  let total = 0;
  for (const v of s) total += v;
  return total / s.length;
}

function silhouette(where: string, x: Matrix | tf.Tensor, labels: Labels): Float64Array {
  const data = readMatrix(where, 'x', x);
  const { codes, classes } = encodeLabels(where, 'labels', labels, data.n);
  if (classes < 2 || classes > data.n - 1) {
    throw new ValueError(
      `Argument 'labels' passed to '${where}' must hold between 2 and n - 1 = ${data.n - 1} distinct labels, but got ${classes}.`,
    );
  }
  const sizes = new Float64Array(classes);
  for (const c of codes) sizes[c] = (sizes[c] as number) + 1;
  const out = new Float64Array(data.n);
  const sums = new Float64Array(classes);
  forEachSquaredDistanceBlock(data, data, (start, rows, d2) => {
    for (let r = 0; r < rows; r++) {
      sums.fill(0);
      for (let j = 0; j < data.n; j++) {
        const c = codes[j] as number;
        sums[c] = (sums[c] as number) + Math.sqrt(d2[r * data.n + j] as number);
      }
      const i = start + r;
      out[i] = rowSilhouette(codes[i] as number, sums, sizes);
    }
  });
  return out;
}

function rowSilhouette(own: number, sums: Float64Array, sizes: Float64Array): number {
  const ownSize = sizes[own] as number;
  if (ownSize <= 1) return 0;
  const a = (sums[own] as number) / (ownSize - 1);
  let b = Number.POSITIVE_INFINITY;
  for (let c = 0; c < sums.length; c++) {
    if (c !== own) b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
  }
  const scale = Math.max(a, b);
  return scale === 0 ? 0 : (b - a) / scale;
}
