import { assertInteger, NotFittedError, ValueError } from '@gankit/core';
import { type Id, Interactions, type RatingColumns, type RatingsInput } from './interactions';
import { type ModelState, saveInteractions } from './model_state';
import {
  type Prediction,
  type PredictionDetails,
  type Recommendation,
  unknownReason,
} from './prediction';
import { type ModelJSON, stateToJSON } from './serialization';
import { TopN } from './top_k';

/** Pairs to predict: triples (the rating is ignored) or user and item columns. */
export type PairsInput = RatingsInput | Pick<RatingColumns, 'users' | 'items'>;

/** Options of {@link Recommender.predict}. */
export interface PredictOptions {
  /** Clip the estimate into the rating scale, as Surprise does. Default true. */
  clip?: boolean;
}

/**
 * What every rating predictor shares: id lookup, clipping, cold-start handling,
 * batch prediction, top-N and serialisation. Subclasses implement `estimateIndex`.
 */
export abstract class Recommender {
  /** The model's name, stored in saved files. */
  abstract readonly kind: string;
  protected data: Interactions | null = null;
  private popularity: Int32Array | null = null;

  /**
   * The unclipped estimate for user index `u` and item index `i`, either of which may
   * be -1 (unknown). Writes what happened into `details`.
   */
  protected abstract estimateIndex(u: number, i: number, details: PredictionDetails): number;

  /** The model-specific part of the saved state. */
  protected abstract saveState(state: ModelState): void;

  /** The training data; throws `NotFittedError` before `fit`. */
  protected fitted(where: string): Interactions {
    if (this.data === null) {
      throw new NotFittedError(`'${where}' was called before fit(); fit the model first.`);
    }
    return this.data;
  }

  /** True once the model is fitted (or loaded). */
  get isFitted(): boolean {
    return this.data !== null;
  }

  /**
   * Estimates the rating `user` would give `item`. Unknown users or items never throw:
   * they get the model's fallback, flagged in `details.reason`.
   */
  predict(user: Id, item: Id, options: PredictOptions = {}): Prediction {
    const data = this.fitted(`${this.kind}.predict`);
    const u = data.users.indexOf(user);
    const i = data.items.indexOf(item);
    const details: PredictionDetails = { wasImpossible: false, actualK: 0, reason: null };
    let estimate = this.estimateIndex(u, i, details);
    if (details.reason === null) details.reason = unknownReason(u, i);
    if (options.clip ?? true) estimate = this.clip(estimate);
    return { user, item, estimate, details };
  }

