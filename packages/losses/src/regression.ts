import { assertNumberInRange } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertBatch, assertSameShape, floatTensor, type LossInput } from './input';
import { type Reduction, type ReductionOptions, readReduction, reduce } from './reduction';

function elementwise(
  where: string,
  predictions: LossInput,
  targets: LossInput,
  reduction: Reduction,
  loss: (diff: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  return tf.tidy(() => {
    const p = floatTensor(where, 'predictions', predictions);
    const t = floatTensor(where, 'targets', targets);
    assertBatch(where, 'predictions', p);
    assertSameShape(where, 'predictions', p, 'targets', t);
    return reduce(loss(tf.sub(p, t)), reduction);
  });
}

/**
 * Mean squared error, element by element `(p - t)²`.
 *
 * @param predictions any shape, rank >= 1.
 * @param targets the same shape as `predictions`.
 * @returns a scalar for `'mean'` (default, over all elements) or `'sum'`; the elementwise
 *   tensor for `'none'`.
 */
export function meanSquaredError(
  predictions: LossInput,
  targets: LossInput,
  options?: ReductionOptions,
): tf.Tensor {
  const where = 'meanSquaredError';
  return elementwise(where, predictions, targets, readReduction(where, options), tf.square);
}

/**
 * Mean absolute error, element by element `|p - t|` (gradient `sign(p - t)`).
 *
 * @param predictions any shape, rank >= 1.
 * @param targets the same shape as `predictions`.
 * @returns a scalar for `'mean'` (default) or `'sum'`; the elementwise tensor for `'none'`.
 */
export function meanAbsoluteError(
  predictions: LossInput,
  targets: LossInput,
  options?: ReductionOptions,
): tf.Tensor {
  const where = 'meanAbsoluteError';
  return elementwise(where, predictions, targets, readReduction(where, options), tf.abs);
}

/** Options of {@link huber}. */
export type HuberOptions = ReductionOptions & {
  /** Where the loss turns from quadratic to linear; default 1, must be > 0. */
  delta?: number;
};

/**
 * Huber loss, element by element with `d = p - t`:
 * `½ d²` where `|d| <= δ`, and `δ (|d| - ½ δ)` beyond. Quadratic near zero, linear (so robust
 * to outliers) far away; continuous with a continuous gradient at `|d| = δ`.
 * Computed as `½ q² + δ (|d| - q)` with `q = min(|d|, δ)`.
 *
 * @param predictions any shape, rank >= 1.
 * @param targets the same shape as `predictions`.
 * @returns a scalar for `'mean'` (default) or `'sum'`; the elementwise tensor for `'none'`.
 */
export function huber(
  predictions: LossInput,
  targets: LossInput,
  options?: HuberOptions,
): tf.Tensor {
  const where = 'huber';
  const reduction = readReduction(where, options, ['reduction', 'delta']);
  const delta = assertNumberInRange(where, 'delta', options?.delta ?? 1, Number.MIN_VALUE);
  return elementwise(where, predictions, targets, reduction, (d) => {
    const absolute = tf.abs(d);
    const quadratic = tf.minimum(absolute, delta);
    return tf.add(tf.mul(0.5, tf.square(quadratic)), tf.mul(delta, tf.sub(absolute, quadratic)));
  });
}
