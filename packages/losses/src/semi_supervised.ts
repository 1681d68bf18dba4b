import { assertKnownOptions, assertNumberInRange, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { isIndexLabels, oneHotFromIndices } from './class_labels';
import { assertSameShape, floatTensor, type LossInput } from './input';
import { softplus } from './softplus';

/** The discriminator's class logits on the three batches of a semi-supervised GAN step. */
export type SemiSupervisedBatch = {
  /** Logits `[n_l, K]` on labelled real examples. */
  labelledLogits: LossInput;
  /** Their classes: indices `[n_l]` in [0, K) or one-hot rows `[n_l, K]`. */
  labels: LossInput;
  /** Logits `[n_u, K]` on unlabelled real examples. */
  unlabelledLogits: LossInput;
  /** Logits `[n_f, K]` on generated examples. */
  fakeLogits: LossInput;
};

/** Options of {@link semiSupervisedLosses}. */
export type SemiSupervisedOptions = {
  /** Weight of the unsupervised term in `total`; default 1 (the paper's plain sum). */
  unsupervisedWeight?: number;
};

/** The three scalars of {@link semiSupervisedLosses}; the caller disposes them. */
export type SemiSupervisedLosses = {
  /** Cross-entropy over the K real classes on the labelled batch. */
  supervised: tf.Scalar;
  /** The real-versus-fake term on the unlabelled and generated batches. */
  unsupervised: tf.Scalar;
  /** `supervised + unsupervisedWeight * unsupervised`: what D minimises. */
  total: tf.Scalar;
};

function classLogits(where: string, name: string, x: LossInput, k?: number): tf.Tensor2D {
  const t = floatTensor(where, name, x);
  const ok = t.rank === 2 && (t.shape[0] as number) > 0 && (k === undefined || t.shape[1] === k);
  if (!ok || (t.shape[1] ?? 0) < 1) {
    const want = k === undefined ? 'K' : String(k);
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must have shape [n, ${want}] with n >= 1, but got shape [${t.shape.join(', ')}].`,
    );
  }
  return t as tf.Tensor2D;
}

/**
 * The discriminator loss of the semi-supervised GAN of Salimans et al. 2016 ("Improved
 * techniques for training GANs", section 5), with K real classes and the (K+1)-th "fake" class
 * whose logit is fixed at 0. With `l_1..l_K` the class logits, `Z(x) = Σ_k exp(l_k(x))` and
 * `lse = log Z`, the probability that x is real is `D(x) = Z / (Z + 1)`, and:
 *
 * - supervised: `-E_(x,y)[log p(y | x, y <= K)] = mean over labelled of (lse(l) - l_y)`;
 * - unsupervised: `-E_x[log D(x)] - E_z[log(1 - D(G(z)))]`
 *   `= mean over unlabelled of softplus(-lse(l)) + mean over fakes of softplus(lse(l))`,
 *   since `-log D = log(Z + 1) - log Z = softplus(-lse)` and `-log(1 - D) = log(Z + 1) = softplus(lse)`;
 * - total: `supervised + unsupervisedWeight * unsupervised`.
 *
 * Everything goes through log-sum-exp and the stable softplus, so any logits (±1e4) give
 * finite values and gradients. Train G with {@link featureMatchingLoss} as in the paper.
 *
 * @returns three scalars the caller owns (dispose them, or compute inside `tf.tidy` /
 *   `tf.variableGrads` returning `total`).
 */
export function semiSupervisedLosses(
  batch: SemiSupervisedBatch,
  options?: SemiSupervisedOptions,
): SemiSupervisedLosses {
  const where = 'semiSupervisedLosses';
  if (batch === null || typeof batch !== 'object') {
    throw new ValueError(
      `Argument 'batch' passed to '${where}' must be an object { labelledLogits, labels, unlabelledLogits, fakeLogits }.`,
    );
  }
  const keys = ['labelledLogits', 'labels', 'unlabelledLogits', 'fakeLogits'];
  for (const key of Object.keys(batch)) {
    if (!keys.includes(key)) {
      throw new ValueError(
        `Unknown key '${key}' in argument 'batch' passed to '${where}'; expected: ${keys.join(', ')}.`,
      );
    }
  }
  assertKnownOptions(where, options, ['unsupervisedWeight']);
  const weight = assertNumberInRange(
    where,
    'unsupervisedWeight',
    options?.unsupervisedWeight ?? 1,
    0,
  );
  const [supervised, unsupervised, total] = tf.tidy(() => {
    const labelled = classLogits(where, 'labelledLogits', batch.labelledLogits);
    const [n, k] = labelled.shape;
    const unlabelled = classLogits(where, 'unlabelledLogits', batch.unlabelledLogits, k);
    const fake = classLogits(where, 'fakeLogits', batch.fakeLogits, k);
    const y = isIndexLabels(batch.labels)
      ? oneHotFromIndices(where, 'labels', batch.labels, n, k)
      : floatTensor(where, 'labels', batch.labels);
    assertSameShape(where, 'labelledLogits', labelled, 'labels', y);
    const sup = tf.mean(tf.sub(tf.logSumExp(labelled, 1), tf.sum(tf.mul(y, labelled), 1)));
    const realTerm = tf.mean(softplus(tf.neg(tf.logSumExp(unlabelled, 1))));
    const fakeTerm = tf.mean(softplus(tf.logSumExp(fake, 1)));
    const unsup = tf.add(realTerm, fakeTerm);
    return [sup, unsup, tf.add(sup, tf.mul(weight, unsup))] as tf.Scalar[];
  });
  return {
    supervised: supervised as tf.Scalar,
    unsupervised: unsupervised as tf.Scalar,
    total: total as tf.Scalar,
  };
}