  /**
   * Clipped estimates for many pairs, in input order. Pairs are evaluated grouped by
   * `groupKey` (the row of model state they read), which keeps that state in cache.
   */
  predictMany(pairs: PairsInput): Float64Array {
    const data = this.fitted(`${this.kind}.predictMany`);
    const { users, items } = toColumns(pairs);
    const n = users.length;
    const u = new Int32Array(n);
    const i = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      u[p] = data.users.indexOf(users[p] as Id);
      i[p] = data.items.indexOf(items[p] as Id);
    }
    const order = Int32Array.from({ length: n }, (_, p) => p);
    const key = (p: number) => this.groupKey(u[p] as number, i[p] as number);
    order.sort((a, b) => key(a) - key(b) || a - b);
    const out = new Float64Array(n);
    const details: PredictionDetails = { wasImpossible: false, actualK: 0, reason: null };
    for (const p of order)
      out[p] = this.clip(this.estimateIndex(u[p] as number, i[p] as number, details));
    return out;
  }

  /** Which pairs to evaluate together in `predictMany`; by default, by user. */
  protected groupKey(u: number, _i: number): number {
    return u;
  }

  /**
   * The `n` items with the highest estimates for `user`, excluding items the user rated.
   * An unknown user gets the most rated items instead, with `fallback: 'popularity'`.
   */
  recommend(user: Id, n = 10): Recommendation {
    const where = `${this.kind}.recommend`;
    const data = this.fitted(where);
    assertInteger(where, 'n', n, 1);
    const u = data.users.indexOf(user);
    if (u < 0) return this.popular(user, n, data);
    return { user, items: this.topItems(u, n, data), fallback: null };
  }

  /** Scores every unrated item of user `u`; models override this with faster paths. */
  protected topItems(u: number, n: number, data: Interactions) {
    const rated = ratedMask(data, u);
    const top = new TopN(n);
    const details: PredictionDetails = { wasImpossible: false, actualK: 0, reason: null };
    for (let i = 0; i < data.nItems; i++) {
      if (rated[i] === 1) continue;
      top.push(this.estimateIndex(u, i, details), i);
    }
    return top.sorted().map(({ score, index }) => ({ item: data.items.ids[index] as Id, score }));
  }

  private popular(user: Id, n: number, data: Interactions): Recommendation {
    if (this.popularity === null) {
      const top = new TopN(data.nItems);
      for (let i = 0; i < data.nItems; i++) {
        top.push((data.itemPtr[i + 1] as number) - (data.itemPtr[i] as number), i);
      }
      this.popularity = Int32Array.from(top.sorted().map((e) => e.index));
    }
    const items = Array.from(this.popularity.subarray(0, n), (i) => ({
      item: data.items.ids[i] as Id,
      score: (data.itemPtr[i + 1] as number) - (data.itemPtr[i] as number),
    }));
    return { user, items, fallback: 'popularity' };
  }

  /** Clips into the training data's rating scale. */
  protected clip(estimate: number): number {
    const [lo, hi] = (this.data as Interactions).ratingScale;
    return Math.min(hi, Math.max(lo, estimate));
  }

  /** Throws a `ValueError` unless `data` is an {@link Interactions}. */
  protected checkData(data: unknown): Interactions {
    if (!(data instanceof Interactions)) {
      throw new ValueError(
        `Argument 'data' passed to '${this.kind}.fit' must be an Interactions; build one with Interactions.from(ratings, { ratingScale }).`,
      );
    }
    return data;
  }

  /** The fitted model as JSON-safe data, so `JSON.stringify(model)` works; see `modelFromJSON`. */
  toJSON(): ModelJSON {
    return stateToJSON(this.toState());
  }

  /** Resets cached state when new data is fitted. */
  protected setData(data: Interactions): void {
    this.data = data;
    this.popularity = null;
  }

  /** The fitted model as plain data; see `saveModel` and `modelToJSON`. */
  toState(): ModelState {
    this.fitted(`${this.kind}.toState`);
    const state: ModelState = { kind: this.kind, options: {}, meta: {}, arrays: {} };
    saveInteractions(this.data as Interactions, state);
    this.saveState(state);
    return state;
  }
}

/** Marks the items user `u` rated with 1. */
export function ratedMask(data: Interactions, u: number): Uint8Array {
  const mask = new Uint8Array(data.nItems);
  for (let p = data.userPtr[u] as number; p < (data.userPtr[u + 1] as number); p++) {
    mask[data.userItems[p] as number] = 1;
  }
  return mask;
}

/** Reads user and item columns out of triples or columns. */
export function toColumns(pairs: PairsInput): { users: ArrayLike<Id>; items: ArrayLike<Id> } {
  if (Array.isArray(pairs)) {
    const rows = pairs as readonly (readonly unknown[])[];
    return {
      users: rows.map((t) => t[0] as Id),
      items: rows.map((t) => t[1] as Id),
    };
  }
  const cols = pairs as Pick<RatingColumns, 'users' | 'items'>;
  if (cols === null || typeof cols !== 'object' || cols.users?.length !== cols.items?.length) {
    throw new ValueError(
      `Argument 'pairs' passed to 'predictMany' must be [user, item, ...] rows or { users, items } columns of equal length.`,
    );
  }
  return cols;
}
