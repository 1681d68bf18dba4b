import { assertInteger, createRng, type Rng, ValueError } from '@gankit/core';
import { AliasTable } from './alias_table';
import { requireOptions } from './options';
import type { Ratings } from './ratings';

/** Options of {@link generateRatings}; the defaults give MovieLens 100k's shape. */
export interface RatingsGeneratorOptions {
  /** Number of users. Default 943. */
  numUsers?: number;
  /** Number of items. Default 1682. */
  numItems?: number;
  /** Number of ratings in total. Default 100,000. */
  count?: number;
  /** Fewest ratings any user has. Default 20. */
  minPerUser?: number;
  /** Seed of everything drawn. Default 0. */
  seed?: number | string;
}

/** The low-rank model the ratings were drawn from, for checking what a recommender learns. */
export interface RatingsModel {
  readonly globalMean: number;
  readonly userBias: Float64Array;
  readonly itemBias: Float64Array;
  /** `numUsers x RANK`, row-major. */
  readonly userFactors: Float64Array;
  /** `numItems x RANK`, row-major. */
  readonly itemFactors: Float64Array;
  readonly rank: number;
  readonly noiseStd: number;
}

/** Generated ratings with the model behind them. */
export interface GeneratedRatings extends Ratings {
  readonly model: RatingsModel;
}

// Constants tuned so the default output resembles MovieLens 100k (measured with seed 0:
// mean 3.52, std 1.13, ratings 1..5 at 4.5/14.5/28/30/23 %; most-rated item ~640 users,
// median item ~24 ratings; median user ~65 ratings, heaviest ~750).
const RANK = 10;
const GLOBAL_MEAN = 3.35;
const USER_BIAS_STD = 0.45;
const ITEM_BIAS_STD = 0.4;
const POPULARITY_BIAS = 0.15;
const INTERACTION_STD = 0.5;
const NOISE_STD = 0.9;
const ACTIVITY_SIGMA = 1.15;
const MAX_SHARE = 0.45;
const POPULARITY_EXPONENT = 1.5;
const POPULARITY_OFFSET = 40;
// MovieLens 100k was collected from 1997-09-20 to 1998-04-22.
const TIME_START = 874_724_710;
const TIME_END = 893_286_638;
const SESSION_MEAN_SECONDS = 7 * 86_400;

interface Shape {
  readonly numUsers: number;
  readonly numItems: number;
  readonly count: number;
  readonly minPerUser: number;
}

function resolveShape(options: RatingsGeneratorOptions): Shape {
  const where = 'generateRatings';
  const numUsers = assertInteger(where, 'numUsers', options.numUsers ?? 943);
  const numItems = assertInteger(where, 'numItems', options.numItems ?? 1682);
  const minPerUser = assertInteger(where, 'minPerUser', options.minPerUser ?? 20, 0);
  const count = assertInteger(where, 'count', options.count ?? 100_000);
  if (minPerUser > numItems) {
    throw new ValueError(
      `Argument 'minPerUser' passed to '${where}' must be at most numItems (${numItems}), but got ${minPerUser}.`,
    );
  }
  if (count < numUsers * minPerUser || count > numUsers * numItems) {
    throw new ValueError(
      `Argument 'count' passed to '${where}' must be between numUsers * minPerUser (${numUsers * minPerUser}) and numUsers * numItems (${numUsers * numItems}), but got ${count}.`,
    );
  }
  return { numUsers, numItems, count, minPerUser };
}

/**
 * How many ratings each user gives: `minPerUser` plus a lognormal share of the rest (a
 * long tail of heavy users), capped, summing exactly to `count`.
 */
