import { assertFraction, assertInteger, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** The fewest candidates discriminator rejection draws, however few samples are asked for. */
export const REJECTION_MIN_CANDIDATES = 1000;

/** How many candidates `rejectSamples` needs to return `n` samples at `keep`. */
export function rejectionCandidates(n: number, keep: number): number {
  return Math.max(REJECTION_MIN_CANDIDATES, Math.ceil(n / keep));
}

/**
 * Discriminator rejection, in the simple quantile form of Azadi et al. 2019 ("Discriminator
 * Rejection Sampling"): decodes every latent row of `z` (the candidates) with `decode`, scores
 * each candidate with `realness` (D's output, higher meaning "more real"), and returns the first
 * `n` candidates, in the order of `z`, whose score is at least the score of the
 * ceil(keep · candidates)-th best. So the samples come from G's distribution with the
 * (1 − keep) share D rates least real cut off. `z` must hold at least
 * `rejectionCandidates(n, keep)` rows. Decodes and scores in batches of near-equal size, at most
 * 1000 (`realness` sees a whole batch, as a BatchNorm D needs). The caller disposes the result.
 */
export function rejectSamples(
  z: tf.Tensor2D,
  n: number,
  keep: number,
  decode: (z: tf.Tensor2D) => tf.Tensor,
  realness: (x: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  const where = 'rejectSamples';
  assertInteger(where, 'n', n);
  assertFraction(where, 'keep', keep);
  const total = z.shape[0];
  if (total < rejectionCandidates(n, keep)) {
    throw new ValueError(
      `Argument 'z' passed to '${where}' must hold at least ${rejectionCandidates(n, keep)} rows for n = ${n} and keep = ${keep}, but got ${total}.`,
    );
  }
  const scores = new Float32Array(total);
  const batches: tf.Tensor[] = [];
  // Batches of near-equal size, at most 1000: a BatchNorm D normalizes by each batch.
  const batchSize = Math.ceil(total / Math.ceil(total / 1000));
  try {
    for (let start = 0; start < total; start += batchSize) {
      const size = Math.min(batchSize, total - start);
      const x = tf.tidy(() => decode(tf.slice(z, [start, 0], [size, -1])));
      batches.push(x);
      const score = tf.tidy(() => tf.reshape(realness(x), [-1]));
      const values = score.dataSync();
      score.dispose();
      if (values.length !== size) {
        throw new ValueError(
          `${where}: 'realness' must give one score per sample (${size}), but gave ${values.length}.`,
        );
      }
      scores.set(values, start);
    }
    if (scores.some(Number.isNaN)) {
      throw new ValueError(
        `${where}: the discriminator scored a sample NaN; is the model diverged?`,
      );
    }
    const threshold = scores.slice().sort()[total - Math.ceil(keep * total)] as number;
    const kept: number[] = [];
    for (let i = 0; i < total && kept.length < n; i++) {
      if ((scores[i] as number) >= threshold) kept.push(i);
    }
    return tf.tidy(() => tf.gather(tf.concat(batches), tf.tensor1d(kept, 'int32')));
  } finally {
    tf.dispose(batches);
  }
}
