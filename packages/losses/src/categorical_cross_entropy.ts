import { ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type ProbabilityOptions, readEpsilon } from './binary_cross_entropy';
import { isIndexLabels, oneHotFromIndices } from './class_labels';
import { assertSameShape, floatTensor, type LossInput } from './input';
import { type ReductionOptions, readReduction, reduce } from './reduction';

function classLogits(where: string, name: string, x: LossInput): tf.Tensor2D {
  const t = floatTensor(where, name, x);
  if (t.rank !== 2 || t.shape[0] === 0 || (t.shape[1] as number) < 1) {
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must have shape [n, K] with n >= 1 and K >= 1, but got shape [${t.shape.join(', ')}].`,
    );
  }
  return t as tf.Tensor2D;
}

/** One-hot (or soft) targets `[n, K]` from either class indices `[n]` or rows `[n, K]`. */
function targets(
  where: string,
  labels: LossInput,
  likeName: string,
  like: tf.Tensor2D,
  sparse: boolean,
): tf.Tensor2D {
  const [n, k] = like.shape;
  if (sparse) return oneHotFromIndices(where, 'labels', labels, n, k);
  const y = floatTensor(where, 'labels', labels);
  assertSameShape(where, likeName, like, 'labels', y);
  return y as tf.Tensor2D;
}

/**
 * `log softmax(l)_k = l_k - log Σ_j exp(l_j)`, the log-sum-exp taken after subtracting the
 * row maximum (inside `tf.logSumExp`) so no `exp` overflows.
 */
export function logSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.sub(logits, tf.logSumExp(logits, 1, true));
}

function crossEntropyFromLogits(
  where: string,
  logits: LossInput,
  labels: LossInput,
  options: ReductionOptions | undefined,
  sparse: boolean,
): tf.Tensor {
  const reduction = readReduction(where, options);
  return tf.tidy(() => {
    const l = classLogits(where, 'logits', logits);
    const y = targets(where, labels, 'logits', l, sparse);
    return reduce(tf.neg(tf.sum(tf.mul(y, logSoftmax(l)), 1)), reduction);
  });
}

/**
 * Categorical cross-entropy from logits, per example:
 * `loss(l, y) = -Σ_k y_k log softmax(l)_k = log Σ_k exp(l_k) - Σ_k y_k l_k` (for one-hot `y`:
 * `lse(l) - l_label`). Computed by log-sum-exp, finite for any logits.
 *
 * @param logits `[n, K]`.
 * @param labels one-hot (or soft) rows `[n, K]`, or class indices `[n]` (integers in [0, K),
 *   checked), as in {@link sparseCategoricalCrossEntropyFromLogits}.
 * @returns a scalar for `'mean'` (default, over examples) or `'sum'`; `[n]` for `'none'`.
 */
export function categoricalCrossEntropyFromLogits(
  logits: LossInput,
  labels: LossInput,
  options?: ReductionOptions,
): tf.Tensor {
  return crossEntropyFromLogits(
    'categoricalCrossEntropyFromLogits',
    logits,
    labels,
    options,
    isIndexLabels(labels),
  );
}

/**
 * Categorical cross-entropy from logits with class-index labels:
 * `loss(l, c) = log Σ_k exp(l_k) - l_c`.
 *
 * @param logits `[n, K]`.
 * @param labels `[n]` integers in [0, K) (checked; int32 tensor, typed array or number array).
 * @returns a scalar for `'mean'` (default) or `'sum'`; `[n]` for `'none'`.
 */
export function sparseCategoricalCrossEntropyFromLogits(
  logits: LossInput,
  labels: LossInput,
  options?: ReductionOptions,
): tf.Tensor {
  return crossEntropyFromLogits(
    'sparseCategoricalCrossEntropyFromLogits',
    logits,
    labels,
    options,
    true,
  );
}

/**
 * Categorical cross-entropy from probabilities, per example:
 * `loss(p, y) = -Σ_k y_k log clip(p_k, ε, 1 - ε)`. Rows of `p` are used as given (not
 * renormalised). Prefer {@link categoricalCrossEntropyFromLogits} when you have logits.
 *
 * @param probs `[n, K]` probabilities (rows summing to 1; not checked).
 * @param labels one-hot rows `[n, K]` or class indices `[n]`.
 * @returns a scalar for `'mean'` (default) or `'sum'`; `[n]` for `'none'`.
 */
export function categoricalCrossEntropy(
  probs: LossInput,
  labels: LossInput,
  options?: ProbabilityOptions,
): tf.Tensor {
  const where = 'categoricalCrossEntropy';
  const reduction = readReduction(where, options, ['reduction', 'epsilon']);
  const epsilon = readEpsilon(where, options);
  return tf.tidy(() => {
    const p = classLogits(where, 'probs', probs);
    const y = targets(where, labels, 'probs', p, isIndexLabels(labels));
    const logP = tf.log(tf.clipByValue(p, epsilon, 1 - epsilon));
    return reduce(tf.neg(tf.sum(tf.mul(y, logP), 1)), reduction);
  });
}
