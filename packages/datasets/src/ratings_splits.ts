import { assertInteger, assertNumberInRange, createRng, ValueError } from '@gankit/core';
import { requireOptions } from './options';
import { type Ratings, selectRatings } from './ratings';

/** A train/test split of one ratings table; both halves share its users, items and ids. */
export interface RatingsSplit {
  readonly train: Ratings;
  readonly test: Ratings;
}

/** Options of {@link splitRatingsRandomly} and {@link splitRatingsByTime}. */
export interface FractionSplitOptions {
  /** Share of the ratings that go to the test set, in (0, 1). Default 0.2. */
  testFraction?: number;
  /** Seed of the shuffle (or, by time, of the order among equal timestamps). Default 0. */
  seed?: number | string;
}

/** Options of {@link splitRatingsLeaveKOut}. */
export interface LeaveKOutOptions {
  /** Ratings held out per user (an integer >= 1). Default 1. */
  k?: number;
  /** Seed of the choice. Default 0. */
  seed?: number | string;
}

function testFraction(where: string, value: unknown): number {
  const f = assertNumberInRange(where, 'testFraction', value, 0, 1);
  if (f === 0 || f === 1) {
    throw new ValueError(
      `Argument 'testFraction' passed to '${where}' must be strictly between 0 and 1, but got ${f}.`,
    );
  }
  return f;
}

function checkRatings(where: string, data: Ratings): void {
  if (data === null || typeof data !== 'object' || !(data.users instanceof Int32Array)) {
    throw new ValueError(
      `Argument 'ratings' passed to '${where}' must be a Ratings table (from generateRatings or a MovieLens parser).`,
    );
  }
  if (data.users.length === 0) {
    throw new ValueError(`Argument 'ratings' passed to '${where}' must not be empty.`);
  }
}

/** Splits the table at `testStart` of `order`: the tail goes to test, both halves sorted. */
function splitAt(data: Ratings, order: Int32Array, testStart: number): RatingsSplit {
  const train = order.slice(0, testStart).sort();
  const test = order.slice(testStart).sort();
  return { train: selectRatings(data, train), test: selectRatings(data, test) };
}

/**
 * Sends a random `testFraction` of the ratings (rounded, at least one on each side) to
 * the test set. Both halves keep the original order of the rows.
 */
export function splitRatingsRandomly(
  data: Ratings,
  options: FractionSplitOptions = {},
): RatingsSplit {
  const where = 'splitRatingsRandomly';
  requireOptions(where, options, ['testFraction', 'seed']);
  checkRatings(where, data);
  const fraction = testFraction(where, options.testFraction ?? 0.2);
  const n = data.users.length;
  const nTest = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
  const order = createRng(options.seed ?? 0).permutation(n);
  return splitAt(data, order, n - nTest);
}

/**
 * Sends the latest `testFraction` of the ratings by timestamp to the test set: train on
 * the past, test on the future. Ratings with equal timestamps are ordered by a seeded
 * shuffle, so the cut is reproducible.
 */
export function splitRatingsByTime(
  data: Ratings,
  options: FractionSplitOptions = {},
): RatingsSplit {
  const where = 'splitRatingsByTime';
  requireOptions(where, options, ['testFraction', 'seed']);
  checkRatings(where, data);
  const fraction = testFraction(where, options.testFraction ?? 0.2);
  const n = data.users.length;
  const nTest = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
  const tieBreak = createRng(options.seed ?? 0).permutation(n);
  const times = data.timestamps;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      (times[a] as number) - (times[b] as number) ||
      (tieBreak[a] as number) - (tieBreak[b] as number),
  );
  return splitAt(data, order, n - nTest);
}

/**
 * Holds out `k` random ratings of every user for the test set (the usual protocol for
 * top-N recommendation). Users with `k` ratings or fewer stay wholly in train, so every
 * test user also has training data.
 */
export function splitRatingsLeaveKOut(data: Ratings, options: LeaveKOutOptions = {}): RatingsSplit {
  const where = 'splitRatingsLeaveKOut';
  requireOptions(where, options, ['k', 'seed']);
  checkRatings(where, data);
  const k = assertInteger(where, 'k', options.k ?? 1);
  const rng = createRng(options.seed ?? 0);
  const byUser: number[][] = Array.from({ length: data.numUsers }, () => []);
  data.users.forEach((u, i) => {
    (byUser[u] as number[]).push(i);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byUser) {
    if (rows.length > k) rng.shuffle(rows);
    const held = rows.length > k ? k : 0;
    for (let j = 0; j < rows.length; j++) (j < held ? test : train).push(rows[j] as number);
  }
  if (test.length === 0) {
    throw new ValueError(
      `Argument 'k' passed to '${where}' must be smaller than some user's number of ratings, but no user has more than ${k}.`,
    );
  }
  const order = Int32Array.from([...train, ...test]);
  return splitAt(data, order, train.length);
}
