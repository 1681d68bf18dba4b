import {
  type Matrix,
  NotFittedError,
  ShapeError,
  toMatrix,
  ValueError,
  type Where,
} from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';

/** A matrix read out of its tensor: row-major float32 values, `n` rows of `d` columns. */
export interface Dense {
  readonly values: Float32Array;
  readonly n: number;
  readonly d: number;
}

/** Checks a matrix input (rank 2, non-empty, finite) and reads it into a typed array. */
export function readMatrix(where: Where, name: string, x: Matrix | tf.Tensor): Dense {
  const t = toMatrix(where, name, x);
  const [n, d] = t.shape as [number, number];
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return { values, n, d };
}

/** Like {@link readMatrix}, and also checks that the matrix has `d` columns (as seen in `fit`). */
export function readMatrixWithColumns(
  where: Where,
  name: string,
  x: Matrix | tf.Tensor,
  d: number,
): Dense {
  const m = readMatrix(where, name, x);
  if (m.d !== d) {
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must have ${d} columns (as in fit), but got ${m.d}.`,
    );
  }
  return m;
}

/** Labels as users give them: numbers (any integers) or strings. */
export type Labels = ArrayLike<number> | readonly string[];

/**
 * Checks a label vector (length `n` when given, finite numbers or strings) and maps its
 * distinct values to 0..c-1 in order of first appearance.
 */
export function encodeLabels(
  where: Where,
  name: string,
  labels: Labels,
  n?: number,
): { codes: Int32Array; classes: number } {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must be an array of labels, but got ${String(labels)}.`,
    );
  }
  if (n !== undefined && labels.length !== n) {
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must have length ${n} (one label per sample), but got length ${labels.length}.`,
    );
  }
  const codes = new Int32Array(labels.length);
  const seen = new Map<number | string, number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i] as number | string;
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new ValueError(
        `Argument '${name}' passed to '${where}' must contain only finite numbers, but entry ${i} is ${String(v)}.`,
      );
    }
    if (typeof v !== 'number' && typeof v !== 'string') {
      throw new ValueError(
        `Argument '${name}' passed to '${where}' must hold numbers or strings, but entry ${i} is ${typeof v}.`,
      );
    }
    let code = seen.get(v);
    if (code === undefined) {
      code = seen.size;
      seen.set(v, code);
    }
    codes[i] = code;
  }
  return { codes, classes: seen.size };
}

/** Throws a `NotFittedError` naming the method when `fitted` is undefined. */
export function assertFitted<T>(where: Where, fitted: T | undefined): T {
  if (fitted === undefined) {
    throw new NotFittedError(`'${where}' was called before 'fit'; call fit(x) first.`);
  }
  return fitted;
}

/** Throws a `ValueError` unless `k <= n`: a model cannot have more clusters than samples. */
export function assertAtMostSamples(where: Where, name: string, k: number, n: number): void {
  if (k > n) {
    throw new ValueError(
      `Argument '${name}' passed to '${where}' must be <= the number of samples (${n}), but got ${k}.`,
    );
  }
}

/** Stops a training loop when its `AbortSignal` fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