function userActivity(shape: Shape, rng: Rng): Int32Array {
  const { numUsers, numItems, count, minPerUser } = shape;
  // Even the heaviest user rates at most about half the catalogue (MovieLens 100k: 737 of
  // 1,682), unless the requested count needs more.
  const limit = Math.max(Math.ceil(MAX_SHARE * numItems), Math.ceil(count / numUsers));
  const cap = Math.min(numItems, limit) - minPerUser;
  const weight = Float64Array.from({ length: numUsers }, () =>
    Math.exp(ACTIVITY_SIGMA * rng.normal()),
  );
  const capped = new Uint8Array(numUsers);
  let free = count - numUsers * minPerUser;
  let total = weight.reduce((a, b) => a + b, 0);
  // Users whose share would pass the cap get the cap; the rest is shared again.
  for (let changed = true; changed; ) {
    changed = false;
    for (let u = 0; u < numUsers; u++) {
      if (!capped[u] && (free * (weight[u] as number)) / total > cap) {
        capped[u] = 1;
        free -= cap;
        total -= weight[u] as number;
        changed = true;
      }
    }
  }
  const perUser = new Int32Array(numUsers);
  const fraction = new Float64Array(numUsers);
  let left = free;
  for (let u = 0; u < numUsers; u++) {
    const share = capped[u] ? cap : (free * (weight[u] as number)) / total;
    perUser[u] = minPerUser + Math.floor(share);
    fraction[u] = share - Math.floor(share);
    if (!capped[u]) left -= Math.floor(share);
  }
  // Rounding down left a few ratings over: one more each for the largest remainders.
  const order = Array.from({ length: numUsers }, (_, u) => u).sort(
    (a, b) => (fraction[b] as number) - (fraction[a] as number),
  );
  for (let j = 0; left > 0 && j < numUsers; j++) {
    const u = order[j] as number;
    perUser[u] = (perUser[u] as number) + 1;
    left--;
  }
  return perUser;
}

/** Zipf-like popularity weights, assigned to items in a random order. */
function itemPopularity(numItems: number, rng: Rng): Float64Array {
  const order = rng.permutation(numItems);
  const weight = new Float64Array(numItems);
  for (let r = 0; r < numItems; r++) {
    weight[order[r] as number] = (r + POPULARITY_OFFSET) ** -POPULARITY_EXPONENT;
  }
  return weight;
}

/**
 * Draws `n` distinct items for one user into `out[offset..]`, each with probability
 * proportional to its popularity (sequential sampling without replacement). Repeats are
 * rejected, which is cheap while the user has taken little of the popularity mass; when
 * rejections pile up (a heavy user), the rest is drawn exactly by exponential keys
 * (Efraimidis-Spirakis) over the items not yet taken.
 */
function drawItems(
  n: number,
  table: AliasTable,
  popularity: Float64Array,
  seen: Int32Array,
  stamp: number,
  rng: Rng,
  out: Int32Array,
  offset: number,
): void {
  let got = 0;
  for (let attempts = 0; got < n && attempts < 4 * n + 64; attempts++) {
    const item = table.draw(rng.next());
    if (seen[item] === stamp) continue;
    seen[item] = stamp;
    out[offset + got++] = item;
  }
  if (got === n) return;
  const rest: number[] = [];
  const key = new Float64Array(popularity.length);
  for (let item = 0; item < popularity.length; item++) {
    if (seen[item] === stamp) continue;
    rest.push(item);
    key[item] = Math.log(1 - rng.next()) / (popularity[item] as number);
  }
  rest.sort((a, b) => (key[b] as number) - (key[a] as number));
  for (let j = 0; got < n; j++) {
    const item = rest[j] as number;
    seen[item] = stamp;
    out[offset + got++] = item;
  }
}

