import {
  assertFinite,
  assertNotEmpty,
  assertRank,
  assertShape,
  type Matrix,
  NotFittedError,
  ShapeError,
  ValueError,
  type Where,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** A 2-D input: a rank-2 tensor, an array of rows, or rows as typed arrays. */
export type MatrixInput = Matrix | readonly Float64Array[];

/** A 1-D input: a rank-1 tensor, an array or a typed array. */
export type VectorInput =
  | tf.Tensor1D
  | readonly number[]
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint8Array;

/** A row-major float64 matrix, for the algorithms that run in typed-array loops. */
export interface Dense {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (x instanceof tf.Tensor) return `a tensor of shape [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  return typeof x;
}

function argument(where: Where, name: string): string {
  return `Argument '${name}' passed to '${where}'`;
}

/** Copies a checked (rectangular, non-empty, finite) matrix input into a float64 row-major array. */
export function readMatrix(where: Where, name: string, x: MatrixInput): Dense {
  if (x instanceof tf.Tensor) {
    assertRank(where, name, x.shape, 2);
    const [rows, cols] = x.shape as [number, number];
    assertNotEmpty(where, name, rows);
    const data = Float64Array.from(x.dataSync());
    assertFinite(where, name, data);
    return { data, rows, cols };
  }
  if (!Array.isArray(x)) {
    throw new ShapeError(
      `${argument(where, name)} must be a rank-2 tensor or an array of rows, but got ${describe(x)}.`,
    );
  }
  const rows = x.length;
  assertNotEmpty(where, name, rows);
  const first = x[0] as ArrayLike<number> | undefined;
  if (first === null || typeof first !== 'object') {
    throw new ShapeError(
      `${argument(where, name)} must be an array of rows, but row 0 is ${describe(first)}.`,
    );
  }
  const cols = first.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = x[i] as ArrayLike<number> | undefined;
    if (row === null || typeof row !== 'object' || row.length !== cols) {
      throw new ShapeError(
        `${argument(where, name)} must be rectangular: row 0 has ${cols} values but row ${i} has ${row?.length ?? describe(row)}.`,
      );
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j] as number;
  }
  assertFinite(where, name, data);
  return { data, rows, cols };
}

/**
 * Converts a matrix input into a new float32 rank-2 tensor (the caller owns it), after the
 * same checks as {@link readMatrix}.
 */
export function matrixTensor(where: Where, name: string, x: MatrixInput): tf.Tensor2D {
  if (x instanceof tf.Tensor) {
    assertRank(where, name, x.shape, 2);
    assertNotEmpty(where, name, x.shape[0] as number);
    assertFinite(where, name, x.dataSync());
    return tf.cast(x, 'float32') as tf.Tensor2D;
  }
  const m = readMatrix(where, name, x);
  return tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols]);
}

/** Throws a `ShapeError` unless a matrix has `cols` columns (the number seen in `fit`). */
export function assertColumns(where: Where, name: string, shape: readonly number[], cols: number) {
  assertShape(where, name, shape, [null, cols]);
}

/** Copies a checked (rank-1, finite) vector input into a float64 array. */
export function readVector(where: Where, name: string, y: VectorInput): Float64Array {
  let values: Float64Array;
  if (y instanceof tf.Tensor) {
    assertRank(where, name, y.shape, 1);
    values = Float64Array.from(y.dataSync());
  } else if (Array.isArray(y) || ArrayBuffer.isView(y)) {
    values = Float64Array.from(y as ArrayLike<number>);
    if (Array.isArray(y) && y.some((v) => typeof v !== 'number')) {
      const i = y.findIndex((v) => typeof v !== 'number');
      throw new ValueError(
        `${argument(where, name)} must contain only numbers, but entry ${i} is ${describe(y[i])}.`,
      );
    }
  } else {
    throw new ShapeError(
      `${argument(where, name)} must be a rank-1 tensor or an array of numbers, but got ${describe(y)}.`,
    );
  }
  assertNotEmpty(where, name, values.length);
  assertFinite(where, name, values);
  return values;
}

/** Throws a `ShapeError` unless `y` has one entry per row of `x`. */
export function assertSameLength(where: Where, yName: string, yLength: number, rows: number) {
  if (yLength !== rows) {
    throw new ShapeError(
      `${argument(where, yName)} must have one entry per row of 'x' (${rows}), but got ${yLength}.`,
    );
  }
}

/** Reads class labels (integers), checking there is one per row of `x`. */
export function readLabels(where: Where, name: string, y: VectorInput, rows?: number): Int32Array {
  const values = readVector(where, name, y);
  if (rows !== undefined) assertSameLength(where, name, values.length, rows);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || Math.abs(v) > 2 ** 31 - 1) {
      throw new ValueError(
        `${argument(where, name)} must contain integer class labels, but entry ${i} is ${v}.`,
      );
    }
  }
  return Int32Array.from(values);
}

/** Class labels as codes 0..k-1 into the sorted distinct labels. */
export interface EncodedLabels {
  /** The distinct labels, ascending. */
  readonly classes: Int32Array;
  /** For each sample, the index of its label in `classes`. */
  readonly codes: Int32Array;
}

/** Maps labels to codes 0..k-1 in ascending label order. */
export function encodeLabels(labels: Int32Array): EncodedLabels {
  const classes = Int32Array.from(new Set(labels)).sort();
  const index = new Map<number, number>();
  classes.forEach((c, i) => {
    index.set(c, i);
  });
  const codes = labels.map((v) => index.get(v) as number);
  return { classes, codes };
}

/** Throws a `ValueError` unless there are at least two classes to tell apart. */
export function assertTwoClasses(where: Where, name: string, classes: Int32Array) {
  if (classes.length < 2) {
    throw new ValueError(
      `${argument(where, name)} must contain at least 2 classes, but got only ${classes.length} (${Array.from(classes).join(', ')}).`,
    );
  }
}

/** Returns `value` or throws a `NotFittedError` naming the method called too early. */
export function fitted<T>(where: Where, value: T | undefined): T {
  if (value === undefined) {
    throw new NotFittedError(`'${where}' was called before 'fit': fit the estimator first.`);
  }
  return value;
}

/** Rows of a float64 matrix as typed arrays, the plain output of `predictProba`. */
export function toRows(data: ArrayLike<number>, rows: number, cols: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < rows; i++) {
    const row = new Float64Array(cols);
    for (let j = 0; j < cols; j++) row[j] = data[i * cols + j] as number;
    out.push(row);
  }
  return out;
}

/** A matrix given as rows (not a tensor). */
export type RowsInput =
  | readonly (readonly number[])[]
  | readonly Float32Array[]
  | readonly Float64Array[];

/**
 * Returns a transform's result in the kind of its input: a new float32 tensor for a tensor,
 * plain rows of numbers for rows.
 */
export function sameKind(x: MatrixInput, result: Dense): tf.Tensor2D | number[][] {
  if (x instanceof tf.Tensor)
    return tf.tensor2d(Float32Array.from(result.data), [result.rows, result.cols]);
  const out: number[][] = [];
  for (let i = 0; i < result.rows; i++) {
    out.push(Array.from(result.data.subarray(i * result.cols, (i + 1) * result.cols)));
  }
  return out;
}
