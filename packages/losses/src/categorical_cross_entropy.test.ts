import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  categoricalCrossEntropy,
  categoricalCrossEntropyFromLogits,
  sparseCategoricalCrossEntropyFromLogits,
} from './index';
import { autodiff, expectAllClose, finiteDifference, scalar, values } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

const logits = [
  [1, 2, 3],
  [0, 0, 0],
];
// Row 1, class 2: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2) = 0.407606
// Row 2, class 0: log 3 - 0 = 1.098612
const perExample = [Math.log(1 + Math.exp(-1) + Math.exp(-2)), Math.log(3)];

describe('categoricalCrossEntropyFromLogits', () => {
  it('matches hand values with index labels, one-hot labels and every label container', () => {
    expect(perExample[0]).toBeCloseTo(0.407606, 6);
    const mean = (perExample[0]! + perExample[1]!) / 2;
    expect(scalar(categoricalCrossEntropyFromLogits(logits, [2, 0]))).toBeCloseTo(mean, 6);
    const oneHot = [
      [0, 0, 1],
      [1, 0, 0],
    ];
    expect(scalar(categoricalCrossEntropyFromLogits(logits, oneHot))).toBeCloseTo(mean, 6);
    expect(scalar(categoricalCrossEntropyFromLogits(logits, new Int32Array([2, 0])))).toBeCloseTo(
      mean,
      6,
    );
    const int32 = tf.tensor1d([2, 0], 'int32');
    expect(
      scalar(sparseCategoricalCrossEntropyFromLogits(logits, int32, { reduction: 'sum' })),
    ).toBeCloseTo(2 * mean, 5);
    int32.dispose();
    const none = categoricalCrossEntropyFromLogits(logits, [2, 0], { reduction: 'none' });
    expect(none.shape).toEqual([2]);
    expectAllClose(values(none), perExample, 1e-6);
  });

  it('accepts soft labels: -sum_k y_k log softmax(l)_k', () => {
    // y = [0.5, 0.5, 0] on row [1, 2, 3]: lse - (0.5 * 1 + 0.5 * 2) = 3.407606 - 1.5
    const lse = 3 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
    expect(scalar(categoricalCrossEntropyFromLogits([[1, 2, 3]], [[0.5, 0.5, 0]]))).toBeCloseTo(
      lse - 1.5,
      5,
    );
  });

  it('stays finite at logits of +-100 and +-1e4, with gradient softmax - onehot', () => {
    const extreme = [1e4, -1e4, 0, -100, 100, 0];
    const labels = [1, 1];
    // Row 1: lse = 1e4, minus l_1 = -1e4 gives 2e4. Row 2: lse = 100 (+1e-44), minus 100 gives 0.
    expectAllClose(
      values(
        categoricalCrossEntropyFromLogits(tf.tensor2d(extreme, [2, 3]), labels, {
          reduction: 'none',
        }),
      ),
      [2e4, 0],
      1e-3,
    );
    const grad = autodiff(
      (x) => sparseCategoricalCrossEntropyFromLogits(x, labels, { reduction: 'sum' }),
      extreme,
      [2, 3],
    );
    expectAllClose(grad, [1, -1, 0, 0, 0, 0], 1e-6);
  });

  it('has the gradient of finite differences', () => {
    const x = [0.3, -1.2, 2.0, 0.5, 0.5, -0.25, 1.0, 0.0];
    const f = (t: tf.Tensor) => categoricalCrossEntropyFromLogits(t, [3, 0]);
    expectAllClose(autodiff(f, x, [2, 4]), finiteDifference(f, x, [2, 4]), 2e-3);
  });

  it('leaks no tensors', async () => {
    const x = tf.tensor2d(logits);
    await assertNoLeaks(() => {
      categoricalCrossEntropyFromLogits(x, [2, 0]).dispose();
      categoricalCrossEntropy([[0.5, 0.5]], [1]).dispose();
      tf.grad((l: tf.Tensor) => sparseCategoricalCrossEntropyFromLogits(l, [1, 1]))(x).dispose();
    });
    x.dispose();
  });

  it('rejects bad labels and shapes with named errors', () => {
    expect(() => categoricalCrossEntropyFromLogits(logits, [3, 0])).toThrow(
      "Argument 'labels' passed to 'categoricalCrossEntropyFromLogits' must hold integer class indices in [0, 2], but entry 0 is 3.",
    );
    expect(() => sparseCategoricalCrossEntropyFromLogits(logits, [0, 1.5])).toThrow(
      "Argument 'labels' passed to 'sparseCategoricalCrossEntropyFromLogits' must hold integer class indices in [0, 2], but entry 1 is 1.5.",
    );
    expect(() => sparseCategoricalCrossEntropyFromLogits(logits, [0, 1, 2])).toThrow(
      "Argument 'labels' passed to 'sparseCategoricalCrossEntropyFromLogits' must hold one class index per example, shape [2], but got shape [3].",
    );
    expect(() => categoricalCrossEntropyFromLogits(logits, [[0, 1]])).toThrow(
      "Arguments 'logits' and 'labels' passed to 'categoricalCrossEntropyFromLogits' must have the same shape, but got [2, 3] and [1, 2].",
    );
    expect(() => categoricalCrossEntropyFromLogits([1, 2, 3], [0])).toThrow(
      "Argument 'logits' passed to 'categoricalCrossEntropyFromLogits' must have shape [n, K] with n >= 1 and K >= 1, but got shape [3].",
    );
  });
});

describe('categoricalCrossEntropy (probabilities)', () => {
  it('matches hand values and clips zeros', () => {
    // -log 0.7 and -log 0.5
    const probs = [
      [0.7, 0.2, 0.1],
      [0.25, 0.5, 0.25],
    ];
    expectAllClose(
      values(categoricalCrossEntropy(probs, [0, 1], { reduction: 'none' })),
      [-Math.log(0.7), -Math.log(0.5)],
      1e-6,
    );
    // A zero probability on the true class costs -log(epsilon).
    expect(scalar(categoricalCrossEntropy([[1, 0]], [[0, 1]], { epsilon: 1e-4 }))).toBeCloseTo(
      -Math.log(1e-4),
      3,
    );
    expect(() => categoricalCrossEntropy(probs, [0, 1], { eps: 1 } as object)).toThrow(
      "Unknown option 'eps' passed to 'categoricalCrossEntropy'; expected one of: reduction, epsilon.",
    );
    expect(() => categoricalCrossEntropy(probs, [[0, 1]])).toThrow(
      "Arguments 'probs' and 'labels' passed to 'categoricalCrossEntropy' must have the same shape",
    );
  });
});
