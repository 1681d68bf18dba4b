import { initBackend, NotFittedError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MinMaxScaler } from './min_max_scaler';
import { OneHotEncoder, oneHot } from './one_hot';
import { StandardScaler } from './standard_scaler';

beforeAll(async () => {
  await initBackend();
});

const x = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 60, 5],
];

describe('StandardScaler', () => {
  it('centres and scales by the population std; a constant column is only centred', () => {
    const scaler = new StandardScaler().fit(x);
    expect(Array.from(scaler.mean)).toEqual([2, 30, 5]);
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(scaler.scale[1]).toBeCloseTo(Math.sqrt(1400 / 3), 12);
    expect(scaler.scale[2]).toBe(1);
    const z = scaler.transform(x);
    expect(z[0]![0]).toBeCloseTo(-1 / Math.sqrt(2 / 3), 12);
    expect(z.map((r) => r[2])).toEqual([0, 0, 0]);
    const back = scaler.inverseTransform(z);
    back.forEach((r, i) => {
      r.forEach((v, j) => {
        expect(v).toBeCloseTo(x[i]![j]!, 10);
      });
    });
  });

  it('works on tensors without leaking', () => {
    const t = tf.tensor2d(x);
    const before = tf.memory().numTensors;
    const scaler = new StandardScaler().fit(t);
    const z = scaler.transform(t);
    expect(tf.memory().numTensors).toBe(before + 1);
    const col = Array.from(z.dataSync()).filter((_, i) => i % 3 === 1);
    expect(col.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5);
    expect(col.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 5);
    tf.dispose([t, z]);
  });

  it('rejects transform before fit and a wrong column count', () => {
    expect(() => new StandardScaler().transform(x)).toThrow(NotFittedError);
    const scaler = new StandardScaler().fit(x);
    expect(() => scaler.transform([[1, 2]])).toThrow(
      "Argument 'x' passed to 'StandardScaler.transform' must have shape [*, 3] (rank 2), but got shape [1, 2] (rank 2).",
    );
  });
});

describe('MinMaxScaler', () => {
  it('maps onto the feature range and back', () => {
    const scaler = new MinMaxScaler({ featureRange: [-1, 1] }).fit(x);
    const z = scaler.transform(x);
    expect(z.map((r) => r[0])).toEqual([-1, 0, 1]);
    expect(z[1]![1]).toBeCloseTo(-1 + (2 * 10) / 50, 12);
    expect(z.map((r) => r[2])).toEqual([-1, -1, -1]);
    expect(scaler.inverseTransform(z)[1]).toEqual([2, 20, 5]);
    expect(() => new MinMaxScaler({ featureRange: [1, 0] })).toThrow(
      "Argument 'featureRange' passed to 'MinMaxScaler' must be [low, high] with finite low < high, but got [1,0].",
    );
  });
});

describe('one-hot', () => {
  it('oneHot encodes labels', () => {
    expect(oneHot([2, 0, 1])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(oneHot([1], 4)).toEqual([[0, 1, 0, 0]]);
    expect(() => oneHot([3], 2)).toThrow(
      "Argument 'labels' passed to 'oneHot' must contain integers in [0, 2), but entry 0 is 3.",
    );
  });

  it('OneHotEncoder encodes each column by its sorted categories', () => {
    const enc = new OneHotEncoder();
    expect(
      enc.fitTransform([
        [0, 30],
        [1, 10],
        [0, 20],
      ]),
    ).toEqual([
      [1, 0, 0, 0, 1],
      [0, 1, 1, 0, 0],
      [1, 0, 0, 1, 0],
    ]);
    expect(() => enc.transform([[2, 10]])).toThrow(ValueError);
    expect(() => enc.transform([[2, 10]])).toThrow(
      "Argument 'x' passed to 'OneHotEncoder.transform' has category 2 in column 0 (row 0), which 'fit' never saw.",
    );
    const lenient = new OneHotEncoder({ handleUnknown: 'ignore' }).fit([[0], [1]]);
    expect(lenient.transform([[5]])).toEqual([[0, 0]]);
  });
});
