import { ValueError } from '@gankit/core';

/** A user or item id as the caller knows it. `1` and `'1'` are different ids. */
export type Id = string | number;

/** One explicit rating: who, what, how much. */
export type RatingTriple = readonly [user: Id, item: Id, rating: number];

/** Ratings as three parallel columns; cheaper than triples at millions of ratings. */
export interface RatingColumns {
  readonly users: ArrayLike<Id>;
  readonly items: ArrayLike<Id>;
  readonly ratings: ArrayLike<number>;
}

/** Ratings in either accepted layout. */
export type RatingsInput = readonly RatingTriple[] | RatingColumns;

/**
 * What to do when the same (user, item) pair appears more than once:
 * `'error'` throws, `'last'` keeps the rating that comes last in the input,
 * `'mean'` keeps the average of all of them.
 */
export type DuplicatePolicy = 'error' | 'last' | 'mean';

/** Options of {@link Interactions.from}. */
export interface InteractionsOptions {
  /** The declared rating scale `[lowest, highest]`; any rating outside it is an error. */
  ratingScale: readonly [number, number];
  /** Duplicate (user, item) policy. Default `'error'`, so nothing is merged silently. */
  duplicates?: DuplicatePolicy;
}

const WHERE = 'Interactions.from';

/** A bidirectional map between caller ids and dense indices 0..n-1, in first-seen order. */
export class IdIndex {
  readonly ids: Id[] = [];
  private readonly map = new Map<Id, number>();

  /** The index of `id`, or -1 if unknown. */
  indexOf(id: Id): number {
    return this.map.get(id) ?? -1;
  }

  /** The index of `id`, adding it if new. */
  add(id: Id): number {
    let i = this.map.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.map.set(id, i);
      this.ids.push(id);
    }
    return i;
  }

  /** Number of ids. */
  get size(): number {
    return this.ids.length;
  }

  /** Rebuilds an index from its id list (as saved by a model). */
  static fromIds(ids: readonly Id[]): IdIndex {
    const index = new IdIndex();
    for (const id of ids) index.add(id);
    return index;
  }
}

/** Checks the layout of `input` and returns the number of ratings in it. */
function countRatings(input: unknown): number {
  if (Array.isArray(input)) return input.length;
  if (input === null || typeof input !== 'object' || !('users' in input)) {
    throw new ValueError(
      `Argument 'ratings' passed to '${WHERE}' must be an array of [user, item, rating] triples or { users, items, ratings } columns.`,
    );
  }
  const { users, items, ratings } = input as RatingColumns;
  if (users.length !== items?.length || users.length !== ratings?.length) {
    throw new ValueError(
      `Argument 'ratings' passed to '${WHERE}' must have columns of equal length, but got users ${users.length}, items ${items?.length}, ratings ${ratings?.length}.`,
    );
  }
  return users.length;
}

/** Calls `visit` once per rating of either layout (already checked by `countRatings`). */
function forEachRating(
  input: RatingsInput,
  visit: (user: Id, item: Id, rating: number, row: number) => void,
): void {
  if (Array.isArray(input)) {
    const rows = input as readonly RatingTriple[];
    for (let n = 0; n < rows.length; n++) {
      const t = rows[n];
      if (!Array.isArray(t) || t.length !== 3) {
        throw new ValueError(
          `Argument 'ratings' passed to '${WHERE}' must hold [user, item, rating] triples, but entry ${n} is not a triple of length 3.`,
        );
      }
      visit(t[0], t[1], t[2], n);
    }
    return;
  }
  const { users, items, ratings } = input as RatingColumns;
  for (let n = 0; n < users.length; n++) {
    visit(users[n] as Id, items[n] as Id, ratings[n] as number, n);
  }
}

function checkId(kind: 'user' | 'item', id: unknown, row: number): void {
  const ok = typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
  if (!ok) {
    throw new ValueError(
      `Argument 'ratings' passed to '${WHERE}' must have string or finite number ids, but the ${kind} id of rating ${row} is ${String(id)}.`,
    );
  }
}

