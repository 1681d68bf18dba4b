import { assertNoLeaks, createRng, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientPenalty, wassersteinCriticLoss } from './index';
import { expectAllClose, scalar } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

/** C(x) = x . w with |w| = 2: the gradient norm is 2 everywhere. */
const linearCritic = (w: tf.Tensor) => (x: tf.Tensor) =>
  tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D);
/** C(x) = 1/2 |x|^2 per example: the gradient at x is x itself. */
const halfSquaredNorm = (x: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(x), 1));

describe('gradientPenalty', () => {
  it('is lambda (|w| - 1)^2 for a linear critic, whatever the interpolation', () => {
    const w = tf.tensor2d([1.2, 1.6], [2, 1]); // |w| = sqrt(1.44 + 2.56) = 2
    const real = [
      [1, 2],
      [3, -1],
    ];
    const fake = [
      [0, 0],
      [5, 5],
    ];
    // 10 * (2 - 1)^2 = 10; lambda 2 gives 2
    expect(scalar(gradientPenalty(linearCritic(w), real, fake, { seed: 1 }))).toBeCloseTo(10, 4);
    expect(
      scalar(gradientPenalty(linearCritic(w), real, fake, { seed: 1, lambda: 2 })),
    ).toBeCloseTo(2, 5);
    w.dispose();
  });

  it('takes one gradient norm per example', () => {
    // real = fake, so x^ = x; gradients are the rows [3, 4] (norm 5) and [0.6, 0.8] (norm 1):
    // 10 * mean((5 - 1)^2, (1 - 1)^2) = 10 * 8 = 80
    const x = [
      [3, 4],
      [0.6, 0.8],
    ];
    expect(scalar(gradientPenalty(halfSquaredNorm, x, x, { seed: 3 }))).toBeCloseTo(80, 3);
    // Rank-4 images: norms over all of each example's entries. One image of 4 entries of 0.5
    // (norm 1) and one of 4 entries of 1 (norm 2): 10 * mean(0, 1) = 5.
    const images = tf.tensor4d([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1], [2, 2, 2, 1]);
    const imageCritic = (t: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(t), [1, 2, 3]));
    expect(scalar(gradientPenalty(imageCritic, images, images, { seed: 3 }))).toBeCloseTo(5, 4);
    images.dispose();
  });

  it('interpolates with epsilons drawn from the seed, one per example', () => {
    const real = [
      [2, 0],
      [0, 3],
      [1, 1],
    ];
    const fake = [
      [0, 0],
      [0, -1],
      [4, 1],
    ];
    // The same epsilons, by hand: x^ = fake + eps (real - fake); gradient = x^.
    const rng = createRng(42);
    let expected = 0;
    for (let i = 0; i < 3; i++) {
      const eps = Math.fround(rng.next());
      const xh = [0, 1].map((j) => fake[i]![j]! + eps * (real[i]![j]! - fake[i]![j]!));
      expected += (Math.hypot(xh[0]!, xh[1]!) - 1) ** 2 / 3;
    }
    expected *= 10;
    const bySeed = scalar(gradientPenalty(halfSquaredNorm, real, fake, { seed: 42 }));
    expect(bySeed).toBeCloseTo(expected, 4);
    expect(scalar(gradientPenalty(halfSquaredNorm, real, fake, { seed: 42 }))).toBe(bySeed);
    expect(scalar(gradientPenalty(halfSquaredNorm, real, fake, { seed: 43 }))).not.toBeCloseTo(
      bySeed,
      3,
    );
    // An rng advances: two calls draw different epsilons, the first equal to the seeded call.
    const shared = createRng(42);
    expect(scalar(gradientPenalty(halfSquaredNorm, real, fake, { rng: shared }))).toBe(bySeed);
    expect(scalar(gradientPenalty(halfSquaredNorm, real, fake, { rng: shared }))).not.toBeCloseTo(
      bySeed,
      3,
    );
  });

  it('is differentiable wrt the critic weights (second-order gradients), matching finite differences', () => {
    // A Dense -> leaky ReLU (written alpha x + (1 - alpha) relu(x)) -> Dense critic, and a
    // softplus one (smooth). Not tanh, sigmoid or exp: see the TSDoc of gradientPenalty.
    const leaky = (h: tf.Tensor) => tf.add(tf.mul(0.2, h), tf.mul(0.8, tf.relu(h)));
    for (const activation of [leaky, tf.softplus]) {
      const w1 = tf.variable(tf.tensor2d([0.5, -1.0, 0.3, 0.8, 0.2, -0.6, 1.1, 0.4, -0.3], [3, 3]));
      const b1 = tf.variable(tf.tensor1d([0.1, -0.2, 0.05]));
      const w2 = tf.variable(tf.tensor2d([0.7, -1.3, 0.9], [3, 1]));
      const critic = (x: tf.Tensor) =>
        tf.matMul(activation(tf.add(tf.matMul(x as tf.Tensor2D, w1), b1)) as tf.Tensor2D, w2);
      const real = tf.tensor2d([1, 0.5, -0.5, 0.2, -1, 0.7], [2, 3]);
      const fake = tf.tensor2d([-0.4, 0.3, 0.9, 1.2, 0.1, -0.8], [2, 3]);
      const penalty = () => gradientPenalty(critic, real, fake, { seed: 5 });
      const { value, grads } = tf.variableGrads(
        () => tf.add(wassersteinCriticLoss(critic(real), critic(fake)), penalty()) as tf.Scalar,
      );
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      // Finite differences of the penalty alone, wrt every entry of w2 and w1.
      const { grads: gpGrads } = tf.variableGrads(penalty, [w1, w2]);
      for (const v of [w1, w2]) {
        const analytic = Array.from(gpGrads[v.name]!.dataSync());
        const base = Array.from(v.dataSync());
        const numeric = base.map((_, i) => {
          const h = 1e-2;
          const at = (delta: number) => {
            const moved = base.slice();
            moved[i] = moved[i]! + delta;
            v.assign(tf.tensor(moved, v.shape));
            return scalar(penalty());
          };
          const d = (at(h) - at(-h)) / (2 * h);
          v.assign(tf.tensor(base, v.shape));
          return d;
        });
        expectAllClose(analytic, numeric, 2e-2 * Math.max(1, ...numeric.map(Math.abs)));
        expect(analytic.some((g) => Math.abs(g) > 1e-3)).toBe(true);
      }
      expect(Object.keys(grads)).toHaveLength(3);
      tf.dispose([
        value,
        ...Object.values(grads),
        ...Object.values(gpGrads),
        w1,
        b1,
        w2,
        real,
        fake,
      ]);
    }
  });

  it('leaks no tensors', async () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const y = tf.tensor2d([0, 1, 0, 1], [2, 2]);
    await assertNoLeaks(() => {
      gradientPenalty(halfSquaredNorm, x, y, { seed: 0 }).dispose();
      tf.grad((t: tf.Tensor) => gradientPenalty(halfSquaredNorm, t, y, { seed: 0 }))(x).dispose();
    });
    tf.dispose([x, y]);
  });

  it('rejects bad arguments with named errors', () => {
    const x = [[1, 2]];
    expect(() => gradientPenalty(halfSquaredNorm, x, x, {})).toThrow(
      "Options passed to 'gradientPenalty' must contain exactly one of 'seed' and 'rng' (for the interpolation weights), but got neither.",
    );
    expect(() => gradientPenalty(halfSquaredNorm, x, x, { seed: 1, rng: createRng(1) })).toThrow(
      'but got both.',
    );
    expect(() => gradientPenalty(halfSquaredNorm, x, x, { seed: 1, lamda: 5 } as object)).toThrow(
      "Unknown option 'lamda' passed to 'gradientPenalty'; expected one of: lambda, seed, rng.",
    );
    expect(() => gradientPenalty(halfSquaredNorm, x, x, { seed: 1, lambda: -1 })).toThrow(
      "Argument 'lambda' passed to 'gradientPenalty' must be a finite number in [0, Infinity], but got -1.",
    );
    expect(() => gradientPenalty(halfSquaredNorm, x, [[1, 2, 3]], { seed: 1 })).toThrow(
      "Arguments 'real' and 'fake' passed to 'gradientPenalty' must have the same shape, but got [1, 2] and [1, 3].",
    );
    expect(() => gradientPenalty((t) => tf.sum(t), x, x, { seed: 1 })).toThrow(
      "Argument 'critic' passed to 'gradientPenalty' must return one score per example, shape [1] or [1, 1], but returned shape [].",
    );
    expect(() => gradientPenalty(halfSquaredNorm, [1, 2], [1, 2], { seed: 1 })).toThrow(
      "Argument 'real' passed to 'gradientPenalty' must be a non-empty batch [n, ...] of rank >= 2, but got shape [2].",
    );
  });
});
