import { initBackend, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accuracyScore,
  confusionMatrix,
  f1Score,
  precisionRecallF1,
  precisionScore,
  recallScore,
} from './classification';
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from './regression';

beforeAll(async () => {
  await initBackend();
});

// Hand-counted example: classes 0, 1, 2.
const yTrue = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
const yPred = [0, 0, 1, 1, 2, 2, 2, 2, 0, 2];
// class 0: tp 2, predicted 3, actual 3 -> P 2/3, R 2/3, F1 2/3
// class 1: tp 1, predicted 2, actual 2 -> P 1/2, R 1/2, F1 1/2
// class 2: tp 4, predicted 5, actual 5 -> P 4/5, R 4/5, F1 4/5

describe('classification metrics', () => {
  it('accuracy and the confusion matrix', () => {
    expect(accuracyScore(yTrue, yPred)).toBe(0.7);
    expect(accuracyScore(tf.tensor1d(yTrue), Int32Array.from(yPred))).toBe(0.7);
    const cm = confusionMatrix(yTrue, yPred);
    expect(Array.from(cm.labels)).toEqual([0, 1, 2]);
    expect(cm.matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 0, 4],
    ]);
    expect(confusionMatrix([5, 7], [7, 7], { labels: [7, 5] }).matrix).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('per-class and averaged precision, recall and F1', () => {
    const s = precisionRecallF1(yTrue, yPred);
    expect(Array.from(s.precision)).toEqual([2 / 3, 1 / 2, 4 / 5]);
    expect(Array.from(s.recall)).toEqual([2 / 3, 1 / 2, 4 / 5]);
    expect(Array.from(s.support)).toEqual([3, 2, 5]);
    expect(f1Score(yTrue, yPred)).toBeCloseTo((2 / 3 + 1 / 2 + 4 / 5) / 3, 12);
    expect(precisionScore(yTrue, yPred, { average: 'weighted' })).toBeCloseTo((2 + 1 + 4) / 10, 12);
    expect(recallScore(yTrue, yPred, { average: 'micro' })).toBe(0.7);
  });

  it('asymmetric precision and recall, zero division gives 0', () => {
    // class 1 is never predicted: precision 0 (0/0), recall 0.
    const t = [0, 1, 1, 0];
    const p = [0, 0, 0, 0];
    const s = precisionRecallF1(t, p);
    expect(Array.from(s.precision)).toEqual([0.5, 0]);
    expect(Array.from(s.recall)).toEqual([1, 0]);
    expect(s.f1[0]).toBeCloseTo(2 / 3, 12);
    expect(precisionScore(t, p)).toBe(0.25);
    expect(recallScore(t, p)).toBe(0.5);
  });

  it('rejects bad input', () => {
    expect(() => accuracyScore([1, 2], [1])).toThrow(ShapeError);
    expect(() => accuracyScore([1, 2], [1])).toThrow(
      "Argument 'yPred' passed to 'accuracyScore' must have one entry per row of 'x' (2), but got 1.",
    );
    expect(() => accuracyScore([], [])).toThrow(
      "Argument 'yTrue' passed to 'accuracyScore' must not be empty.",
    );
    expect(() => f1Score([0.5], [1])).toThrow(
      "Argument 'yTrue' passed to 'f1Score' must contain integer class labels, but entry 0 is 0.5.",
    );
    expect(() => f1Score([1], [1], { average: 'binary' as 'macro' })).toThrow(ValueError);
  });
});

describe('regression metrics', () => {
  it('MSE, RMSE, MAE and R² by hand', () => {
    const t = [3, -0.5, 2, 7];
    const p = [2.5, 0, 2, 8];
    expect(meanSquaredError(t, p)).toBeCloseTo(0.375, 12);
    expect(rootMeanSquaredError(t, p)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(meanAbsoluteError(t, p)).toBeCloseTo(0.5, 12);
    // mean 2.875, SS_tot = 29.1875, SS_res = 1.5
    expect(r2Score(t, p)).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(r2Score([1, 1], [1, 1])).toBe(1);
    expect(r2Score([1, 1], [1, 2])).toBe(0);
  });

  it('rejects NaN and mismatched lengths', () => {
    expect(() => meanSquaredError([1, Number.NaN], [1, 2])).toThrow(
      "Argument 'yTrue' passed to 'meanSquaredError' must contain only finite numbers, but entry 1 is NaN.",
    );
    expect(() => r2Score([1, 2, 3], [1, 2])).toThrow(ShapeError);
  });
});
