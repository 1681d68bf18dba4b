import {
  assertBoolean,
  assertFinite,
  assertInteger,
  createRng,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { requireOptions } from './options';

/**
 * Data `batches` can cut: a tensor whose first dimension counts the examples, an array of
 * rows (`number[][]` or `Float32Array[]`, giving float32 batches), or a 1-D array of values
 * (an integer typed array such as `Int32Array` gives int32 batches, anything else float32).
 */
export type BatchSource =
  | tf.Tensor
  | readonly (readonly number[])[]
  | readonly Float32Array[]
  | readonly number[]
  | Int32Array
  | Uint8Array
  | Float32Array
  | Float64Array;

/** Options of {@link batches}. */
export interface BatchOptions {
  /** Examples per batch (an integer >= 1); the last batch may be smaller unless `dropLast`. */
  batchSize: number;
  /** Visit the examples in a seeded random order instead of in order. Default false. */
  shuffle?: boolean;
  /** Seed of the shuffle. Default 0. Pass a different seed each epoch (e.g. `seed: epoch`). */
  seed?: number | string;
  /** Skip a last batch smaller than `batchSize`. Default false. */
  dropLast?: boolean;
}

/** One batch. Its tensors live until the next batch is drawn or the loop ends. */
export interface Batch {
  /** The rows of `x` in this batch. */
  readonly x: tf.Tensor;
  /** The matching rows of `y`, when `y` was given. */
  readonly y?: tf.Tensor;
  /** Which examples (row numbers of `x`) the batch holds, in batch order. */
  readonly indices: Int32Array;
  /** The batch number, from 0. */
  readonly index: number;
}

/** A batch from `batches(x, y, options)`, which always has `y`. */
export interface LabelledBatch extends Batch {
  readonly y: tf.Tensor;
}

/** Cuts rows out of one source; knows its row count. */
interface Rows {
  readonly count: number;
  take(indices: Int32Array, contiguous: boolean): tf.Tensor;
}

const INT_ARRAYS = [Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array];

function tensorRows(name: string, x: tf.Tensor): Rows {
  if (x.isDisposed) {
    throw new ValueError(`Argument '${name}' passed to 'batches' is a disposed tensor.`);
  }
  if (x.rank === 0) {
    throw new ShapeError(
      `Argument '${name}' passed to 'batches' must have rank >= 1 (examples first), but got a scalar.`,
    );
  }
  return {
    count: x.shape[0] as number,
    take: (indices, contiguous) =>
      tf.tidy(() => {
        if (contiguous) {
          return tf.slice(x, [indices[0] as number], [indices.length]);
        }
        return tf.gather(x, tf.tensor1d(indices, 'int32'));
      }),
  };
}

function vectorRows(name: string, values: ArrayLike<number>): Rows {
  assertFinite('batches', name, values);
  const isInt = INT_ARRAYS.some((type) => values instanceof type);
  return {
    count: values.length,
    take: (indices) => {
      const out = isInt ? new Int32Array(indices.length) : new Float32Array(indices.length);
      indices.forEach((i, j) => {
        out[j] = values[i] as number;
      });
      return tf.tensor1d(out, isInt ? 'int32' : 'float32');
    },
  };
}

function matrixRows(name: string, rows: readonly ArrayLike<number>[]): Rows {
  const width = (rows[0] as ArrayLike<number>).length;
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || row.length !== width) {
      throw new ShapeError(
        `Argument '${name}' passed to 'batches' must be rectangular: row 0 has ${width} values but row ${i} has ${row?.length ?? String(row)}.`,
      );
    }
    assertFinite('batches', `${name}[${i}]`, row);
  });
  return {
    count: rows.length,
    take: (indices) => {
      const out = new Float32Array(indices.length * width);
      indices.forEach((i, j) => {
        out.set(rows[i] as ArrayLike<number>, j * width);
      });
      return tf.tensor2d(out, [indices.length, width]);
    },
  };
}