function checkScale(scale: unknown): readonly [number, number] {
  const ok =
    Array.isArray(scale) &&
    scale.length === 2 &&
    Number.isFinite(scale[0]) &&
    Number.isFinite(scale[1]) &&
    (scale[0] as number) < (scale[1] as number);
  if (!ok) {
    throw new ValueError(
      `Argument 'options.ratingScale' passed to '${WHERE}' must be [lowest, highest] with finite lowest < highest, but got ${JSON.stringify(scale)}.`,
    );
  }
  return [scale[0], scale[1]] as const;
}

/** Stable counting sort of positions 0..n-1 by `key` (values in 0..buckets-1). */
function countingOrder(
  key: Int32Array,
  buckets: number,
  order: Int32Array,
): { order: Int32Array; ptr: Int32Array } {
  const ptr = new Int32Array(buckets + 1);
  for (let n = 0; n < order.length; n++) ptr[(key[order[n] as number] as number) + 1]!++;
  for (let b = 0; b < buckets; b++) ptr[b + 1] = (ptr[b + 1] as number) + (ptr[b] as number);
  const next = ptr.slice(0, buckets);
  const out = new Int32Array(order.length);
  for (let n = 0; n < order.length; n++) {
    const p = order[n] as number;
    const b = key[p] as number;
    out[next[b] as number] = p;
    next[b] = (next[b] as number) + 1;
  }
  return { order: out, ptr };
}

/**
 * A sparse ratings matrix with both row views: CSR (by user, items ascending) and
 * CSC (by item, users ascending). Memory is a few typed arrays of the number of ratings.
 * Build one with {@link Interactions.from}.
 */
export class Interactions {
  /** User ids, index i is user i. */
  readonly users: IdIndex;
  /** Item ids, index j is item j. */
  readonly items: IdIndex;
  /** The declared rating scale. */
  readonly ratingScale: readonly [number, number];
  /** CSR: user u's ratings are at `userPtr[u] .. userPtr[u+1]-1` of `userItems`/`userRatings`. */
  readonly userPtr: Int32Array;
  readonly userItems: Int32Array;
  readonly userRatings: Float64Array;
  /** CSC: item i's ratings are at `itemPtr[i] .. itemPtr[i+1]-1` of `itemUsers`/`itemRatings`. */
  readonly itemPtr: Int32Array;
  readonly itemUsers: Int32Array;
  readonly itemRatings: Float64Array;
  /** Mean of all ratings. */
  readonly globalMean: number;

  /** Low-level constructor from a CSR; prefer {@link Interactions.from}. */
  constructor(
    users: IdIndex,
    items: IdIndex,
    ratingScale: readonly [number, number],
    userPtr: Int32Array,
    userItems: Int32Array,
    userRatings: Float64Array,
  ) {
    this.users = users;
    this.items = items;
    this.ratingScale = ratingScale;
    this.userPtr = userPtr;
    this.userItems = userItems;
    this.userRatings = userRatings;
    const csc = transpose(userPtr, userItems, userRatings, items.size);
    this.itemPtr = csc.ptr;
    this.itemUsers = csc.idx;
    this.itemRatings = csc.values;
    let sum = 0;
    for (let n = 0; n < userRatings.length; n++) sum += userRatings[n] as number;
    this.globalMean = sum / userRatings.length;
  }

  /** Number of users. */
  get nUsers(): number {
    return this.users.size;
  }

  /** Number of items. */
  get nItems(): number {
    return this.items.size;
  }

  /** Number of stored ratings (after duplicates were resolved). */
  get nRatings(): number {
    return this.userRatings.length;
  }

