import * as tf from '@tensorflow/tfjs-core';

/** Training points kept for brute-force search: transposed (d × n) so one plain matMul gives all dot products. */
export interface SearchIndex {
  readonly transposed: Float32Array;
  readonly squaredNorms: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** The k nearest training points of each query row, nearest first. */
export interface Neighbors {
  /** Row-major q × k indices into the training rows. */
  readonly indices: Int32Array;
  /** Row-major q × k Euclidean distances. */
  readonly distances: Float32Array;
}

/** Builds the search index of training rows `x` (n × d). */
export function buildIndex(x: tf.Tensor2D): SearchIndex {
  const [rows, cols] = x.shape;
  const [t, norms] = tf.tidy(() => [tf.transpose(x), tf.sum(tf.square(x), 1)]);
  const index = {
    transposed: (t as tf.Tensor).dataSync() as Float32Array,
    squaredNorms: (norms as tf.Tensor).dataSync() as Float32Array,
    rows,
    cols,
  };
  tf.dispose([t as tf.Tensor, norms as tf.Tensor]);
  return index;
}

/** Query rows per block: the q × n distance block stays near 16M floats (64 MB). */
function blockSize(n: number): number {
  return Math.max(1, Math.floor(16_000_000 / n));
}

/**
 * Exact k-nearest-neighbour search by brute force on the active backend: squared
 * distances ||q||² - 2 q·x + ||x||² for a block of queries come from one matMul against
 * the transposed training matrix, then `topk` picks the k smallest.
 */
export function kNearest(index: SearchIndex, queries: tf.Tensor2D, k: number): Neighbors {
  const q = queries.shape[0];
  const indices = new Int32Array(q * k);
  const distances = new Float32Array(q * k);
  const train = tf.tensor2d(index.transposed, [index.cols, index.rows]);
  const trainNorms = tf.tensor1d(index.squaredNorms);
  try {
    const step = blockSize(index.rows);
    for (let start = 0; start < q; start += step) {
      const size = Math.min(step, q - start);
      const [values, found] = tf.tidy(() => {
        const block = tf.slice(queries, [start, 0], [size, index.cols]);
        const products = tf.matMul(block, train);
        const squared = tf.add(
          tf.sub(tf.sum(tf.square(block), 1, true), tf.mul(products, 2)),
          trainNorms,
        );
        const { values, indices } = tf.topk(tf.neg(squared), k);
        // Rounding can make a squared distance slightly negative: clamp before the root.
        return [tf.sqrt(tf.relu(tf.neg(values))), indices];
      });
      distances.set(values.dataSync() as Float32Array, start * k);
      indices.set(found.dataSync() as Int32Array, start * k);
      tf.dispose([values, found]);
    }
  } finally {
    tf.dispose([train, trainNorms]);
  }
  return { indices, distances };
}

/**
 * Weights of the k neighbours of one query: 1 each for `'uniform'`; 1/distance for
 * `'distance'`, where neighbours at distance 0 (duplicates of the query) take all the weight.
 */
export function neighbourWeights(
  distances: Float32Array,
  offset: number,
  k: number,
  weights: 'uniform' | 'distance',
) {
  const w = new Float64Array(k).fill(1);
  if (weights === 'uniform') return w;
  let exact = false;
  for (let j = 0; j < k; j++) if (distances[offset + j] === 0) exact = true;
  for (let j = 0; j < k; j++) {
    const dist = distances[offset + j] as number;
    w[j] = exact ? (dist === 0 ? 1 : 0) : 1 / dist;
  }
  return w;
}