function toRows(name: string, source: unknown): Rows {
  if (source instanceof tf.Tensor) return tensorRows(name, source);
  const isArray = Array.isArray(source) || ArrayBuffer.isView(source);
  if (!isArray || (source as ArrayLike<unknown>).length === 0) {
    throw new ValueError(
      `Argument '${name}' passed to 'batches' must be a non-empty tensor, array of rows or 1-D array, but got ${isArray ? 'an empty array' : typeof source}.`,
    );
  }
  const first = (source as ArrayLike<unknown>)[0];
  if (typeof first === 'number') return vectorRows(name, source as ArrayLike<number>);
  return matrixRows(name, source as readonly ArrayLike<number>[]);
}

function isOptions(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof tf.Tensor) &&
    !Array.isArray(value) &&
    !ArrayBuffer.isView(value)
  );
}

function* generate(
  x: Rows,
  y: Rows | undefined,
  order: Int32Array,
  batchSize: number,
  contiguous: boolean,
  count: number,
): Generator<Batch, void, undefined> {
  let live: tf.Tensor[] = [];
  try {
    for (let b = 0; b < count; b++) {
      tf.dispose(live);
      live = [];
      const indices = order.slice(b * batchSize, Math.min(order.length, (b + 1) * batchSize));
      const xb = x.take(indices, contiguous);
      live.push(xb);
      const yb = y?.take(indices, contiguous);
      if (yb) live.push(yb);
      yield yb ? { x: xb, y: yb, indices, index: b } : { x: xb, indices, index: b };
    }
  } finally {
    // Runs when the loop ends, breaks or throws: the last batch never outlives it.
    tf.dispose(live);
  }
}

/**
 * Iterates over `x` (and `y`, row for row) in batches of `batchSize` examples, in order or
 * shuffled with `seed`. Each batch's tensors are disposed when the next batch is drawn and
 * when the loop ends (also by `break` or a throw), so a `for...of` loop leaks nothing;
 * `clone` what must outlive its step, and do not collect batches with `[...batches()]` or
 * `Array.from` (all but `indices` would be disposed). `x` and `y` stay the caller's.
 * Arguments are checked when `batches` is called, not when the first batch is drawn.
 *
 * @example
 * for (const { x, y } of batches(images, labels, { batchSize: 64, shuffle: true, seed: epoch })) {
 *   await trainStep(x, y);
 * }
 */
export function batches(x: BatchSource, options: BatchOptions): IterableIterator<Batch>;
export function batches(
  x: BatchSource,
  y: BatchSource,
  options: BatchOptions,
): IterableIterator<LabelledBatch>;
export function batches(
  x: BatchSource,
  y: BatchSource | undefined,
  options: BatchOptions,
): IterableIterator<Batch>;
export function batches(
  x: BatchSource,
  yOrOptions: BatchSource | BatchOptions | undefined,
  maybeOptions?: BatchOptions,
): IterableIterator<Batch> {
  const yGiven = !isOptions(yOrOptions);
  const options = requireOptions(
    'batches',
    (yGiven ? maybeOptions : yOrOptions) as BatchOptions | undefined,
    ['batchSize', 'shuffle', 'seed', 'dropLast'],
  );
  const batchSize = assertInteger('batches', 'batchSize', options.batchSize);
  const shuffle = assertBoolean('batches', 'shuffle', options.shuffle ?? false);
  const dropLast = assertBoolean('batches', 'dropLast', options.dropLast ?? false);
  const xRows = toRows('x', x);
  const yRows = yGiven && yOrOptions !== undefined ? toRows('y', yOrOptions) : undefined;
  if (yRows && yRows.count !== xRows.count) {
    throw new ShapeError(
      `Argument 'y' passed to 'batches' must have one row per row of 'x' (${xRows.count}), but has ${yRows.count}.`,
    );
  }
  const n = xRows.count;
  if (n === 0) {
    throw new ValueError(`Argument 'x' passed to 'batches' must not be empty.`);
  }
  const count = dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
  if (count === 0) {
    throw new ValueError(
      `Argument 'batchSize' passed to 'batches' must be at most the number of examples (${n}) when dropLast is true, but got ${batchSize}: there would be no batch.`,
    );
  }
  const rng = createRng(options.seed ?? 0);
  const order = shuffle ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
  return generate(xRows, yRows, order, batchSize, !shuffle, count);
}
