import { type Rng, randomNormal, stopGradient } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** A unit vector of `units` values drawn from `rng`: the power iteration's first guess. */
export function firstSingularVector(units: number, rng: Rng): tf.Tensor1D {
  return tf.tidy(() => {
    const u = randomNormal(rng, [units]);
    return tf.div(u, tf.norm(u)) as tf.Tensor1D;
  });
}

/** `t / ‖t‖`, safe at 0. */
function unit(t: tf.Tensor): tf.Tensor {
  return tf.div(t, tf.add(tf.norm(t), 1e-12));
}

/**
 * Spectral normalisation (Miyato et al. 2018): `kernel` divided by σ, its largest singular
 * value as a matrix of shape [all axes but the last, last axis]. σ comes from power iteration
 * on `u` (a unit vector over the last axis): v = Wu / ‖Wu‖, and in training mode one more step
 * u ← Wᵀv / ‖Wᵀv‖, stored in `u`; then σ = vᵀWu. The gradient flows through W in σ with u and
 * v held constant, as in the paper. Eval mode reads `u` and changes nothing. Call it inside
 * `tf.tidy`.
 */
export function spectrallyNormalised(
  kernel: tf.Tensor,
  u: tf.Variable,
  training: boolean,
): tf.Tensor {
  const units = kernel.shape[kernel.rank - 1] as number;
  const w = tf.reshape(kernel, [-1, units]);
  const v = stopGradient(unit(tf.matMul(w, tf.reshape(u, [units, 1]))));
  let current: tf.Tensor = u;
  if (training) {
    current = stopGradient(tf.reshape(unit(tf.matMul(tf.reshape(v, [1, -1]), w)), [units]));
    u.assign(current);
  }
  const sigma = tf.sum(tf.mul(v, tf.matMul(w, tf.reshape(current, [units, 1]))));
  return tf.div(kernel, sigma);
}