  /**
   * Builds the matrix from triples or columns. Throws a `ValueError` on an empty input,
   * a rating outside `ratingScale` or not finite, a bad id, or (with the default
   * `duplicates: 'error'`) a repeated (user, item) pair.
   */
  static from(input: RatingsInput, options: InteractionsOptions): Interactions {
    if (options === null || typeof options !== 'object') {
      throw new ValueError(
        `Argument 'options' passed to '${WHERE}' must be an object with a ratingScale.`,
      );
    }
    const scale = checkScale(options.ratingScale);
    const policy = options.duplicates ?? 'error';
    if (policy !== 'error' && policy !== 'last' && policy !== 'mean') {
      throw new ValueError(
        `Argument 'options.duplicates' passed to '${WHERE}' must be one of 'error', 'last', 'mean', but got ${JSON.stringify(policy)}.`,
      );
    }
    const users = new IdIndex();
    const items = new IdIndex();
    const n = countRatings(input);
    const u = new Int32Array(n);
    const i = new Int32Array(n);
    const r = new Float64Array(n);
    forEachRating(input, (user, item, rating, row) => {
      checkId('user', user, row);
      checkId('item', item, row);
      if (typeof rating !== 'number' || !(rating >= scale[0] && rating <= scale[1])) {
        throw new ValueError(
          `Argument 'ratings' passed to '${WHERE}' must have ratings in the declared scale [${scale[0]}, ${scale[1]}], but rating ${row} (user ${JSON.stringify(user)}, item ${JSON.stringify(item)}) is ${String(rating)}.`,
        );
      }
      u[row] = users.add(user);
      i[row] = items.add(item);
      r[row] = rating;
    });
    if (n === 0) {
      throw new ValueError(`Argument 'ratings' passed to '${WHERE}' must not be empty.`);
    }
    // Sort by item, then stably by user: rows come out sorted by item, and equal
    // (user, item) pairs stay in input order, which is what 'last' needs.
    const identity = new Int32Array(n);
    for (let p = 0; p < n; p++) identity[p] = p;
    const byItem = countingOrder(i, items.size, identity).order;
    const { order } = countingOrder(u, users.size, byItem);
    const csr = mergeDuplicates(order, u, i, r, users.size, policy);
    return new Interactions(users, items, scale, csr.ptr, csr.idx, csr.values);
  }
}

/** Walks the sorted entries, resolving repeated (user, item) pairs by `policy`. */
function mergeDuplicates(
  order: Int32Array,
  u: Int32Array,
  i: Int32Array,
  r: Float64Array,
  nUsers: number,
  policy: DuplicatePolicy,
): { ptr: Int32Array; idx: Int32Array; values: Float64Array } {
  const n = order.length;
  const ptr = new Int32Array(nUsers + 1);
  const idx = new Int32Array(n);
  const values = new Float64Array(n);
  let out = 0;
  let p = 0;
  while (p < n) {
    const first = order[p] as number;
    const user = u[first] as number;
    const item = i[first] as number;
    let sum = r[first] as number;
    let last = sum;
    let count = 1;
    while (p + count < n) {
      const q = order[p + count] as number;
      if (u[q] !== user || i[q] !== item) break;
      if (policy === 'error') {
        throw new ValueError(
          `Argument 'ratings' passed to '${WHERE}' must not repeat a (user, item) pair with duplicates: 'error', but ratings ${first} and ${q} are both for the same user and item; choose duplicates: 'last' or 'mean'.`,
        );
      }
      sum += r[q] as number;
      last = r[q] as number;
      count++;
    }
    idx[out] = item;
    values[out] = policy === 'mean' ? sum / count : last;
    ptr[user + 1] = (ptr[user + 1] as number) + 1;
    out++;
    p += count;
  }
  for (let x = 0; x < nUsers; x++) ptr[x + 1] = (ptr[x + 1] as number) + (ptr[x] as number);
  return { ptr, idx: idx.slice(0, out), values: values.slice(0, out) };
}

/** CSR -> CSC (or back): a counting sort by column that keeps rows ascending. */
export function transpose(
  ptr: Int32Array,
  idx: Int32Array,
  values: Float64Array,
  nCols: number,
): { ptr: Int32Array; idx: Int32Array; values: Float64Array } {
  const nRows = ptr.length - 1;
  const tPtr = new Int32Array(nCols + 1);
  for (let n = 0; n < idx.length; n++) tPtr[(idx[n] as number) + 1]!++;
  for (let c = 0; c < nCols; c++) tPtr[c + 1] = (tPtr[c + 1] as number) + (tPtr[c] as number);
  const next = tPtr.slice(0, nCols);
  const tIdx = new Int32Array(idx.length);
  const tValues = new Float64Array(idx.length);
  for (let row = 0; row < nRows; row++) {
    for (let p = ptr[row] as number; p < (ptr[row + 1] as number); p++) {
      const c = idx[p] as number;
      const q = next[c] as number;
      tIdx[q] = row;
      tValues[q] = values[p] as number;
      next[c] = q + 1;
    }
  }
  return { ptr: tPtr, idx: tIdx, values: tValues };
}
