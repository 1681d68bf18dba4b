import {
  assertKnownOptions,
  assertNumberInRange,
  createRng,
  type Rng,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertSameShape, floatTensor, type LossInput } from './input';

/** Options of {@link gradientPenalty}: exactly one of `seed` and `rng`. */
export type GradientPenaltyOptions = {
  /** The penalty weight λ; default 10 (Gulrajani et al.). */
  lambda?: number;
  /** Seed for the interpolation weights ε (a fresh generator per call). */
  seed?: number | string;
  /** A generator to draw ε from (advances it; use this in a training loop). */
  rng?: Rng;
};

/** A critic: maps a batch `[n, ...]` to one score per example, `[n]` or `[n, 1]`. */
export type Critic = (x: tf.Tensor) => tf.Tensor;

function readRng(where: string, options: GradientPenaltyOptions): Rng {
  const hasSeed = options.seed !== undefined;
  const hasRng = options.rng !== undefined;
  if (hasSeed === hasRng) {
    throw new ValueError(
      `Options passed to '${where}' must contain exactly one of 'seed' and 'rng' (for the interpolation weights), but got ${hasSeed ? 'both' : 'neither'}.`,
    );
  }
  return hasRng ? (options.rng as Rng) : createRng(options.seed as number | string);
}

/** `x̂ = ε x_real + (1 - ε) x_fake` with one ε ~ U[0, 1) per example, broadcast over the rest. */
function interpolate(real: tf.Tensor, fake: tf.Tensor, rng: Rng): tf.Tensor {
  const n = real.shape[0] as number;
  const eps = new Float32Array(n);
  for (let i = 0; i < n; i++) eps[i] = rng.next();
  const shape = [n, ...real.shape.slice(1).map(() => 1)];
  const weights = tf.tensor(eps, shape, 'float32');
  return tf.add(fake, tf.mul(weights, tf.sub(real, fake)));
}

/** Throws unless `critic` is a function. */
function assertCritic(where: string, critic: unknown): void {
  if (typeof critic !== 'function') {
    throw new ValueError(
      `Argument 'critic' passed to '${where}' must be a function, but got ${typeof critic}.`,
    );
  }
}

/** Throws unless `real` is a non-empty batch `[n, ...]` of rank 2 or more. */
function assertBatch(where: string, real: tf.Tensor): void {
  if (real.rank < 2 || real.size === 0) {
    throw new ShapeError(
      `Argument 'real' passed to '${where}' must be a non-empty batch [n, ...] of rank >= 2, but got shape [${real.shape.join(', ')}].`,
    );
  }
}

function scoresOf(where: string, critic: Critic, x: tf.Tensor): tf.Tensor {
  const scores = critic(x);
  const n = x.shape[0] as number;
  if (!(scores instanceof tf.Tensor) || scores.shape[0] !== n || scores.size !== n) {
    const got = scores instanceof tf.Tensor ? `shape [${scores.shape.join(', ')}]` : typeof scores;
    throw new ShapeError(
      `Argument 'critic' passed to '${where}' must return one score per example, shape [${n}] or [${n}, 1], but returned ${got}.`,
    );
  }
  return scores;
}

/**
 * The WGAN-GP gradient penalty (Gulrajani et al. 2017, algorithm 1):
 *
 * `GP = λ E_x̂[(‖∇_x̂ C(x̂)‖₂ - 1)²]`, `x̂ = ε x_real + (1 - ε) x_fake`, `ε ~ U[0, 1]` per example.
 *
 * The gradient `∇_x̂ C(x̂)` comes from `tf.grad` of `Σ_i C(x̂_i)`; since each score depends on
 * its own example only (the critic must not mix examples: no batch norm, as the paper says),
 * row i of that gradient is `∇ C(x̂_i)`. The norm is `sqrt(Σ g² + 1e-12)` so its own gradient is
 * finite at g = 0. The result is differentiable with respect to the critic's weights (call it
 * inside `tf.variableGrads` with the critic loss), which needs second-order gradients of every
 * op in the critic. Two limits of tfjs-core 4.22 (measured on the wasm and cpu backends):
 * - `tf.leakyRelu` and `tf.prelu` throw "Cannot compute gradient: gradient function not found
 *   for Greater.": their gradients build a `greater(x, 0)` mask and tfjs-core registers no
 *   gradient for the `Greater` kernel (a zero gradient fixes it). `tf.relu`, `matMul` and `add`
 *   work; so does a leaky ReLU written `α x + (1 - α) relu(x)`.
 * - `tf.tanh`, `tf.sigmoid` and `tf.exp` give silently WRONG second-order gradients: their
 *   gradients reuse the op's saved output, and the engine records the copy of that output on
 *   the tape before the op itself, so backprop never reaches the op's input through it (for
 *   `d/dw [d/dx tanh(w x)]` at w = 0.5, x = 1 it returns 0.786 instead of 0.423). Keep them out
 *   of a WGAN-GP critic; `tf.softplus`, `tf.sqrt` and `tf.square` are right.
 *
 * @param critic maps `[n, ...]` to scores `[n]` or `[n, 1]`.
 * @param real a real batch `[n, ...]`.
 * @param fake a generated batch of the same shape.
 * @param options exactly one of `seed` / `rng`; `lambda` (default 10).
 * @returns a scalar.
 */
