import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { huber, meanAbsoluteError, meanSquaredError } from './index';
import { autodiff, expectAllClose, finiteDifference, scalar, values } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

describe('meanSquaredError and meanAbsoluteError', () => {
  it('match hand values', () => {
    // differences [0, 2, -2]: squares [0, 4, 4], absolute [0, 2, 2]
    expect(scalar(meanSquaredError([1, 2, 3], [1, 0, 5]))).toBeCloseTo(8 / 3, 6);
    expect(scalar(meanSquaredError([1, 2, 3], [1, 0, 5], { reduction: 'sum' }))).toBeCloseTo(8, 6);
    expect(scalar(meanAbsoluteError([1, 2, 3], [1, 0, 5]))).toBeCloseTo(4 / 3, 6);
    const none = meanSquaredError([[1, 2, 3]], [[1, 0, 5]], { reduction: 'none' });
    expect(none.shape).toEqual([1, 3]);
    expectAllClose(values(none), [0, 4, 4]);
  });

  it('have gradients 2(p - t)/n and sign(p - t)/n', () => {
    const t = tf.tensor1d([1, 0, 5]);
    expectAllClose(
      autodiff((p) => meanSquaredError(p, t), [1, 2, 3], [3]),
      [0, 4 / 3, -4 / 3],
    );
    expectAllClose(
      autodiff((p) => meanAbsoluteError(p, t), [1.5, 2, 3], [3]),
      [1 / 3, 1 / 3, -1 / 3],
    );
    t.dispose();
  });

  it('reject mismatched shapes', () => {
    expect(() => meanSquaredError([1, 2], [1, 2, 3])).toThrow(
      "Arguments 'predictions' and 'targets' passed to 'meanSquaredError' must have the same shape, but got [2] and [3].",
    );
  });
});

describe('huber', () => {
  const d = [0, 0.5, -2, 3];
  it('is quadratic inside delta and linear outside', () => {
    // delta = 1: [0, 0.5 * 0.25, 1 * (2 - 0.5), 1 * (3 - 0.5)] = [0, 0.125, 1.5, 2.5]
    expectAllClose(values(huber(d, [0, 0, 0, 0], { reduction: 'none' })), [0, 0.125, 1.5, 2.5]);
    expect(scalar(huber(d, [0, 0, 0, 0]))).toBeCloseTo(4.125 / 4, 6);
    // delta = 2: [0, 0.125, 0.5 * 4, 2 * (3 - 1)] = [0, 0.125, 2, 4]
    expectAllClose(
      values(huber(d, [0, 0, 0, 0], { delta: 2, reduction: 'none' })),
      [0, 0.125, 2, 4],
    );
  });

  it('has gradient clip(d, -delta, delta), matching finite differences', () => {
    const t = tf.zeros([4]);
    const f = (p: tf.Tensor) => huber(p, t, { reduction: 'sum' });
    expectAllClose(autodiff(f, [0.1, 0.5, -2, 3], [4]), [0.1, 0.5, -1, 1]);
    expectAllClose(
      autodiff(f, [0.1, 0.5, -2, 3], [4]),
      finiteDifference(f, [0.1, 0.5, -2, 3], [4]),
      2e-3,
    );
    t.dispose();
  });

  it('leaks no tensors and rejects a bad delta', async () => {
    await assertNoLeaks(() => huber([1, 2], [0, 0]).dispose());
    expect(() => huber([1], [1], { delta: 0 })).toThrow(
      "Argument 'delta' passed to 'huber' must be a finite number in",
    );
    expect(() => huber([1], [1], { delta: 1, alpha: 2 } as object)).toThrow(
      "Unknown option 'alpha' passed to 'huber'; expected one of: reduction, delta.",
    );
  });
});
