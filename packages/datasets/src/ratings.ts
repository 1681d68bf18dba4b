/**
 * A table of ratings, one entry per (user, item) rating, in parallel arrays. Users and
 * items are dense 0-based indices; `userIds[u]` and `itemIds[i]` give the ids they had in
 * the source (1-based in MovieLens and in the generator).
 */
export interface Ratings {
  readonly users: Int32Array;
  readonly items: Int32Array;
  readonly ratings: Float32Array;
  /** Seconds since 1970-01-01 UTC, one per rating. */
  readonly timestamps: Float64Array;
  /** Number of user indices (every index below it may appear). */
  readonly numUsers: number;
  /** Number of item indices. */
  readonly numItems: number;
  readonly userIds: Int32Array;
  readonly itemIds: Int32Array;
}

/** The ratings at `indices`, in that order, with the same users, items and ids. */
export function selectRatings(data: Ratings, indices: ArrayLike<number>): Ratings {
  const n = indices.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const ratings = new Float32Array(n);
  const timestamps = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = indices[j] as number;
    users[j] = data.users[i] as number;
    items[j] = data.items[i] as number;
    ratings[j] = data.ratings[i] as number;
    timestamps[j] = data.timestamps[i] as number;
  }
  return { ...data, users, items, ratings, timestamps };
}
