import { describe, expect, it } from 'vitest';
import { type GeneratedRatings, generateRatings } from './index';

/** Byte-for-byte equality of two typed arrays (vitest's deep equality is slow on 100k entries). */
function sameValues(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

function countsBy(values: Int32Array, n: number): Int32Array {
  const counts = new Int32Array(n);
  for (const v of values) counts[v] = (counts[v] as number) + 1;
  return counts;
}

describe('generateRatings with MovieLens 100k defaults', () => {
  const r: GeneratedRatings = generateRatings({ seed: 7 });

  it('has MovieLens 100k shape: 943 users, 1682 items, 100000 ratings, ids from 1', () => {
    expect(r.numUsers).toBe(943);
    expect(r.numItems).toBe(1682);
    for (const a of [r.users, r.items, r.ratings, r.timestamps]) expect(a.length).toBe(100000);
    expect(r.userIds[0]).toBe(1);
    expect(r.itemIds[1681]).toBe(1682);
  });

  it('gives every user at least 20 ratings and never the same item twice', () => {
    const perUser = countsBy(r.users, r.numUsers);
    expect(Math.min(...perUser)).toBeGreaterThanOrEqual(20);
    const pairs = new Set<number>();
    r.users.forEach((u, i) => {
      pairs.add(u * r.numItems + (r.items[i] as number));
    });
    expect(pairs.size).toBe(100000);
    expect(Math.min(...r.items)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...r.items)).toBeLessThan(1682);
  });

  it('rates on the integers 1..5, mostly 3 and 4, with a mean near 3.5', () => {
    const hist = [0, 0, 0, 0, 0, 0];
    let sum = 0;
    let bad = 0;
    for (const v of r.ratings) {
      if (!(Number.isInteger(v) && v >= 1 && v <= 5)) bad++;
      hist[v] = (hist[v] ?? 0) + 1;
      sum += v;
    }
    expect(bad).toBe(0);
    expect(sum / 100000).toBeGreaterThan(3.3);
    expect(sum / 100000).toBeLessThan(3.8);
    expect((hist[3] as number) + (hist[4] as number)).toBeGreaterThan(50000);
    expect(hist.slice(1).every((h) => h > 2000)).toBe(true);
  });

  it('has a long tail: popular items and heavy users dominate', () => {
    const perItem = Array.from(countsBy(r.items, r.numItems)).sort((a, b) => b - a);
    const perUser = Array.from(countsBy(r.users, r.numUsers)).sort((a, b) => b - a);
    const top10 = perItem.slice(0, 168).reduce((a, b) => a + b, 0);
    // The top 10% of items hold far more than 10% of the ratings; means exceed medians.
    expect(top10 / 100000).toBeGreaterThan(0.35);
    expect(100000 / 1682).toBeGreaterThan((perItem[841] as number) * 1.5);
    expect(100000 / 943).toBeGreaterThan((perUser[471] as number) * 1.3);
    expect(perUser[0]).toBeGreaterThan(400);
  });

  it('follows its low-rank model: ratings correlate with the noiseless prediction', () => {
    const m = r.model;
    const predicted = new Float64Array(100000);
    r.users.forEach((u, j) => {
      const i = r.items[j] as number;
      let dot = 0;
      for (let f = 0; f < m.rank; f++) {
        dot +=
          (m.userFactors[u * m.rank + f] as number) * (m.itemFactors[i * m.rank + f] as number);
      }
      predicted[j] = m.globalMean + (m.userBias[u] as number) + (m.itemBias[i] as number) + dot;
    });
    const mean = (a: ArrayLike<number>) => {
      let sum = 0;
      for (let j = 0; j < a.length; j++) sum += a[j] as number;
      return sum / a.length;
    };
    const mp = mean(predicted);
    const mr = mean(r.ratings);
    let cov = 0;
    let vp = 0;
    let vr = 0;
    for (let j = 0; j < 100000; j++) {
      const dp = (predicted[j] as number) - mp;
      const dr = (r.ratings[j] as number) - mr;
      cov += dp * dr;
      vp += dp * dp;
      vr += dr * dr;
    }
    expect(cov / Math.sqrt(vp * vr)).toBeGreaterThan(0.5);
  });

  it('stamps ratings within MovieLens 100k dates', () => {
    expect(Math.min(...r.timestamps)).toBeGreaterThanOrEqual(874724710);
    expect(Math.max(...r.timestamps)).toBeLessThanOrEqual(893286638);
    expect(r.timestamps.every(Number.isInteger)).toBe(true);
  });

  it('is deterministic under a seed and differs across seeds', () => {
    const again = generateRatings({ seed: 7 });
    expect(sameValues(again.users, r.users)).toBe(true);
    expect(sameValues(again.items, r.items)).toBe(true);
    expect(sameValues(again.ratings, r.ratings)).toBe(true);
    expect(sameValues(again.timestamps, r.timestamps)).toBe(true);
    expect(sameValues(again.model.itemFactors, r.model.itemFactors)).toBe(true);
    const other = generateRatings({ seed: 8 });
    expect(sameValues(other.items, r.items)).toBe(false);
    expect(sameValues(other.ratings, r.ratings)).toBe(false);
  });
});

describe('generateRatings at other sizes', () => {
  it('scales up: 200,000 ratings over 2,000 users and 3,000 items', () => {
    const r = generateRatings({ numUsers: 2000, numItems: 3000, count: 200_000, seed: 1 });
    expect(r.ratings.length).toBe(200_000);
    expect(Math.min(...countsBy(r.users, 2000))).toBeGreaterThanOrEqual(20);
    const pairs = new Set<number>();
    r.users.forEach((u, i) => {
      pairs.add(u * 3000 + (r.items[i] as number));
    });
    expect(pairs.size).toBe(200_000);
  });

  it('fills a nearly dense matrix exactly', () => {
    const r = generateRatings({ numUsers: 10, numItems: 30, count: 295, minPerUser: 5, seed: 2 });
    const perUser = countsBy(r.users, 10);
    expect(Array.from(perUser).reduce((a, b) => a + b, 0)).toBe(295);
    expect(Math.max(...perUser)).toBeLessThanOrEqual(30);
    const pairs = new Set<number>();
    r.users.forEach((u, i) => {
      pairs.add(u * 30 + (r.items[i] as number));
    });
    expect(pairs.size).toBe(295);
  });

  it('rejects impossible shapes, naming the argument', () => {
    expect(() => generateRatings({ numUsers: 10, numItems: 30, count: 100 })).toThrow(
      "Argument 'count' passed to 'generateRatings' must be between numUsers * minPerUser (200) and numUsers * numItems (300), but got 100.",
    );
    expect(() => generateRatings({ numItems: 10 })).toThrow(
      "Argument 'minPerUser' passed to 'generateRatings' must be at most numItems (10), but got 20.",
    );
    expect(() => generateRatings({ numUsers: 1.5 })).toThrow(
      "Argument 'numUsers' passed to 'generateRatings' must be an integer >= 1, but got 1.5.",
    );
    expect(() => generateRatings({ users: 5 } as object)).toThrow(
      "Unknown option 'users' passed to 'generateRatings'; expected one of: numUsers, numItems, count, minPerUser, seed.",
    );
  });
});