function drawModel(shape: Shape, popularity: Float64Array, rng: Rng): RatingsModel {
  const { numUsers, numItems } = shape;
  const factorStd = Math.sqrt(INTERACTION_STD / Math.sqrt(RANK));
  const logPop = Float64Array.from(popularity, Math.log);
  const meanLog = logPop.reduce((a, b) => a + b, 0) / numItems;
  const stdLog = Math.sqrt(logPop.reduce((a, b) => a + (b - meanLog) ** 2, 0) / numItems) || 1;
  return {
    globalMean: GLOBAL_MEAN,
    // Popular items are rated a little higher, as in MovieLens.
    itemBias: Float64Array.from(
      logPop,
      (l) => ITEM_BIAS_STD * rng.normal() + (POPULARITY_BIAS * (l - meanLog)) / stdLog,
    ),
    userBias: Float64Array.from({ length: numUsers }, () => USER_BIAS_STD * rng.normal()),
    userFactors: Float64Array.from({ length: numUsers * RANK }, () => factorStd * rng.normal()),
    itemFactors: Float64Array.from({ length: numItems * RANK }, () => factorStd * rng.normal()),
    rank: RANK,
    noiseStd: NOISE_STD,
  };
}

function modelRating(model: RatingsModel, u: number, i: number, noise: number): number {
  let dot = 0;
  for (let f = 0; f < RANK; f++) {
    dot +=
      (model.userFactors[u * RANK + f] as number) * (model.itemFactors[i * RANK + f] as number);
  }
  const raw =
    model.globalMean + (model.userBias[u] as number) + (model.itemBias[i] as number) + dot + noise;
  return Math.min(5, Math.max(1, Math.round(raw)));
}

function sessionTimes(n: number, rng: Rng, out: Float64Array, offset: number): void {
  const start = TIME_START + rng.next() * (TIME_END - TIME_START);
  for (let j = 0; j < n; j++) {
    const t = start - SESSION_MEAN_SECONDS * Math.log(1 - rng.next());
    out[offset + j] = Math.floor(Math.min(t, TIME_END));
  }
}

const OPTIONS = ['numUsers', 'numItems', 'count', 'minPerUser', 'seed'] as const;

/**
 * Generates synthetic explicit ratings shaped like MovieLens 100k by default: 943 users,
 * 1,682 items, 100,000 integer ratings on 1..5, every user with at least 20 ratings and no
 * (user, item) pair twice. User activity is lognormal (a long tail of heavy users), item
 * popularity is Zipf-like, and each rating is `round(mean + userBias + itemBias +
 * userFactors · itemFactors + noise)` clamped to 1..5 from a rank-10 model (returned as
 * `model`). Timestamps fall in MovieLens 100k's period, in a burst per user. Ratings are
 * grouped by user. Scales to millions of ratings (pass `numUsers`, `numItems`, `count`).
 */
export function generateRatings(options: RatingsGeneratorOptions = {}): GeneratedRatings {
  const shape = resolveShape(requireOptions('generateRatings', options, OPTIONS));
  const rng = createRng(options.seed ?? 0);
  const perUser = userActivity(shape, rng);
  const popularity = itemPopularity(shape.numItems, rng);
  const model = drawModel(shape, popularity, rng);
  const table = new AliasTable(popularity);
  const seen = new Int32Array(shape.numItems).fill(-1);
  const users = new Int32Array(shape.count);
  const items = new Int32Array(shape.count);
  const ratings = new Float32Array(shape.count);
  const timestamps = new Float64Array(shape.count);
  let offset = 0;
  for (let u = 0; u < shape.numUsers; u++) {
    const n = perUser[u] as number;
    drawItems(n, table, popularity, seen, u, rng, items, offset);
    sessionTimes(n, rng, timestamps, offset);
    for (let j = offset; j < offset + n; j++) {
      users[j] = u;
      ratings[j] = modelRating(model, u, items[j] as number, NOISE_STD * rng.normal());
    }
    offset += n;
  }
  const ids = (n: number) => Int32Array.from({ length: n }, (_, k) => k + 1);
  return {
    users,
    items,
    ratings,
    timestamps,
    numUsers: shape.numUsers,
    numItems: shape.numItems,
    userIds: ids(shape.numUsers),
    itemIds: ids(shape.numItems),
    model,
  };
}
