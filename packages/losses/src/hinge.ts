import * as tf from '@tensorflow/tfjs-core';
import { oneBatch, realAndFake } from './discriminator_outputs';
import type { LossInput } from './input';

/**
 * The hinge discriminator loss (Lim & Ye 2017; used by SN-GAN and BigGAN):
 *
 * `L_D = E_x[max(0, 1 - D(x))] + E_z[max(0, 1 + D(G(z)))]`
 *
 * @param realScores D's raw outputs on real data, `[n]` or `[n, 1]`.
 * @param fakeScores D's raw outputs on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar.
 */
export function hingeDiscriminatorLoss(realScores: LossInput, fakeScores: LossInput): tf.Scalar {
  return tf.tidy(() => {
    const [real, fake] = realAndFake('hingeDiscriminatorLoss', realScores, fakeScores, [
      'realScores',
      'fakeScores',
    ]);
    const realTerm = tf.mean(tf.relu(tf.sub(1, real)));
    const fakeTerm = tf.mean(tf.relu(tf.add(1, fake)));
    return tf.add(realTerm, fakeTerm) as tf.Scalar;
  });
}

/**
 * The hinge generator loss: `L_G = -E_z[D(G(z))]` (the same form as the Wasserstein one).
 *
 * @param fakeScores D's raw outputs on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar.
 */
export function hingeGeneratorLoss(fakeScores: LossInput): tf.Scalar {
  return tf.tidy(
    () => tf.neg(tf.mean(oneBatch('hingeGeneratorLoss', 'fakeScores', fakeScores))) as tf.Scalar,
  );
}
