import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValueError } from './errors';

/** Where a check runs: the public function or method name, used in every message. */
export type Where = string;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof tf.Tensor) return `a tensor of shape [${value.shape.join(', ')}]`;
  return typeof value;
}

function prefix(where: Where, name: string): string {
  return `Argument '${name}' passed to '${where}'`;
}

/** Throws a `ValueError` unless `value` is an integer >= `min` (default 1). */
export function assertInteger(where: Where, name: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValueError(
      `${prefix(where, name)} must be an integer >= ${min}, but got ${describe(value)}.`,
    );
  }
  return value;
}

/** Throws a `ValueError` unless `value` is a boolean. */
export function assertBoolean(where: Where, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ValueError(`${prefix(where, name)} must be a boolean, but got ${describe(value)}.`);
  }
  return value;
}

/** Throws a `ValueError` unless `value` is a number strictly between `min` and `max`. */
export function assertNumberBetween(
  where: Where,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number {
  if (typeof value !== 'number' || !(value > min && value < max)) {
    throw new ValueError(
      `${prefix(where, name)} must be a number strictly between ${min} and ${max}, but got ${describe(value)}.`,
    );
  }
  return value;
}

/** Throws a `ValueError` unless `value` is a finite number in `[min, max]`. */
export function assertNumberInRange(
  where: Where,
  name: string,
  value: unknown,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValueError(
      `${prefix(where, name)} must be a finite number in [${min}, ${max}], but got ${describe(value)}.`,
    );
  }
  return value;
}

/**
 * Throws a `ValueError` unless `value` is a number in (0, 1]: a fraction or rate that may be 1
 * but not 0 (NaN and non-numbers are refused too).
 */
export function assertFraction(where: Where, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new ValueError(`${prefix(where, name)} must be in (0, 1], but got ${describe(value)}.`);
  }
  return value;
}

/** Throws a `ValueError` unless `value` is one of `allowed`. */
export function assertOneOf<T extends string>(
  where: Where,
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValueError(
      `${prefix(where, name)} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, but got ${describe(value)}.`,
    );
  }
  return value as T;
}

/**
 * Throws a `ValueError` naming the first key of `options` that is not in `known`.
 * Catches typos such as `{ learningrate: 0.1 }` that would otherwise be ignored.
 */
export function assertKnownOptions(
  where: Where,
  options: object | undefined,
  known: readonly string[],
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object') {
    throw new ValueError(
      `Argument 'options' passed to '${where}' must be an object, but got ${describe(options)}.`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ValueError(
        `Unknown option '${key}' passed to '${where}'; expected one of: ${known.join(', ')}.`,
      );
    }
  }
}

/**
 * Throws a `ShapeError` unless `shape` matches `expected`, where `null` in `expected`
 * accepts any size in that dimension.
 */
export function assertShape(
  where: Where,
  name: string,
  shape: readonly number[],
  expected: readonly (number | null)[],
): void {
  const ok =
    shape.length === expected.length && expected.every((d, i) => d === null || d === shape[i]);
  if (!ok) {
    const want = expected.map((d) => (d === null ? '*' : String(d))).join(', ');
    throw new ShapeError(
      `${prefix(where, name)} must have shape [${want}] (rank ${expected.length}), but got shape [${shape.join(', ')}] (rank ${shape.length}).`,
    );
  }
}

/** Throws a `ShapeError` unless `shape` has the given rank. */
export function assertRank(
  where: Where,
  name: string,
  shape: readonly number[],
  rank: number,
): void {
  if (shape.length !== rank) {
    throw new ShapeError(
      `${prefix(where, name)} must have rank ${rank}, but got rank ${shape.length} (shape [${shape.join(', ')}]).`,
    );
  }
}

/** Throws a `ValueError` naming the first NaN or infinite entry of `values`. */
export function assertFinite(where: Where, name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new ValueError(
        `${prefix(where, name)} must contain only finite numbers, but entry ${i} is ${describe(v)}.`,
      );
    }
  }
}

/** Throws a `ValueError` if `n` is 0 (an empty data set). */
export function assertNotEmpty(where: Where, name: string, n: number): void {
  if (n === 0) {
    throw new ValueError(`${prefix(where, name)} must not be empty.`);
  }
}

/** A 2-D input as users may give it: a rank-2 tensor, an array of rows, or a typed matrix. */
export type Matrix = tf.Tensor2D | readonly (readonly number[])[] | readonly Float32Array[];

/**
 * Converts a matrix input into a float32 rank-2 tensor after checking that it is
 * rectangular, non-empty and finite. The caller owns the returned tensor (a new one even
 * when `x` is a tensor, so disposing it never frees the caller's data).
 */
export function toMatrix(where: Where, name: string, x: Matrix | tf.Tensor): tf.Tensor2D {
  if (x instanceof tf.Tensor) {
    assertRank(where, name, x.shape, 2);
    assertNotEmpty(where, name, x.shape[0] as number);
    assertFinite(where, name, x.dataSync());
    return tf.cast(x, 'float32') as tf.Tensor2D;
  }
  if (!Array.isArray(x)) {
    throw new ShapeError(
      `${prefix(where, name)} must be a rank-2 tensor or an array of rows, but got ${describe(x)}.`,
    );
  }
  assertNotEmpty(where, name, x.length);
  const cols = (x[0] as ArrayLike<number>).length;
  const flat = new Float32Array(x.length * cols);
  x.forEach((row: ArrayLike<number>, i: number) => {
    if (row === null || typeof row !== 'object' || row.length !== cols) {
      throw new ShapeError(
        `${prefix(where, name)} must be rectangular: row 0 has ${cols} values but row ${i} has ${row?.length ?? describe(row)}.`,
      );
    }
    for (let j = 0; j < cols; j++) flat[i * cols + j] = row[j] as number;
  });
  assertFinite(where, name, flat);
  return tf.tensor2d(flat, [x.length, cols]);
}
