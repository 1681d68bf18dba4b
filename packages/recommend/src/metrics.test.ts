import { initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  catalogueCoverage,
  hitRateAtK,
  mae,
  mapAtK,
  ndcgAtK,
  precisionAtK,
  recallAtK,
  rmse,
} from './metrics';

beforeAll(async () => {
  await initBackend();
});

describe('rating metrics', () => {
  it('RMSE and MAE on hand values', () => {
    // errors 1, -2, 0, 1: squares 1+4+0+1 = 6, abs 1+2+0+1 = 4
    expect(rmse([3, 1, 4, 5], [2, 3, 4, 4])).toBeCloseTo(Math.sqrt(6 / 4), 15);
    expect(mae([3, 1, 4, 5], [2, 3, 4, 4])).toBe(1);
    expect(() => rmse([1, 2], [1])).toThrow(
      "Arguments 'actual' and 'predicted' passed to 'rmse' must have the same length, but got 2 and 1.",
    );
    expect(() => mae([], [])).toThrow("Argument 'actual' passed to 'mae' must not be empty.");
  });
});

describe('ranking metrics', () => {
  // user A: hits at ranks 1 and 3 of 4 relevant; user B: hit at rank 2 of 1 relevant;
  // user C: no hit among 2 relevant; user D has nothing relevant and is skipped.
  const input = {
    recommended: [
      ['a', 'b', 'c', 'd'],
      ['x', 'y', 'z'],
      ['p', 'q', 'r'],
      ['a', 'b'],
    ],
    relevant: [['a', 'c', 'e', 'f'], ['y'], ['s', 't'], []],
  };
  const k = 3;

  it('precision@k: hits / k', () => {
    expect(precisionAtK(input, k)).toBeCloseTo((2 / 3 + 1 / 3 + 0) / 3, 15);
  });

  it('recall@k: hits / relevant', () => {
    expect(recallAtK(input, k)).toBeCloseTo((2 / 4 + 1 + 0) / 3, 15);
  });

  it('hit rate@k', () => {
    expect(hitRateAtK(input, k)).toBeCloseTo(2 / 3, 15);
  });

  it('nDCG@k with binary relevance', () => {
    const a = (1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3) + 1 / Math.log2(4));
    const b = 1 / Math.log2(3) / 1;
    expect(ndcgAtK(input, k)).toBeCloseTo((a + b + 0) / 3, 15);
  });

  it('MAP@k', () => {
    const a = (1 / 1 + 2 / 3) / 3; // min(k, 4 relevant) = 3
    const b = 1 / 2 / 1;
    expect(mapAtK(input, k)).toBeCloseTo((a + b + 0) / 3, 15);
  });

  it('catalogue coverage counts distinct items in the top k', () => {
    // top 3: a b c | x y z | p q r | a b -> 9 distinct of 20
    expect(catalogueCoverage(input.recommended, 20, 3)).toBe(9 / 20);
  });

  it('rejects k <= 0 and mismatched inputs', () => {
    expect(() => precisionAtK(input, 0)).toThrow(
      "Argument 'k' passed to 'precisionAtK' must be an integer >= 1, but got 0.",
    );
    expect(() => recallAtK({ recommended: [['a']], relevant: [] }, 1)).toThrow(
      "Arguments 'recommended' and 'relevant' passed to 'recallAtK' must have one entry per user, but got 1 and 0.",
    );
    expect(() => ndcgAtK({ recommended: [['a']], relevant: [[]] }, 1)).toThrow(
      "Argument 'relevant' passed to 'ndcgAtK' has no user with a relevant item.",
    );
  });
});
