import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LinearRegression } from '../linear/linear_regression';
import { crossValScore } from './cross_val_score';
import { KFold, StratifiedKFold } from './kfold';
import { trainTestSplit } from './train_test_split';

beforeAll(async () => {
  await initBackend();
});

const x = Array.from({ length: 20 }, (_, i) => [i, i * i]);
const y = Array.from({ length: 20 }, (_, i) => (i < 15 ? 0 : 1));

describe('trainTestSplit', () => {
  it('splits rows and labels consistently, reproducibly by seed', () => {
    const a = trainTestSplit(x, y, { testSize: 0.25, seed: 3 });
    expect(a.xTest.length).toBe(5);
    expect(a.xTrain.length).toBe(15);
    a.xTrain.forEach((row, k) => {
      expect(a.yTrain[k]).toBe(row[0]! < 15 ? 0 : 1);
    });
    const all = [...a.xTrain, ...a.xTest].map((r) => r[0]).sort((p, q) => p! - q!);
    expect(all).toEqual(x.map((r) => r[0]));
    expect(trainTestSplit(x, y, { testSize: 0.25, seed: 3 })).toEqual(a);
    expect(trainTestSplit(x, y, { testSize: 0.25, seed: 4 }).xTest).not.toEqual(a.xTest);
    expect(trainTestSplit(x, y, { testSize: 4, shuffle: false }).xTest.map((r) => r[0])).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('stratifies: each part keeps the class proportions', () => {
    for (const seed of [0, 1, 2]) {
      const s = trainTestSplit(x, y, { testSize: 0.2, stratify: true, seed });
      expect(s.yTest.filter((v) => v === 1).length).toBe(1);
      expect(s.yTrain.filter((v) => v === 1).length).toBe(4);
    }
  });

  it('splits tensors into new tensors', () => {
    const tx = tf.tensor2d(x);
    const ty = tf.tensor1d(y, 'int32');
    const s = trainTestSplit(tx, ty, { seed: 1 });
    expect(s.xTrain.shape).toEqual([15, 2]);
    expect(s.yTest.shape).toEqual([5]);
    tf.dispose([tx, ty, s.xTrain, s.xTest, s.yTrain, s.yTest]);
  });

  it('rejects labels of the wrong length and impossible sizes', () => {
    expect(() => trainTestSplit(x, [1, 2])).toThrow(
      "Argument 'y' passed to 'trainTestSplit' must have one entry per row of 'x' (20), but got 2.",
    );
    expect(() => trainTestSplit(x, y, { testSize: 20 })).toThrow(
      "Argument 'testSize' passed to 'trainTestSplit' leaves no training samples: 20 test samples of 20.",
    );
    expect(() => trainTestSplit(x, y, { tests: 2 } as object)).toThrow(ValueError);
  });
});

describe('KFold and StratifiedKFold', () => {
  it('KFold: contiguous folds, the first n % k one larger', () => {
    const folds = new KFold({ nSplits: 3 }).split(7);
    expect(folds.map((f) => Array.from(f.test))).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(Array.from(folds[1]!.train)).toEqual([0, 1, 2, 5, 6]);
    const shuffled = new KFold({ nSplits: 3, shuffle: true, seed: 1 }).split(7);
    const covered = shuffled.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(covered).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => new KFold({ nSplits: 1 })).toThrow(
      "Argument 'nSplits' passed to 'KFold' must be an integer >= 2, but got 1.",
    );
    expect(() => new KFold({ nSplits: 8 }).split(7)).toThrow(ValueError);
  });

  it('StratifiedKFold keeps the class balance in every fold', () => {
    const folds = new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 2 }).split(x, y);
    for (const f of folds) {
      const ones = Array.from(f.test).filter((i) => y[i] === 1).length;
      expect(f.test.length).toBe(4);
      expect(ones).toBe(1);
    }
  });
});

describe('crossValScore', () => {
  it('scores a fresh estimator on each fold', async () => {
    const xr = Array.from({ length: 30 }, (_, i) => [i % 7, (i * 3) % 11]);
    const yr = xr.map(([a, b]) => 2 * a! - b! + 1);
    const scores = await crossValScore(() => new LinearRegression(), xr, yr, {
      cv: new KFold({ nSplits: 3 }),
    });
    expect(scores.length).toBe(3);
    for (const s of scores) expect(s).toBeCloseTo(1, 10);
  });
});
