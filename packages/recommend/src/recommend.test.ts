import { createRng, initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { kFold } from './cross_validation';
import { Interactions, type RatingTriple } from './interactions';
import { KNNBaseline, KNNBasic, KNNWithMeans, KNNWithZScore } from './knn';
import { SVD } from './svd';

beforeAll(async () => {
  await initBackend();
});

function triples(seed: number, users: number, items: number): RatingTriple[] {
  const rng = createRng(seed);
  const out: RatingTriple[] = [];
  for (let u = 0; u < users; u++) {
    for (let i = 0; i < items; i++) {
      if (rng.next() < 0.5 + 0.4 * (i < 3 ? 1 : 0)) out.push([`u${u}`, `i${i}`, 1 + rng.int(5)]);
    }
  }
  return out;
}

const data = Interactions.from(triples(4, 20, 12), { ratingScale: [1, 5] });

describe('recommend', () => {
  it('ranks unrated items by the unclipped estimate, best first, ties by index', async () => {
    const models = [
      new KNNBaseline({ k: 5, similarity: { name: 'pearson_baseline', userBased: false } }).fit(
        data,
      ),
      new KNNBasic({ k: 3 }).fit(data),
      new KNNBasic({ k: 3, similarity: { name: 'cosine', userBased: false } }).fit(data),
      new KNNWithMeans({ k: 4, similarity: { name: 'pearson', userBased: false } }).fit(data),
      new KNNWithZScore({ k: 4, minK: 2, similarity: { name: 'msd', userBased: false } }).fit(data),
      new KNNWithZScore({ k: 2, similarity: { name: 'adjusted_cosine', userBased: true } }).fit(
        data,
      ),
      new KNNBaseline({ k: 3, minK: 2, similarity: { name: 'pearson', userBased: true } }).fit(
        data,
      ),
      await new SVD({ factors: 3, epochs: 5, seed: 1 }).fit(data),
    ];
    for (const model of models) {
      for (const user of ['u0', 'u7', 'u12', 'u19']) {
        const u = data.users.indexOf(user);
        const rated = new Set<number>();
        for (let p = data.userPtr[u]!; p < data.userPtr[u + 1]!; p++) rated.add(data.userItems[p]!);
        const brute = data.items.ids
          .map((item, i) => ({
            item,
            i,
            score: model.predict(user, item, { clip: false }).estimate,
          }))
          .filter((e) => !rated.has(e.i))
          .sort((a, b) => b.score - a.score || a.i - b.i)
          .slice(0, 4)
          .map(({ item, score }) => ({ item, score }));
        const got = model.recommend(user, 4);
        expect(got.fallback).toBeNull();
        expect(got.items).toEqual(brute);
      }
    }
  });

  it('gives an unknown user the most rated items, flagged as a popularity fallback', () => {
    const model = new KNNBasic().fit(data);
    const counts = data.items.ids.map((item, i) => ({
      item,
      n: data.itemPtr[i + 1]! - data.itemPtr[i]!,
      i,
    }));
    counts.sort((a, b) => b.n - a.n || a.i - b.i);
    const got = model.recommend('newcomer', 3);
    expect(got.fallback).toBe('popularity');
    expect(got.items).toEqual(counts.slice(0, 3).map(({ item, n }) => ({ item, score: n })));
  });

  it('rejects n <= 0', () => {
    expect(() => new KNNBasic().fit(data).recommend('u0', 0)).toThrow(
      "Argument 'n' passed to 'KNNBasic.recommend' must be an integer >= 1, but got 0.",
    );
  });

  it('predictMany agrees with predict and never returns NaN for cold pairs', () => {
    const model = new KNNBaseline({ similarity: { name: 'pearson', userBased: false } }).fit(data);
    const pairs: RatingTriple[] = [
      ['u0', 'i1', 0],
      ['nobody', 'i1', 0],
      ['u3', 'nothing', 0],
      ['x', 'y', 0],
    ];
    const many = model.predictMany(pairs);
    pairs.forEach(([u, i], n) => {
      expect(many[n]).toBe(model.predict(u, i).estimate);
      expect(Number.isFinite(many[n])).toBe(true);
    });
  });
});

describe('kFold', () => {
  const all = triples(8, 10, 10);

  it('partitions the ratings into folds of near-equal size, reproducibly', () => {
    const folds = kFold(all, { folds: 3, seed: 5 });
    expect(folds.length).toBe(3);
    const seen = new Map<string, number>();
    for (const fold of folds) {
      expect(fold.train.users.length + fold.test.users.length).toBe(all.length);
      expect(Math.abs(fold.test.users.length - all.length / 3)).toBeLessThan(1);
      for (let n = 0; n < fold.test.users.length; n++) {
        const key = `${fold.test.users[n]}|${fold.test.items[n]}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(all.length);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    expect(kFold(all, { folds: 3, seed: 5 })).toEqual(folds);
    expect(kFold(all, { folds: 3, seed: 6 })).not.toEqual(folds);
  });

  it('rejects fewer than two folds or too few ratings', () => {
    expect(() => kFold(all, { folds: 1 })).toThrow(
      "Argument 'folds' passed to 'kFold' must be an integer >= 2, but got 1.",
    );
    expect(() => kFold(all.slice(0, 2), { folds: 3 })).toThrow(
      "Argument 'input' passed to 'kFold' must have at least as many ratings as folds (3), but got 2.",
    );
  });
});
