import { assertNumberInRange } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertBatch, assertSameShape, floatTensor, type LossInput } from './input';
import { type ReductionOptions, readReduction, reduce } from './reduction';
import { softplus } from './softplus';

/**
 * Binary cross-entropy from logits, element by element:
 *
 * `loss(x, z) = -z log σ(x) - (1 - z) log(1 - σ(x)) = max(x, 0) - x z + log(1 + exp(-|x|))`
 *
 * The right-hand form never evaluates `log(sigmoid(x))`, so it stays finite for any logit
 * (±1e4 included) and so does its gradient `σ(x) - z`.
 *
 * @param logits any shape, at least rank 1, e.g. `[n]` or `[n, 1]`.
 * @param labels the same shape; targets in [0, 1] (soft labels allowed). Values are not checked.
 * @returns a scalar for `reduction: 'mean'` (default, mean over all elements) or `'sum'`;
 *   the elementwise losses (shape of `logits`) for `'none'`.
 */
export function binaryCrossEntropyFromLogits(
  logits: LossInput,
  labels: LossInput,
  options?: ReductionOptions,
): tf.Tensor {
  const where = 'binaryCrossEntropyFromLogits';
  const reduction = readReduction(where, options);
  return tf.tidy(() => {
    const x = floatTensor(where, 'logits', logits);
    const z = floatTensor(where, 'labels', labels);
    assertBatch(where, 'logits', x);
    assertSameShape(where, 'logits', x, 'labels', z);
    return reduce(tf.sub(softplus(x), tf.mul(x, z)), reduction);
  });
}

/** Options of {@link binaryCrossEntropy}. */
export type ProbabilityOptions = ReductionOptions & {
  /** Probabilities are clipped to [epsilon, 1 - epsilon] before the log; default 1e-7. */
  epsilon?: number;
};

/** Reads and checks the `epsilon` of the from-probabilities losses. */
export function readEpsilon(where: string, options: ProbabilityOptions | undefined): number {
  return assertNumberInRange(where, 'epsilon', options?.epsilon ?? 1e-7, 0, 0.5);
}

/**
 * Binary cross-entropy from probabilities, element by element:
 * `loss(p, z) = -z log p' - (1 - z) log(1 - p')` with `p' = clip(p, ε, 1 - ε)`.
 * The clipping bounds the loss by `-log ε` (about 16.1 for ε = 1e-7) and makes the gradient
 * zero where `p` was clipped. Prefer {@link binaryCrossEntropyFromLogits} when you have logits.
 *
 * @param probs any shape, at least rank 1; values in [0, 1] (not checked).
 * @param labels the same shape; targets in [0, 1].
 */
export function binaryCrossEntropy(
  probs: LossInput,
  labels: LossInput,
  options?: ProbabilityOptions,
): tf.Tensor {
  const where = 'binaryCrossEntropy';
  const reduction = readReduction(where, options, ['reduction', 'epsilon']);
  const epsilon = readEpsilon(where, options);
  return tf.tidy(() => {
    const p = floatTensor(where, 'probs', probs);
    const z = floatTensor(where, 'labels', labels);
    assertBatch(where, 'probs', p);
    assertSameShape(where, 'probs', p, 'labels', z);
    const clipped = tf.clipByValue(p, epsilon, 1 - epsilon);
    const positive = tf.mul(z, tf.log(clipped));
    const negative = tf.mul(tf.sub(1, z), tf.log(tf.sub(1, clipped)));
    return reduce(tf.neg(tf.add(positive, negative)), reduction);
  });
}
