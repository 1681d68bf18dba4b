import * as tf from '@tensorflow/tfjs-core';
import type { Dense } from './input';

/** Elements of one broadcast block (rows x n x d) kept on the backend at a time. */
const BLOCK_ELEMENTS = 1 << 22;

/**
 * Squared euclidean distances from every row of `a` to every row of `b`, computed on the
 * backend as a sum of squared differences (no cancellation, unlike the ||a||² - 2ab + ||b||²
 * expansion, so small distances stay accurate). Rows of `a` go in blocks; `visit` gets
 * each block as a row-major `rows x b.n` array starting at row `start` of `a`.
 */
export function forEachSquaredDistanceBlock(
  a: Dense,
  b: Dense,
  visit: (start: number, rows: number, d2: Float32Array) => void,
): void {
  const blockRows = Math.max(1, Math.floor(BLOCK_ELEMENTS / Math.max(1, b.n * b.d)));
  const bt = tf.tensor3d(b.values, [1, b.n, b.d]);
  try {
    for (let start = 0; start < a.n; start += blockRows) {
      const rows = Math.min(blockRows, a.n - start);
      const block = a.values.subarray(start * a.d, (start + rows) * a.d);
      const d2 = tf.tidy(() =>
        tf.sum(tf.squaredDifference(tf.tensor3d(block, [rows, 1, a.d]), bt), 2),
      );
      const values = d2.dataSync() as Float32Array;
      d2.dispose();
      visit(start, rows, values);
    }
  } finally {
    bt.dispose();
  }
}

/** Squared euclidean distance between row i of `a` and row j of `b`, in float64. */
export function squaredDistance(a: Dense, i: number, b: Dense, j: number): number {
  let s = 0;
  const ai = i * a.d;
  const bj = j * b.d;
  for (let c = 0; c < a.d; c++) {
    const diff = (a.values[ai + c] as number) - (b.values[bj + c] as number);
    s += diff * diff;
  }
  return s;
}
