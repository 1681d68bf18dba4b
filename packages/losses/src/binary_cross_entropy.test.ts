import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryCrossEntropy, binaryCrossEntropyFromLogits } from './index';
import {
  autodiff,
  expectAllClose,
  finiteDifference,
  scalar,
  softplusRef,
  values,
} from './test_utils';

beforeAll(async () => {
  await initBackend();
});

describe('binaryCrossEntropyFromLogits', () => {
  // loss(x, z) = log(1 + e^x) - x z
  const perElement = [
    Math.log(1 + Math.exp(2)) - 2 * 1, // x = 2, z = 1: 0.126928
    Math.log(1 + Math.exp(-1)) - 0, // x = -1, z = 0: 0.313262
    Math.log(2) - 0 * 0.5, // x = 0, z = 0.5: 0.693147
  ];

  it('matches hand-computed values with each reduction', () => {
    const logits = [2, -1, 0];
    const labels = [1, 0, 0.5];
    expect(perElement[0]).toBeCloseTo(0.126928, 6);
    const mean = (perElement[0]! + perElement[1]! + perElement[2]!) / 3;
    expect(scalar(binaryCrossEntropyFromLogits(logits, labels))).toBeCloseTo(mean, 6);
    expect(scalar(binaryCrossEntropyFromLogits(logits, labels, { reduction: 'sum' }))).toBeCloseTo(
      3 * mean,
      5,
    );
    const none = binaryCrossEntropyFromLogits(
      tf.tensor2d(logits, [3, 1]),
      tf.tensor2d(labels, [3, 1]),
      {
        reduction: 'none',
      },
    );
    expect(none.shape).toEqual([3, 1]);
    expectAllClose(values(none), perElement, 1e-6);
  });

  it('stays finite at logits of +-100 and +-1e4, in value and gradient', () => {
    const logits = [100, -100, 1e4, -1e4, 100, -1e4];
    const labels = [1, 0, 0, 1, 0, 0];
    // Right answers: the first two are confidently right (0), the next two confidently wrong
    // (|x|), then 100 (x = 100, z = 0) and 0.
    const expected = [0, 0, 1e4, 1e4, 100, 0];
    const z = tf.tensor1d(labels);
    const none = binaryCrossEntropyFromLogits(logits, z, { reduction: 'none' });
    expectAllClose(values(none), expected, 1e-3);
    // d/dx = sigmoid(x) - z
    const grad = autodiff(
      (x) => binaryCrossEntropyFromLogits(x, z, { reduction: 'sum' }),
      logits,
      [6],
    );
    expectAllClose(grad, [0, 0, 1, -1, 1, 0], 1e-6);
    z.dispose();
  });

  it('has gradient sigmoid(x) - z, also at x = 0, matching finite differences', () => {
    const logits = [0, 0, 1.5, -0.7, 3];
    const labels = tf.tensor1d([1, 0, 0.3, 1, 0]);
    const f = (x: tf.Tensor) => binaryCrossEntropyFromLogits(x, labels, { reduction: 'sum' });
    const grad = autodiff(f, logits, [5]);
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    expectAllClose(
      grad,
      [0.5 - 1, 0.5 - 0, sigmoid(1.5) - 0.3, sigmoid(-0.7) - 1, sigmoid(3)],
      1e-6,
    );
    expectAllClose(grad, finiteDifference(f, logits, [5]), 2e-3);
    labels.dispose();
  });

  it('agrees with the float64 reference on random logits', () => {
    const logits = [-7.5, -2.25, 0.125, 4, 12, 30];
    const labels = [0.1, 1, 0, 0.5, 1, 0];
    const expected = logits.map((x, i) => softplusRef(x) - x * labels[i]!);
    expectAllClose(
      values(binaryCrossEntropyFromLogits(logits, labels, { reduction: 'none' })),
      expected,
      2e-5,
    );
  });

  it('leaks no tensors', async () => {
    const x = tf.tensor1d([1, -2, 3]);
    const z = tf.tensor1d([1, 0, 1]);
    await assertNoLeaks(() => {
      binaryCrossEntropyFromLogits(x, z).dispose();
      binaryCrossEntropyFromLogits([1, 2], [0, 1], { reduction: 'none' }).dispose();
      tf.grad((l: tf.Tensor) => binaryCrossEntropyFromLogits(l, z))(x).dispose();
    });
    tf.dispose([x, z]);
  });

  it('rejects bad shapes and options with named errors', () => {
    expect(() => binaryCrossEntropyFromLogits([1, 2, 3], [1, 0])).toThrow(
      "Arguments 'logits' and 'labels' passed to 'binaryCrossEntropyFromLogits' must have the same shape, but got [3] and [2].",
    );
    expect(() => binaryCrossEntropyFromLogits(tf.tensor2d([1, 2], [2, 1]), [1, 0])).toThrow(
      'must have the same shape, but got [2, 1] and [2].',
    );
    expect(() => binaryCrossEntropyFromLogits(3 as unknown as number[], [1])).toThrow(
      "Argument 'logits' passed to 'binaryCrossEntropyFromLogits' must be a non-empty batch (rank >= 1), but got shape [].",
    );
    expect(() => binaryCrossEntropyFromLogits([1], [1], { reduction: 'avg' as 'mean' })).toThrow(
      "Argument 'reduction' passed to 'binaryCrossEntropyFromLogits' must be one of 'mean', 'sum', 'none', but got \"avg\".",
    );
    expect(() => binaryCrossEntropyFromLogits([1], [1], { reduce: 'sum' } as object)).toThrow(
      "Unknown option 'reduce' passed to 'binaryCrossEntropyFromLogits'; expected one of: reduction.",
    );
    expect(() => binaryCrossEntropyFromLogits('x' as unknown as number[], [1])).toThrow(
      "Argument 'logits' passed to 'binaryCrossEntropyFromLogits' must be a tensor, a number array or a typed array, but got string.",
    );
  });
});

