import { createRng, initBackend, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandScore } from './adjusted_rand_score';
import { daviesBouldinScore } from './davies_bouldin_score';
import { silhouetteSamples, silhouetteScore } from './silhouette_score';

beforeAll(async () => {
  await initBackend();
});

/** Element-wise toBeCloseTo over two equally long lists. */
function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  digits: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(actual[i]).toBeCloseTo(expected[i] as number, digits);
}

const HAND = [
  [0, 0],
  [0, 1],
  [1, 0],
  [5, 5],
  [5, 6],
  [6, 5],
];
const HAND_LABELS = [0, 0, 0, 1, 1, 1];

const dist = (a: number[], b: number[]) => Math.hypot(...a.map((v, j) => v - (b[j] as number)));

/** The definition, written out: mean intra-cluster distance a, nearest other cluster b. */
function referenceSilhouette(x: number[][], labels: number[]): number[] {
  return x.map((row, i) => {
    const own = labels[i] as number;
    const mean = (c: number, skip: boolean) => {
      const others = x.filter((_, j) => labels[j] === c && !(skip && j === i));
      return others.reduce((s, o) => s + dist(row, o), 0) / others.length;
    };
    if (labels.filter((l) => l === own).length === 1) return 0;
    const a = mean(own, true);
    const b = Math.min(...[...new Set(labels)].filter((c) => c !== own).map((c) => mean(c, false)));
    return (b - a) / Math.max(a, b);
  });
}

describe('adjustedRandScore', () => {
  it('is 1 for the same partition under other names, and matches hand-computed values', () => {
    expect(adjustedRandScore([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandScore(['a', 'a', 'b'], [7, 7, 3])).toBe(1);
    // Contingency [[2,0],[0,1],[0,1]]: index 1, rows 1, cols 1+0 → (1 - 1*2/6) / (1.5 - 1/3) = 4/7.
    expect(adjustedRandScore([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandScore([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(adjustedRandScore([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(
      0.24242424242424243,
      12,
    );
    expect(adjustedRandScore([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandScore([0, 1, 2], [0, 1, 2])).toBe(1);
  });

  it('rejects labels of different lengths', () => {
    expect(() => adjustedRandScore([0, 1], [0, 1, 1])).toThrow(
      new ShapeError(
        "Argument 'labelsPred' passed to 'adjustedRandScore' must have length 2 (one label per sample), but got length 3.",
      ),
    );
    expect(() => adjustedRandScore([0, Number.NaN], [0, 1])).toThrow(
      new ValueError(
        "Argument 'labelsTrue' passed to 'adjustedRandScore' must contain only finite numbers, but entry 1 is NaN.",
      ),
    );
  });
});

describe('silhouetteScore', () => {
  it('matches the definition on a hand example (scikit-learn gives 0.8398163312586742)', () => {
    expect(silhouetteScore(HAND, HAND_LABELS)).toBeCloseTo(0.8398163312586742, 5);
    const samples = silhouetteSamples(HAND, HAND_LABELS);
    const reference = referenceSilhouette(HAND, HAND_LABELS);
    expectAllClose(samples, reference, 5);
    // (0,0): a = 1, b = (sqrt 50 + 2 sqrt 61) / 3.
    expect(samples[0]).toBeCloseTo(1 - 3 / (Math.sqrt(50) + 2 * Math.sqrt(61)), 5);
  });

  it('matches the definition on random data with three clusters and a singleton', () => {
    const rng = createRng(8);
    const x = Array.from({ length: 61 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const labels = x.map((_, i) => (i === 60 ? 3 : i % 3));
    const samples = silhouetteSamples(tf.tensor2d(x), labels);
    expect(samples[60]).toBe(0);
    const reference = referenceSilhouette(x, labels);
    expectAllClose(samples, reference, 4);
  });

  it('needs 2 to n-1 clusters and one label per row', () => {
    expect(() => silhouetteScore(HAND, [0, 0, 0, 0, 0, 0])).toThrow(
      new ValueError(
        "Argument 'labels' passed to 'silhouetteScore' must hold between 2 and n - 1 = 5 distinct labels, but got 1.",
      ),
    );
    expect(() => silhouetteScore(HAND, [0, 1])).toThrow(
      new ShapeError(
        "Argument 'labels' passed to 'silhouetteScore' must have length 6 (one label per sample), but got length 2.",
      ),
    );
  });
});

describe('daviesBouldinScore', () => {
  it('matches a hand computation (scikit-learn gives 0.18499011822970618)', () => {
    // Centroids (1/3, 1/3) and (16/3, 16/3); spreads both (sqrt 2/3 + 2 sqrt(5/9)) / 3.
    const spread = (Math.sqrt(2) / 3 + 2 * Math.sqrt(5 / 9)) / 3;
    const separation = 5 * Math.SQRT2;
    expect(daviesBouldinScore(HAND, HAND_LABELS)).toBeCloseTo((2 * spread) / separation, 12);
    expect(daviesBouldinScore(HAND, HAND_LABELS)).toBeCloseTo(0.18499011822970618, 12);
  });

  it('takes the worst partner cluster for each cluster', () => {
    const x = [[0], [2], [10], [12], [30], [32]];
    // Spreads 1 each; centroids 1, 11, 31: worst ratios 2/10, 2/10, 2/20.
    expect(daviesBouldinScore(x, [0, 0, 1, 1, 2, 2])).toBeCloseTo((0.2 + 0.2 + 0.1) / 3, 12);
  });

  it('needs at least two clusters', () => {
    expect(() => daviesBouldinScore(HAND, [1, 1, 1, 1, 1, 1])).toThrow(
      "Argument 'labels' passed to 'daviesBouldinScore' must hold between 2 and n - 1 = 5 distinct labels, but got 1.",
    );
  });
});
