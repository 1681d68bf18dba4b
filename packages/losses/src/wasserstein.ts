import * as tf from '@tensorflow/tfjs-core';
import { oneBatch, realAndFake } from './discriminator_outputs';
import type { LossInput } from './input';

/**
 * The Wasserstein GAN critic loss (Arjovsky et al. 2017), which the critic minimises:
 *
 * `L_C = E_z[C(G(z))] - E_x[C(x)]`
 *
 * Minus this is the critic's estimate of the Wasserstein-1 distance, valid only while the
 * critic is (close to) 1-Lipschitz: add {@link gradientPenalty} (WGAN-GP) or clip weights.
 *
 * @param realScores the critic's raw outputs on real data, `[n]` or `[n, 1]`.
 * @param fakeScores the critic's raw outputs on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar.
 */
export function wassersteinCriticLoss(realScores: LossInput, fakeScores: LossInput): tf.Scalar {
  return tf.tidy(() => {
    const [real, fake] = realAndFake('wassersteinCriticLoss', realScores, fakeScores, [
      'realScores',
      'fakeScores',
    ]);
    return tf.sub(tf.mean(fake), tf.mean(real)) as tf.Scalar;
  });
}

/**
 * The Wasserstein GAN generator loss: `L_G = -E_z[C(G(z))]`.
 *
 * @param fakeScores the critic's raw outputs on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar.
 */
export function wassersteinGeneratorLoss(fakeScores: LossInput): tf.Scalar {
  return tf.tidy(
    () =>
      tf.neg(tf.mean(oneBatch('wassersteinGeneratorLoss', 'fakeScores', fakeScores))) as tf.Scalar,
  );
}