describe('binaryCrossEntropy (probabilities)', () => {
  it('matches hand-computed values', () => {
    // -log 0.9 (p = 0.9, z = 1) and -log(1 - 0.2) (p = 0.2, z = 0)
    const expected = [-Math.log(0.9), -Math.log(0.8)];
    expectAllClose(
      values(binaryCrossEntropy([0.9, 0.2], [1, 0], { reduction: 'none' })),
      expected,
      1e-6,
    );
    expect(scalar(binaryCrossEntropy([0.9, 0.2], [1, 0]))).toBeCloseTo(
      (expected[0]! + expected[1]!) / 2,
      6,
    );
  });

  it('clips probabilities of exactly 0 and 1 to epsilon', () => {
    // p = 0 with z = 1 costs -log(eps); p = 1 with z = 0 costs -log(1 - fround(1 - eps)).
    const eps = Math.fround(1e-7);
    const expected = [-Math.log(eps), -Math.log(1 - Math.fround(1 - 1e-7))];
    expectAllClose(
      values(binaryCrossEntropy([0, 1], [1, 0], { reduction: 'none' })),
      expected,
      1e-3,
    );
    const wide = values(binaryCrossEntropy([0, 1], [1, 0], { reduction: 'none', epsilon: 0.01 }));
    expectAllClose(wide, [-Math.log(0.01), -Math.log(0.01)], 1e-4);
    // Clipped entries get no gradient; -d/dp log p = -1/p elsewhere.
    const z = tf.tensor1d([1, 1]);
    const grad = autodiff((p) => binaryCrossEntropy(p, z, { reduction: 'sum' }), [0, 0.5], [2]);
    expectAllClose(grad, [0, -2], 1e-5);
    z.dispose();
  });

  it('rejects a bad epsilon', () => {
    expect(() => binaryCrossEntropy([0.5], [1], { epsilon: 0.7 })).toThrow(
      "Argument 'epsilon' passed to 'binaryCrossEntropy' must be a finite number in [0, 0.5], but got 0.7.",
    );
    expect(() => binaryCrossEntropy([0.5, 0.5], [1])).toThrow(
      "Arguments 'probs' and 'labels' passed to 'binaryCrossEntropy' must have the same shape",
    );
  });
});
