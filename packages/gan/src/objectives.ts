import {
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
  minimaxDiscriminatorLoss,
  minimaxGeneratorLoss,
  nonSaturatingGeneratorLoss,
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
} from '@gankit/losses';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The adversarial objective. `'nonSaturating'` (the default) is Goodfellow's minimax D loss
 * with G maximizing log D(G(z)); `'minimax'` keeps G's saturating log(1 - D(G(z)));
 * `'leastSquares'` is LSGAN (Mao et al., 0/1 coding); `'hinge'`; `'wasserstein'` (use WGANGP
 * for its gradient penalty).
 */
export type Objective = 'nonSaturating' | 'minimax' | 'leastSquares' | 'hinge' | 'wasserstein';

export const objectives: readonly Objective[] = [
  'nonSaturating',
  'minimax',
  'leastSquares',
  'hinge',
  'wasserstein',
];

/** D's (or the critic's) loss on a real and a fake batch of outputs. */
export function discriminatorLoss(
  objective: Objective,
  real: tf.Tensor,
  fake: tf.Tensor,
): tf.Scalar {
  switch (objective) {
    case 'nonSaturating':
    case 'minimax':
      return minimaxDiscriminatorLoss(real, fake);
    case 'leastSquares':
      return leastSquaresDiscriminatorLoss(real, fake);
    case 'hinge':
      return hingeDiscriminatorLoss(real, fake);
    case 'wasserstein':
      return wassersteinCriticLoss(real, fake);
  }
}

/** G's loss on D's outputs for a fake batch. */
export function generatorLoss(objective: Objective, fake: tf.Tensor): tf.Scalar {
  switch (objective) {
    case 'nonSaturating':
      return nonSaturatingGeneratorLoss(fake);
    case 'minimax':
      return minimaxGeneratorLoss(fake);
    case 'leastSquares':
      return leastSquaresGeneratorLoss(fake);
    case 'hinge':
      return hingeGeneratorLoss(fake);
    case 'wasserstein':
      return wassersteinGeneratorLoss(fake);
  }
}

/**
 * What the logs call D(x): the mean probability of "real" for logit objectives, and the
 * mean raw output for least squares and Wasserstein, whose outputs are not logits.
 */
export function meanScore(objective: Objective, output: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const usesLogits =
      objective === 'nonSaturating' || objective === 'minimax' || objective === 'hinge';
    return tf.mean(usesLogits ? tf.sigmoid(output) : output) as tf.Scalar;
  });
}
