import {
  assertNoLeaks,
  createRng,
  initBackend,
  NotFittedError,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNeighborsClassifier, KNeighborsRegressor } from './k_neighbors';

beforeAll(async () => {
  await initBackend();
});

/** Reference: sort all training rows by float64 Euclidean distance. */
function nearestByHand(train: number[][], q: number[], k: number): number[] {
  return train
    .map((r, i) => ({ i, d: r.reduce((s, v, j) => s + (v - q[j]!) ** 2, 0) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, k)
    .map((e) => e.i);
}

function randomData(n: number, d: number, seed: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
}

describe('KNeighborsClassifier', () => {
  it('finds the same neighbours as a float64 search by hand', () => {
    const train = randomData(300, 7, 1);
    const queries = randomData(40, 7, 2);
    const y = train.map((r) => (r[0]! > 0 ? 1 : 0));
    const knn = new KNeighborsClassifier({ nNeighbors: 4 }).fit(train, y);
    const found = knn.kneighbors(queries);
    queries.forEach((q, i) => {
      expect(Array.from(found.indices[i]!)).toEqual(nearestByHand(train, q, 4));
      const d0 = Math.sqrt(
        train[found.indices[i]![0]!]!.reduce((s, v, j) => s + (v - q[j]!) ** 2, 0),
      );
      expect(found.distances[i]![0]).toBeCloseTo(d0, 4);
    });
    const predicted = knn.predict(queries);
    queries.forEach((q, i) => {
      const votes = nearestByHand(train, q, 4).map((j) => y[j]!);
      const ones = votes.filter((v) => v === 1).length;
      expect(predicted[i]).toBe(ones > 2 ? 1 : 0); // a 2-2 tie goes to the smaller label
    });
  });

  it('uniform and distance weights by hand', () => {
    const x = [[0], [1], [3], [10]];
    const y = [0, 1, 1, 2];
    const uniform = new KNeighborsClassifier({ nNeighbors: 3 }).fit(x, y);
    expect(Array.from(uniform.predictProba([[0.5]])[0]!)).toEqual([1 / 3, 2 / 3, 0]);
    const weighted = new KNeighborsClassifier({ nNeighbors: 3, weights: 'distance' }).fit(x, y);
    // query 0.2: distances 0.2, 0.8, 2.8 -> weights 5, 1.25, 0.357...
    const p = weighted.predictProba([[0.2]])[0]!;
    const w = [1 / 0.2, 1 / 0.8, 1 / 2.8];
    const total = w[0]! + w[1]! + w[2]!;
    expect(p[0]).toBeCloseTo(w[0]! / total, 5);
    expect(p[1]).toBeCloseTo((w[1]! + w[2]!) / total, 5);
    expect(Array.from(weighted.predict([[0.2]]))).toEqual([0]);
    // An exact match takes all the weight.
    expect(Array.from(weighted.predictProba([[3]])[0]!)).toEqual([0, 1, 0]);
    expect(weighted.score(x, y)).toBe(1);
  });

  it('accepts tensors and leaks nothing', async () => {
    const x = tf.tensor2d([
      [0, 0],
      [0, 1],
      [5, 5],
      [5, 6],
    ]);
    const y = tf.tensor1d([3, 3, 8, 8]);
    await assertNoLeaks(() => {
      const knn = new KNeighborsClassifier({ nNeighbors: 1 }).fit(x, y);
      expect(
        Array.from(
          knn.predict([
            [4, 4],
            [1, 0],
          ]),
        ),
      ).toEqual([8, 3]);
    });
    tf.dispose([x, y]);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => new KNeighborsClassifier().predict([[1]])).toThrow(NotFittedError);
    expect(() => new KNeighborsClassifier({ nNeighbors: 3 }).fit([[1], [2]], [0, 1])).toThrow(
      "Option 'nNeighbors' (3) passed to 'KNeighborsClassifier.fit' must not exceed the number of training rows (2).",
    );
    expect(() => new KNeighborsClassifier({ nNeighbors: 0 })).toThrow(ValueError);
    expect(() => new KNeighborsClassifier({ weights: 'inverse' as 'uniform' })).toThrow(
      "Argument 'weights' passed to 'KNeighborsClassifier' must be one of 'uniform', 'distance', but got \"inverse\".",
    );
    expect(() => new KNeighborsClassifier({ nNeighbors: 1 }).fit([[1], [2]], [0])).toThrow(
      ShapeError,
    );
    const knn = new KNeighborsClassifier({ nNeighbors: 1 }).fit([[1], [2]], [0, 1]);
    expect(() => knn.predict([[Number.NaN]])).toThrow(
      "Argument 'x' passed to 'KNeighborsClassifier.predict' must contain only finite numbers, but entry 0 is NaN.",
    );
    expect(() => knn.predict([[1, 2]])).toThrow(ShapeError);
  });
});

describe('KNeighborsRegressor', () => {
  it('averages the neighbours’ targets', () => {
    const x = [[0], [1], [2], [10]];
    const y = [0, 10, 20, 100];
    const knn = new KNeighborsRegressor({ nNeighbors: 2 }).fit(x, y);
    expect(knn.predict([[0.4], [9]])[0]).toBeCloseTo(5, 10);
    expect(knn.predict([[9]])[0]).toBeCloseTo(60, 10);
    const weighted = new KNeighborsRegressor({ nNeighbors: 2, weights: 'distance' }).fit(x, y);
    // query 0.25: distances 0.25 and 0.75 -> (4·0 + 4/3·10) / (4 + 4/3) = 2.5
    expect(weighted.predict([[0.25]])[0]).toBeCloseTo(2.5, 5);
    expect(weighted.score(x, y)).toBeCloseTo(1, 10);
  });
});
