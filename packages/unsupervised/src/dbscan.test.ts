import { createRng, initBackend, NotFittedError, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DBSCAN } from './dbscan';

beforeAll(async () => {
  await initBackend();
});

describe('DBSCAN', () => {
  it('finds two clusters and one noise row (the scikit-learn documentation example)', () => {
    const db = new DBSCAN({ eps: 3, minSamples: 2 }).fit([
      [1, 2],
      [2, 2],
      [2, 3],
      [8, 7],
      [8, 8],
      [25, 80],
    ]);
    expect(Array.from(db.labels)).toEqual([0, 0, 0, 1, 1, -1]);
    expect(Array.from(db.coreSampleIndices)).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts the row itself, includes the eps boundary, and attaches border rows', () => {
    // Rows 1 and 2 have 3 rows within distance 1 (themselves included): core. Rows 0 and 3
    // have 2: border rows of the same cluster. Row 4 is 5 away: noise.
    const db = new DBSCAN({ eps: 1, minSamples: 3 }).fit([[0], [1], [2], [3], [8]]);
    expect(Array.from(db.labels)).toEqual([0, 0, 0, 0, -1]);
    expect(Array.from(db.coreSampleIndices)).toEqual([1, 2]);
  });

  it('separates two rings of points that k-means could not', () => {
    const rng = createRng(1);
    const x: number[][] = [];
    for (let i = 0; i < 400; i++) {
      const r = i < 100 ? 1 : 4;
      const a = rng.next() * 2 * Math.PI;
      x.push([r * Math.cos(a) + 0.05 * rng.normal(), r * Math.sin(a) + 0.05 * rng.normal()]);
    }
    const labels = new DBSCAN({ eps: 0.8, minSamples: 3 }).fitPredict(x);
    expect(new Set(labels.slice(0, 100)).size).toBe(1);
    expect(new Set(labels.slice(100)).size).toBe(1);
    expect(labels[0]).not.toBe(labels[100]);
    expect(labels.includes(-1)).toBe(false);
  });

  it('rejects bad input', () => {
    expect(() => new DBSCAN({ eps: -1 })).toThrow(
      new ValueError("Argument 'eps' passed to 'DBSCAN' must be a finite number > 0, but got -1."),
    );
    expect(() => new DBSCAN().labels).toThrow(
      new NotFittedError("'DBSCAN.labels' was called before 'fit'; call fit(x) first."),
    );
    expect(() => new DBSCAN().fit([])).toThrow(
      "Argument 'x' passed to 'DBSCAN.fit' must not be empty.",
    );
  });
});
