import * as tf from '@tensorflow/tfjs-core';
import { oneBatch, realAndFake } from './discriminator_outputs';
import type { LossInput } from './input';
import { softplus } from './softplus';

/**
 * The discriminator's loss in the original GAN (Goodfellow et al. 2014), from logits
 * (`D(x) = σ(realLogit)`):
 *
 * `L_D = -E_x[log D(x)] - E_z[log(1 - D(G(z)))] = mean softplus(-realLogits) + mean softplus(fakeLogits)`
 *
 * i.e. binary cross-entropy with label 1 on the real batch plus label 0 on the fake batch, each
 * averaged over its own batch. Stable for any logits (`-log σ(x) = softplus(-x)`).
 *
 * @param realLogits D's logits on real data, `[n]` or `[n, 1]` (any shape of rank >= 1).
 * @param fakeLogits D's logits on generated data, `[m]` or `[m, 1]` (same shape but the batch size).
 * @returns a scalar.
 */
export function minimaxDiscriminatorLoss(realLogits: LossInput, fakeLogits: LossInput): tf.Scalar {
  return tf.tidy(() => {
    const [real, fake] = realAndFake('minimaxDiscriminatorLoss', realLogits, fakeLogits);
    return tf.add(tf.mean(softplus(tf.neg(real))), tf.mean(softplus(fake))) as tf.Scalar;
  });
}

/**
 * The generator's loss of the minimax game as written (the "saturating" loss), which G
 * minimises:
 *
 * `L_G = E_z[log(1 - D(G(z)))] = -mean softplus(fakeLogits)`
 *
 * Its gradient vanishes when D confidently rejects the fakes (early in training), which is why
 * {@link nonSaturatingGeneratorLoss} is used in practice; kept for teaching and comparison.
 *
 * @param fakeLogits D's logits on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar (at most 0).
 */
export function minimaxGeneratorLoss(fakeLogits: LossInput): tf.Scalar {
  return tf.tidy(() => {
    const fake = oneBatch('minimaxGeneratorLoss', 'fakeLogits', fakeLogits);
    return tf.neg(tf.mean(softplus(fake))) as tf.Scalar;
  });
}

/**
 * The non-saturating generator loss (Goodfellow et al. 2014, section 3):
 *
 * `L_G = -E_z[log D(G(z))] = mean softplus(-fakeLogits)`
 *
 * Same fixed point as the minimax loss but strong gradients when D rejects the fakes.
 *
 * @param fakeLogits D's logits on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar (at least 0).
 */
export function nonSaturatingGeneratorLoss(fakeLogits: LossInput): tf.Scalar {
  return tf.tidy(() => {
    const fake = oneBatch('nonSaturatingGeneratorLoss', 'fakeLogits', fakeLogits);
    return tf.mean(softplus(tf.neg(fake))) as tf.Scalar;
  });
}
