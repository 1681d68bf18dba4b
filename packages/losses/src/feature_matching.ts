import * as tf from '@tensorflow/tfjs-core';
import { realAndFake } from './discriminator_outputs';
import type { LossInput } from './input';

/**
 * The feature-matching generator loss (Salimans et al. 2016, section 3.1): the squared
 * Euclidean distance between the mean features of a real and a generated batch,
 *
 * `L_G = ‖ E_x f(x) - E_z f(G(z)) ‖²₂ = Σ_j (mean_i f(x_i)_j - mean_i f(G(z_i))_j)²`
 *
 * where `f` is an intermediate layer of the discriminator. A sum over features (not a mean),
 * as in the paper's formula.
 *
 * @param realFeatures `[n, ...]` features of real data (treat them as constants: compute them
 *   outside the generator's gradient, or they only add a zero gradient).
 * @param fakeFeatures `[m, ...]` features of generated data (same shape but the batch size).
 * @returns a scalar.
 */
export function featureMatchingLoss(realFeatures: LossInput, fakeFeatures: LossInput): tf.Scalar {
  return tf.tidy(() => {
    const [real, fake] = realAndFake('featureMatchingLoss', realFeatures, fakeFeatures, [
      'realFeatures',
      'fakeFeatures',
    ]);
    return tf.sum(tf.square(tf.sub(tf.mean(real, 0), tf.mean(fake, 0)))) as tf.Scalar;
  });
}
