import { assertFinite, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** A vector as users give it: a rank-1 tensor, a number array or a typed array. */
export type VectorInput = tf.Tensor | ArrayLike<number>;

/**
 * A square matrix as users give it: a rank-2 tensor, an array of rows, or a flat row-major
 * array (number array or typed array) of n² entries.
 */
export type SquareMatrixInput = tf.Tensor | readonly (readonly number[])[] | ArrayLike<number>;

/** A batch of rows: a rank-2 tensor or an array of rows (number arrays or typed arrays). */
export type RowsInput = tf.Tensor | readonly ArrayLike<number>[];

/** A matrix read into float64: `data` row-major with `rows` x `cols` entries. */
export type Float64Matrix = { data: Float64Array; rows: number; cols: number };

function prefix(where: string, name: string): string {
  return `Argument '${name}' passed to '${where}'`;
}

/** Reads a vector into a Float64Array after checking rank and finiteness. */
export function readVector(where: string, name: string, x: VectorInput): Float64Array {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 1) {
      throw new ShapeError(
        `${prefix(where, name)} must be a vector (rank 1), but got shape [${x.shape.join(', ')}].`,
      );
    }
    x = x.dataSync();
  }
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') {
    throw new ShapeError(
      `${prefix(where, name)} must be a vector (array, typed array or rank-1 tensor).`,
    );
  }
  const v = Float64Array.from(x as ArrayLike<number>);
  assertFinite(where, name, v);
  return v;
}

/** Reads rows (tensor `[n, d]` or an array of equal-length rows) into a float64 matrix. */
export function readRows(where: string, name: string, x: RowsInput): Float64Matrix {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2) {
      throw new ShapeError(
        `${prefix(where, name)} must have rank 2, but got shape [${x.shape.join(', ')}].`,
      );
    }
    const [rows, cols] = x.shape as [number, number];
    const data = Float64Array.from(x.dataSync());
    assertFinite(where, name, data);
    return { data, rows, cols };
  }
  if (!Array.isArray(x) || x.length === 0) {
    throw new ShapeError(
      `${prefix(where, name)} must be a rank-2 tensor or a non-empty array of rows.`,
    );
  }
  const rows = x.length;
  const first = x[0] as ArrayLike<number> | undefined;
  if (first === null || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new ShapeError(
      `${prefix(where, name)} must be an array of rows, but row 0 is ${typeof first}.`,
    );
  }
  const cols = first.length;
  const data = new Float64Array(rows * cols);
  x.forEach((row: ArrayLike<number>, i: number) => {
    if (row === null || typeof row !== 'object' || row.length !== cols) {
      throw new ShapeError(
        `${prefix(where, name)} must be rectangular: row 0 has ${cols} values but row ${i} has ${row?.length ?? typeof row}.`,
      );
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j] as number;
  });
  assertFinite(where, name, data);
  return { data, rows, cols };
}

/** Reads a `d x d` matrix (rows, tensor or flat row-major array of d² entries). */
export function readSquare(
  where: string,
  name: string,
  x: SquareMatrixInput,
  d: number,
): Float64Array {
  let m: Float64Matrix;
  const isRows = Array.isArray(x) && x.length > 0 && typeof x[0] === 'object';
  if (x instanceof tf.Tensor || isRows) {
    m = readRows(where, name, x as RowsInput);
  } else {
    const flat = readVector(where, name, x as ArrayLike<number>);
    if (flat.length !== d * d) {
      throw new ShapeError(
        `${prefix(where, name)} must be ${d} x ${d}: a flat array needs ${d * d} entries, but got ${flat.length}.`,
      );
    }
    return flat;
  }
  if (m.rows !== d || m.cols !== d) {
    throw new ShapeError(
      `${prefix(where, name)} must have shape [${d}, ${d}], but got shape [${m.rows}, ${m.cols}].`,
    );
  }
  return m.data;
}