export function gradientPenalty(
  critic: Critic,
  real: LossInput,
  fake: LossInput,
  options: GradientPenaltyOptions,
): tf.Scalar {
  const where = 'gradientPenalty';
  assertCritic(where, critic);
  assertKnownOptions(where, options, ['lambda', 'seed', 'rng']);
  if (options === undefined) {
    throw new ValueError(
      `Argument 'options' passed to '${where}' is required (it holds 'seed' or 'rng').`,
    );
  }
  const lambda = assertNumberInRange(where, 'lambda', options.lambda ?? 10, 0);
  const rng = readRng(where, options);
  return tf.tidy(() => {
    const r = floatTensor(where, 'real', real);
    const f = floatTensor(where, 'fake', fake);
    assertBatch(where, r);
    assertSameShape(where, 'real', r, 'fake', f);
    const mixed = interpolate(r, f, rng);
    const grads = tf.grad((x: tf.Tensor) => tf.sum(scoresOf(where, critic, x)))(mixed);
    const axes = grads.shape.slice(1).map((_, i) => i + 1);
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(grads), axes), 1e-12));
    return tf.mul(lambda, tf.mean(tf.square(tf.sub(norms, 1)))) as tf.Scalar;
  });
}

/** Options of {@link r1Penalty}. */
export type R1PenaltyOptions = {
  /** The penalty weight γ; default 10 (Mescheder et al.'s value for most of their runs). */
  gamma?: number;
};

/**
 * The R1 penalty (Mescheder, Geiger and Nowozin 2018, "Which training methods for GANs
 * actually converge?"): `R1 = (γ / 2) E_x[‖∇_x D(x)‖₂²]` on real samples only. It pushes D
 * to be flat on the data, which removes the rotation around the equilibrium that makes
 * unregularised GAN training oscillate. Add it to D's loss; `D` is the discriminator's logit
 * (before any sigmoid). The squared norm needs no square root, so it is smooth at g = 0.
 *
 * Like {@link gradientPenalty}, row i of `∇ Σ_i D(x_i)` is `∇ D(x_i)` only if each score
 * depends on its own example, and the result's gradient with respect to D's weights needs
 * second-order gradients of every op in D (the same limits apply: no `tanh`, `sigmoid` or
 * `exp` inside D).
 *
 * @param critic maps `[n, ...]` to scores `[n]` or `[n, 1]`.
 * @param real a real batch `[n, ...]`.
 * @param options `gamma` (default 10).
 * @returns a scalar.
 */
export function r1Penalty(
  critic: Critic,
  real: LossInput,
  options: R1PenaltyOptions = {},
): tf.Scalar {
  const where = 'r1Penalty';
  assertCritic(where, critic);
  assertKnownOptions(where, options, ['gamma']);
  const gamma = assertNumberInRange(where, 'gamma', options.gamma ?? 10, 0);
  return tf.tidy(() => {
    const r = floatTensor(where, 'real', real);
    assertBatch(where, r);
    const grads = tf.grad((x: tf.Tensor) => tf.sum(scoresOf(where, critic, x)))(r);
    const n = r.shape[0] as number;
    return tf.mul(gamma / (2 * n), tf.sum(tf.square(grads))) as tf.Scalar;
  });
}
