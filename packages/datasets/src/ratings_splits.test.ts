import { describe, expect, it } from 'vitest';
import {
  generateRatings,
  type Ratings,
  splitRatingsByTime,
  splitRatingsLeaveKOut,
  splitRatingsRandomly,
} from './index';

const data = generateRatings({ numUsers: 60, numItems: 80, count: 2000, seed: 3 });

/** Each rating as a "user:item" key, to compare halves with the whole. */
const keys = (r: Ratings) => Array.from(r.users, (u, i) => `${u}:${r.items[i]}`);

function expectPartition(train: Ratings, test: Ratings) {
  const all = new Set(keys(data));
  const trainKeys = keys(train);
  const testKeys = keys(test);
  expect(trainKeys.length + testKeys.length).toBe(all.size);
  expect(new Set([...trainKeys, ...testKeys])).toEqual(all);
  expect([train.numUsers, train.numItems, test.numUsers, test.numItems]).toEqual([60, 80, 60, 80]);
}

describe('splitRatingsRandomly', () => {
  it('sends testFraction of the ratings to test, reproducibly', () => {
    const { train, test } = splitRatingsRandomly(data, { testFraction: 0.25, seed: 1 });
    expect(test.ratings.length).toBe(500);
    expectPartition(train, test);
    expect(keys(splitRatingsRandomly(data, { testFraction: 0.25, seed: 1 }).test)).toEqual(
      keys(test),
    );
    expect(keys(splitRatingsRandomly(data, { testFraction: 0.25, seed: 2 }).test)).not.toEqual(
      keys(test),
    );
  });

  it('carries ratings and timestamps with their rows', () => {
    const { test } = splitRatingsRandomly(data, { seed: 5 });
    const byKey = new Map(keys(data).map((k, i) => [k, [data.ratings[i], data.timestamps[i]]]));
    keys(test).forEach((k, i) => {
      expect([test.ratings[i], test.timestamps[i]]).toEqual(byKey.get(k));
    });
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => splitRatingsRandomly(data, { testFraction: 1 })).toThrow(
      "Argument 'testFraction' passed to 'splitRatingsRandomly' must be strictly between 0 and 1, but got 1.",
    );
    expect(() => splitRatingsRandomly(data, { testFraction: 1.5 })).toThrow(
      "Argument 'testFraction' passed to 'splitRatingsRandomly' must be a finite number in [0, 1], but got 1.5.",
    );
  });
});

describe('splitRatingsByTime', () => {
  it('puts every test rating at or after every train rating', () => {
    const { train, test } = splitRatingsByTime(data, { testFraction: 0.2 });
    expect(test.ratings.length).toBe(400);
    expectPartition(train, test);
    expect(Math.max(...train.timestamps)).toBeLessThanOrEqual(Math.min(...test.timestamps));
  });

  it('breaks ties between equal timestamps by seed', () => {
    const tied: Ratings = { ...data, timestamps: new Float64Array(data.users.length).fill(5) };
    const a = splitRatingsByTime(tied, { seed: 1 });
    expect(keys(splitRatingsByTime(tied, { seed: 1 }).test)).toEqual(keys(a.test));
    expect(keys(splitRatingsByTime(tied, { seed: 2 }).test)).not.toEqual(keys(a.test));
  });
});

describe('splitRatingsLeaveKOut', () => {
  it('holds out exactly k ratings of every user', () => {
    const { train, test } = splitRatingsLeaveKOut(data, { k: 2, seed: 4 });
    expectPartition(train, test);
    const perUser = new Int32Array(60);
    for (const u of test.users) perUser[u] = (perUser[u] as number) + 1;
    expect(Array.from(perUser)).toEqual(new Array(60).fill(2));
    expect(keys(splitRatingsLeaveKOut(data, { k: 2, seed: 4 }).test)).toEqual(keys(test));
    expect(keys(splitRatingsLeaveKOut(data, { k: 2, seed: 5 }).test)).not.toEqual(keys(test));
  });

  it('keeps users with k ratings or fewer wholly in train', () => {
    const tiny: Ratings = {
      ...data,
      users: Int32Array.from([0, 0, 0, 1]),
      items: Int32Array.from([0, 1, 2, 0]),
      ratings: Float32Array.from([1, 2, 3, 4]),
      timestamps: Float64Array.from([1, 2, 3, 4]),
      numUsers: 2,
    };
    const { train, test } = splitRatingsLeaveKOut(tiny, { k: 1 });
    expect(Array.from(test.users)).toEqual([0]);
    expect(Array.from(train.users)).toEqual([0, 0, 1]);
    expect(() => splitRatingsLeaveKOut(tiny, { k: 3 })).toThrow(
      "Argument 'k' passed to 'splitRatingsLeaveKOut' must be smaller than some user's number of ratings, but no user has more than 3.",
    );
  });

  it('rejects an empty table and unknown options', () => {
    const empty: Ratings = { ...data, users: new Int32Array(0) };
    expect(() => splitRatingsLeaveKOut(empty)).toThrow(
      "Argument 'ratings' passed to 'splitRatingsLeaveKOut' must not be empty.",
    );
    expect(() => splitRatingsLeaveKOut(data, { K: 1 } as object)).toThrow(
      "Unknown option 'K' passed to 'splitRatingsLeaveKOut'; expected one of: k, seed.",
    );
  });
});
