import { assertNoLeaks, initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DBSCAN } from './dbscan';
import { KernelDensity } from './kernel_density';
import { daviesBouldinScore } from './metrics/davies_bouldin_score';
import { silhouetteScore } from './metrics/silhouette_score';
import { MiniBatchKMeans } from './minibatch_kmeans';
import { PCA } from './pca';

beforeAll(async () => {
  await initBackend();
});

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [5, 5],
  [5, 6],
  [6, 5],
];
const LABELS = [0, 0, 0, 1, 1, 1];

describe('tensor hygiene', () => {
  it('PCA, KernelDensity, DBSCAN, MiniBatchKMeans and the metrics leave no tensors behind', async () => {
    await assertNoLeaks(() => {
      const pca = new PCA().fit(X);
      pca.inverseTransform(pca.transform(X));
    });
    await assertNoLeaks(() => {
      const kde = new KernelDensity({ bandwidth: 0.5 }).fit(X);
      kde.scoreSamples(X);
    });
    await assertNoLeaks(() => new DBSCAN({ eps: 1.5, minSamples: 2 }).fit(X));
    await assertNoLeaks(async () => {
      const mb = await new MiniBatchKMeans({ nClusters: 2, batchSize: 4 }).fit(X);
      mb.predict(X);
    });
    await assertNoLeaks(() => {
      silhouetteScore(X, LABELS);
      daviesBouldinScore(X, LABELS);
    });
    // Errors thrown midway free what was allocated too.
    await assertNoLeaks(() => {
      expect(() => silhouetteScore(X, [0, 0, 0, 0, 0, 0])).toThrow();
      expect(() => new PCA({ nComponents: 5 }).fit(X)).toThrow();
    });
  });
});
