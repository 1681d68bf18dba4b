import { assertInteger, createRng, ValueError } from '@gankit/core';
import {
  type Id,
  Interactions,
  type InteractionsOptions,
  type RatingColumns,
  type RatingsInput,
  type RatingTriple,
} from './interactions';
import { mae, rmse } from './metrics';

/** One fold: the ratings to train on and the ratings to test on, as columns. */
export interface Fold {
  train: RatingColumns;
  test: RatingColumns;
}

/** Options of {@link kFold}. */
export interface KFoldOptions {
  /** Number of folds (>= 2). Default 5. */
  folds?: number;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
}

function columnsOf(input: RatingsInput): RatingColumns {
  if (Array.isArray(input)) {
    const rows = input as readonly RatingTriple[];
    return {
      users: rows.map((t) => t[0]),
      items: rows.map((t) => t[1]),
      ratings: Float64Array.from(rows, (t) => t[2]),
    };
  }
  return input as RatingColumns;
}

function pick(cols: RatingColumns, rows: Int32Array): RatingColumns {
  const users: Id[] = new Array(rows.length);
  const items: Id[] = new Array(rows.length);
  const ratings = new Float64Array(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n] as number;
    users[n] = cols.users[r] as Id;
    items[n] = cols.items[r] as Id;
    ratings[n] = cols.ratings[r] as number;
  }
  return { users, items, ratings };
}

/**
 * Shuffles the ratings (seeded) and cuts them into `folds` nearly equal parts; fold f
 * tests on part f and trains on the rest, like Surprise's KFold. Test users or items
 * absent from the training part are cold-start cases for the model.
 */
export function kFold(input: RatingsInput, options: KFoldOptions = {}): Fold[] {
  const folds = assertInteger('kFold', 'folds', options.folds ?? 5, 2);
  const cols = columnsOf(input);
  const n = cols.ratings.length;
  if (n < folds) {
    throw new ValueError(
      `Argument 'input' passed to 'kFold' must have at least as many ratings as folds (${folds}), but got ${n}.`,
    );
  }
  const order = createRng(options.seed ?? 0).permutation(n);
  const out: Fold[] = [];
  for (let f = 0; f < folds; f++) {
    const start = Math.floor((f * n) / folds);
    const end = Math.floor(((f + 1) * n) / folds);
    const test = order.slice(start, end);
    const train = new Int32Array(n - (end - start));
    train.set(order.subarray(0, start), 0);
    train.set(order.subarray(end), start);
    out.push({ train: pick(cols, train), test: pick(cols, test) });
  }
  return out;
}

/** A model as {@link crossValidate} needs it. */
export interface CrossValidatable {
  fit(data: Interactions): unknown;
  predictMany(pairs: RatingColumns): Float64Array;
}

/** Per-fold scores and timings of {@link crossValidate}. */
export interface CrossValidationResult {
  rmse: number[];
  mae: number[];
  /** Seconds spent in `fit` per fold. */
  fitSeconds: number[];
  /** Seconds spent predicting the test part per fold. */
  testSeconds: number[];
}

/**
 * k-fold cross-validation of a rating predictor: for each fold, builds the training
 * matrix with `interactions` options, fits a fresh model from `makeModel`, predicts the
 * test ratings and scores them with RMSE and MAE.
 */
export async function crossValidate(
  makeModel: () => CrossValidatable,
  input: RatingsInput,
  options: KFoldOptions & InteractionsOptions,
): Promise<CrossValidationResult> {
  const { folds, seed, ...interactions } = options;
  const result: CrossValidationResult = { rmse: [], mae: [], fitSeconds: [], testSeconds: [] };
  for (const fold of kFold(input, { folds, seed })) {
    const train = Interactions.from(fold.train, interactions);
    const model = makeModel();
    const t0 = performance.now();
    await model.fit(train);
    const t1 = performance.now();
    const predicted = model.predictMany(fold.test);
    const t2 = performance.now();
    result.rmse.push(rmse(fold.test.ratings, predicted));
    result.mae.push(mae(fold.test.ratings, predicted));
    result.fitSeconds.push((t1 - t0) / 1000);
    result.testSeconds.push((t2 - t1) / 1000);
  }
  return result;
}
