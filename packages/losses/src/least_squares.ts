import { assertKnownOptions, assertOneOf } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { oneBatch, realAndFake } from './discriminator_outputs';
import type { LossInput } from './input';

/**
 * The target values of the least-squares GAN (Mao et al. 2017): `a` for fakes and `b` for
 * real data in D's loss, `c` for fakes in G's loss.
 * - `'binary'` (default): a = 0, b = 1, c = 1, the 0-1 coding.
 * - `'pearson'`: a = -1, b = 1, c = 0; with b - c = 1 and b - a = 2 minimising the LSGAN
 *   objective minimises the Pearson χ² divergence between `p_data + p_g` and `2 p_g`.
 */
export type LeastSquaresCoding = 'binary' | 'pearson';

/** Options of the least-squares losses. */
export type LeastSquaresOptions = {
  /** `'binary'` (a=0, b=1, c=1; default) or `'pearson'` (a=-1, b=1, c=0). */
  coding?: LeastSquaresCoding;
};

const CODES: Record<LeastSquaresCoding, { a: number; b: number; c: number }> = {
  binary: { a: 0, b: 1, c: 1 },
  pearson: { a: -1, b: 1, c: 0 },
};

function readCoding(where: string, options: LeastSquaresOptions | undefined) {
  assertKnownOptions(where, options, ['coding']);
  const coding = assertOneOf(where, 'coding', options?.coding ?? 'binary', ['binary', 'pearson']);
  return CODES[coding];
}

function halfMeanSquare(x: tf.Tensor, target: number): tf.Tensor {
  return tf.mul(0.5, tf.mean(tf.square(tf.sub(x, target))));
}

/**
 * The least-squares GAN discriminator loss (Mao et al. 2017, eq. 2):
 *
 * `L_D = ½ E_x[(D(x) - b)²] + ½ E_z[(D(G(z)) - a)²]`
 *
 * where `D` is the raw (linear, no sigmoid) output. See {@link LeastSquaresCoding} for a, b.
 *
 * @param realOutputs D's outputs on real data, `[n]` or `[n, 1]`.
 * @param fakeOutputs D's outputs on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar.
 */
export function leastSquaresDiscriminatorLoss(
  realOutputs: LossInput,
  fakeOutputs: LossInput,
  options?: LeastSquaresOptions,
): tf.Scalar {
  const where = 'leastSquaresDiscriminatorLoss';
  const { a, b } = readCoding(where, options);
  return tf.tidy(() => {
    const [real, fake] = realAndFake(where, realOutputs, fakeOutputs, [
      'realOutputs',
      'fakeOutputs',
    ]);
    return tf.add(halfMeanSquare(real, b), halfMeanSquare(fake, a)) as tf.Scalar;
  });
}

/**
 * The least-squares GAN generator loss (Mao et al. 2017, eq. 2):
 *
 * `L_G = ½ E_z[(D(G(z)) - c)²]`
 *
 * @param fakeOutputs D's raw outputs on generated data, `[m]` or `[m, 1]`.
 * @returns a scalar.
 */
export function leastSquaresGeneratorLoss(
  fakeOutputs: LossInput,
  options?: LeastSquaresOptions,
): tf.Scalar {
  const where = 'leastSquaresGeneratorLoss';
  const { c } = readCoding(where, options);
  return tf.tidy(() => halfMeanSquare(oneBatch(where, 'fakeOutputs', fakeOutputs), c) as tf.Scalar);
}
