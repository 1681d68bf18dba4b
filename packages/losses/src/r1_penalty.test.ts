import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { r1Penalty } from './index';
import { expectAllClose, scalar } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

/** D(x) = 1/2 |x|^2 per example: the gradient at x is x itself. */
const halfSquaredNorm = (x: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(x), 1));

describe('r1Penalty', () => {
  it('is gamma / 2 times the mean squared gradient norm over the real batch', () => {
    // Gradients are the rows [3, 4] (|g|^2 = 25) and [0.6, 0.8] (|g|^2 = 1): mean 13.
    const x = [
      [3, 4],
      [0.6, 0.8],
    ];
    expect(scalar(r1Penalty(halfSquaredNorm, x))).toBeCloseTo(5 * 13, 3); // default gamma 10
    expect(scalar(r1Penalty(halfSquaredNorm, x, { gamma: 1 }))).toBeCloseTo(6.5, 4);
    expect(scalar(r1Penalty(halfSquaredNorm, x, { gamma: 0 }))).toBe(0);
    // A linear D(x) = x . w has gradient w everywhere: (gamma / 2) |w|^2 = 5 * 4 = 20.
    const w = tf.tensor2d([1.2, 1.6], [2, 1]);
    const linear = (t: tf.Tensor) => tf.matMul(t as tf.Tensor2D, w);
    expect(scalar(r1Penalty(linear, x))).toBeCloseTo(20, 4);
    // Rank-4 images: the norm runs over every entry of an example. Entries 0.5 (|g|^2 = 1)
    // and 1 (|g|^2 = 4): 5 * mean(1, 4) = 12.5.
    const images = tf.tensor4d([0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1], [2, 2, 2, 1]);
    const imageCritic = (t: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(t), [1, 2, 3]));
    expect(scalar(r1Penalty(imageCritic, images))).toBeCloseTo(12.5, 4);
    tf.dispose([w, images]);
  });

  it("has gradient gamma w with respect to a linear D's weights, and matches finite differences through a leaky ReLU", () => {
    const w = tf.variable(tf.tensor2d([1.2, -0.4, 0.7], [3, 1]));
    const x = tf.tensor2d([1, 0.5, -0.5, 0.2, -1, 0.7], [2, 3]);
    const linear = (t: tf.Tensor) => tf.matMul(t as tf.Tensor2D, w);
    const { grads } = tf.variableGrads(() => r1Penalty(linear, x, { gamma: 3 }), [w]);
    expectAllClose(grads[w.name]!.dataSync(), [3.6, -1.2, 2.1], 1e-4);
    tf.dispose(Object.values(grads));

    const w1 = tf.variable(tf.tensor2d([0.5, -1.0, 0.3, 0.8, 0.2, -0.6, 1.1, 0.4, -0.3], [3, 3]));
    const w2 = tf.variable(tf.tensor2d([0.7, -1.3, 0.9], [3, 1]));
    const critic = (t: tf.Tensor) =>
      tf.matMul(tf.leakyRelu(tf.matMul(t as tf.Tensor2D, w1), 0.2) as tf.Tensor2D, w2);
    const penalty = () => r1Penalty(critic, x, { gamma: 2 });
    const { grads: analytic } = tf.variableGrads(penalty, [w1, w2]);
    for (const v of [w1, w2]) {
      const base = Array.from(v.dataSync());
      const numeric = base.map((_, i) => {
        const at = (delta: number) => {
          const moved = base.slice();
          moved[i] = moved[i]! + delta;
          v.assign(tf.tensor(moved, v.shape));
          return scalar(penalty());
        };
        const d = (at(1e-2) - at(-1e-2)) / 2e-2;
        v.assign(tf.tensor(base, v.shape));
        return d;
      });
      const got = Array.from(analytic[v.name]!.dataSync());
      expectAllClose(got, numeric, 2e-2 * Math.max(1, ...numeric.map(Math.abs)));
      expect(got.some((g) => Math.abs(g) > 1e-3)).toBe(true);
    }
    tf.dispose([...Object.values(analytic), w, x, w1, w2]);
  });

  it('leaks no tensors', async () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    await assertNoLeaks(() => {
      r1Penalty(halfSquaredNorm, x).dispose();
      tf.grad((t: tf.Tensor) => r1Penalty(halfSquaredNorm, t))(x).dispose();
    });
    x.dispose();
  });

  it('rejects bad arguments with named errors', () => {
    const x = [[1, 2]];
    expect(() => r1Penalty('D' as never, x)).toThrow(
      "Argument 'critic' passed to 'r1Penalty' must be a function, but got string.",
    );
    expect(() => r1Penalty(halfSquaredNorm, x, { lambda: 5 } as object)).toThrow(
      "Unknown option 'lambda' passed to 'r1Penalty'; expected one of: gamma.",
    );
    expect(() => r1Penalty(halfSquaredNorm, x, { gamma: Number.NaN })).toThrow(
      "Argument 'gamma' passed to 'r1Penalty' must be a finite number in [0, Infinity], but got NaN.",
    );
    expect(() => r1Penalty((t) => tf.sum(t), x)).toThrow(
      "Argument 'critic' passed to 'r1Penalty' must return one score per example, shape [1] or [1, 1], but returned shape [].",
    );
    expect(() => r1Penalty(halfSquaredNorm, [1, 2])).toThrow(
      "Argument 'real' passed to 'r1Penalty' must be a non-empty batch [n, ...] of rank >= 2, but got shape [2].",
    );
  });
});
