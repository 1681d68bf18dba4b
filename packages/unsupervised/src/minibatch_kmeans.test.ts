import { createRng, initBackend, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KMeans } from './kmeans';
import { adjustedRandScore } from './metrics/adjusted_rand_score';
import { MiniBatchKMeans } from './minibatch_kmeans';

beforeAll(async () => {
  await initBackend();
});

function blobs(n: number, seed: number): { x: number[][]; truth: number[] } {
  const rng = createRng(seed);
  const centers = [
    [0, 0, 0],
    [6, 0, 3],
    [0, 7, -4],
    [-6, -6, 6],
  ];
  const truth = Array.from({ length: n }, (_, i) => i % 4);
  const x = truth.map((c) => (centers[c] as number[]).map((v) => v + rng.normal()));
  return { x, truth };
}

describe('MiniBatchKMeans', () => {
  it('finds separated blobs with an inertia close to full k-means', async () => {
    const { x, truth } = blobs(4000, 1);
    const mb = await new MiniBatchKMeans({ nClusters: 4, batchSize: 256, seed: 0 }).fit(x);
    expect(adjustedRandScore(truth, mb.labels)).toBeGreaterThan(0.99);
    const full = await new KMeans({ nClusters: 4, nInit: 1, seed: 0 }).fit(x);
    expect(adjustedRandScore(full.labels, mb.labels)).toBeGreaterThan(0.995);
    expect(mb.inertia).toBeGreaterThanOrEqual(full.inertia * 0.999);
    expect(mb.inertia).toBeLessThan(full.inertia * 1.02);
    expect(Array.from(mb.predict(x.slice(0, 20)))).toEqual(Array.from(mb.labels.slice(0, 20)));
    expect(mb.nSteps).toBeGreaterThan(1);
    expect(mb.nIter).toBe(Math.ceil(mb.nSteps / Math.ceil(4000 / 256)));
  });

  it('is reproducible for a seed and stops after maxIter epochs', async () => {
    const { x } = blobs(1000, 2);
    const a = await new MiniBatchKMeans({ nClusters: 4, batchSize: 100, maxIter: 1, seed: 5 }).fit(
      x,
    );
    const b = await new MiniBatchKMeans({ nClusters: 4, batchSize: 100, maxIter: 1, seed: 5 }).fit(
      x,
    );
    expect(a.clusterCenters).toEqual(b.clusterCenters);
    expect(a.nSteps).toBeLessThanOrEqual(10);
  });

  it('rejects k > n', async () => {
    await expect(new MiniBatchKMeans({ nClusters: 5 }).fit([[1], [2]])).rejects.toThrow(
      new ValueError(
        "Argument 'nClusters' passed to 'MiniBatchKMeans.fit' must be <= the number of samples (2), but got 5.",
      ),
    );
  });
});
