import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierScore } from './index';

beforeAll(async () => {
  await initBackend();
});

const oneHot = (c: number, k: number) => Array.from({ length: k }, (_, j) => (j === c ? 1 : 0));

describe('classifierScore', () => {
  it('is K for confident predictions spread evenly over K classes', () => {
    // KL(onehot ‖ uniform) = log K for every row, so exp(mean) = K.
    const probs = Array.from({ length: 30 }, (_, i) => oneHot(i % 10, 10));
    const { mean, std, scores } = classifierScore(probs);
    expect(mean).toBeCloseTo(10, 12);
    expect(std).toBe(0);
    expect(scores).toHaveLength(1);
  });

  it('is 1 when every sample gets the same class, and 1 for uniform predictions', () => {
    expect(classifierScore(Array.from({ length: 5 }, () => oneHot(3, 10))).mean).toBeCloseTo(1, 12);
    expect(
      classifierScore(Array.from({ length: 5 }, () => new Array(4).fill(0.25))).mean,
    ).toBeCloseTo(1, 12);
  });

  it('matches a hand computation', () => {
    // p(y) = [0.75, 0.25]; KL([0.5, 0.5] ‖ p) = 0.5 log(0.5/0.75) + 0.5 log(0.5/0.25); KL([1, 0] ‖ p) = log(1/0.75)
    const kl1 = 0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25);
    const kl2 = Math.log(1 / 0.75);
    const t = tf.tensor2d([0.5, 0.5, 1, 0], [2, 2]);
    expect(classifierScore(t).mean).toBeCloseTo(Math.exp((kl1 + kl2) / 2), 6);
    t.dispose();
  });

  it('breaks the score into its two entropies and the class shares, by hand', () => {
    // rows [0.5, 0.5] and [1, 0]: H(y|x) = (ln 2 + 0) / 2; p(y) = [0.75, 0.25]; argmax: class 0 twice
    // (a tie goes to the first class).
    const result = classifierScore([
      [0.5, 0.5],
      [1, 0],
    ]);
    expect(result.conditionalEntropy).toBeCloseTo(Math.log(2) / 2, 12);
    const marginal = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    expect(result.marginalEntropy).toBeCloseTo(marginal, 12);
    expect(Array.from(result.classShares)).toEqual([1, 0]);
    expect(Math.exp(result.marginalEntropy - result.conditionalEntropy)).toBeCloseTo(
      result.mean,
      12,
    );
  });

  it('scores consecutive splits separately and reports their mean and std', () => {
    // Split 1: classes 0, 1 (score 2); split 2: classes 2, 2 (score 1); split 3: 0, 1, 2 has 3 rows? n = 7, s = 3:
    // parts are rows [0, 2), [2, 4), [4, 7).
    const rows = [
      oneHot(0, 3),
      oneHot(1, 3),
      oneHot(2, 3),
      oneHot(2, 3),
      oneHot(0, 3),
      oneHot(1, 3),
      oneHot(2, 3),
    ];
    const { mean, std, scores } = classifierScore(rows, { splits: 3 });
    expect(Array.from(scores).map((s) => Number(s.toFixed(12)))).toEqual([2, 1, 3]);
    expect(mean).toBeCloseTo(2, 12);
    expect(std).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it('rejects non-probabilities, too few rows and unknown options', () => {
    expect(() => classifierScore([[0.5, 0.6]])).toThrow(
      "Argument 'probs' passed to 'classifierScore' must have rows summing to 1 (softmax outputs), but row 0 sums to 1.1.",
    );
    expect(() => classifierScore([[1.5, -0.5]])).toThrow(
      "Argument 'probs' passed to 'classifierScore' must hold probabilities in [0, 1], but entry [0, 0] is 1.5.",
    );
    expect(() => classifierScore([[1, 0]], { splits: 2 })).toThrow(
      "Argument 'probs' passed to 'classifierScore' must have at least 'splits' = 2 rows and 1 column, but got shape [1, 2].",
    );
    expect(() => classifierScore([[1, 0]], { split: 2 } as object)).toThrow(
      "Unknown option 'split' passed to 'classifierScore'; expected one of: splits.",
    );
  });
});
