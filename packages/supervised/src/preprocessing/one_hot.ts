import { assertInteger, assertKnownOptions, assertOneOf, ValueError } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import {
  assertColumns,
  fitted,
  type MatrixInput,
  type RowsInput,
  readLabels,
  readMatrix,
  sameKind,
  type VectorInput,
} from '../input';

/**
 * One-hot rows for integer class labels in [0, nClasses): label 2 of 4 becomes [0, 0, 1, 0].
 * `nClasses` defaults to the largest label + 1. Returns rows of numbers.
 */
export function oneHot(labels: VectorInput, nClasses?: number): number[][] {
  const where = 'oneHot';
  const y = readLabels(where, 'labels', labels);
  const k =
    nClasses === undefined ? Math.max(...y) + 1 : assertInteger(where, 'nClasses', nClasses);
  const bad = y.findIndex((v) => v < 0 || v >= k);
  if (bad >= 0) {
    throw new ValueError(
      `Argument 'labels' passed to '${where}' must contain integers in [0, ${k}), but entry ${bad} is ${y[bad]}.`,
    );
  }
  return Array.from(y, (v) => {
    const row = new Array<number>(k).fill(0);
    row[v] = 1;
    return row;
  });
}

/** Options of {@link OneHotEncoder}. */
export interface OneHotEncoderOptions {
  /** A category not seen in `fit`: `'error'` (default) throws, `'ignore'` encodes it as all zeros. */
  handleUnknown?: 'error' | 'ignore';
}

/**
 * Encodes each column of categorical codes (numbers) as one indicator column per category
 * seen in `fit`, categories in ascending order, columns side by side.
 *
 * ```ts
 * new OneHotEncoder().fitTransform([[0, 10], [1, 20], [0, 30]]);
 * // [[1, 0, 1, 0, 0], [0, 1, 0, 1, 0], [1, 0, 0, 0, 1]]
 * ```
 */
export class OneHotEncoder {
  readonly handleUnknown: 'error' | 'ignore';
  private state?: { categories: Float64Array[] };

  constructor(options: OneHotEncoderOptions = {}) {
    assertKnownOptions('OneHotEncoder', options, ['handleUnknown']);
    this.handleUnknown = assertOneOf(
      'OneHotEncoder',
      'handleUnknown',
      options.handleUnknown ?? 'error',
      ['error', 'ignore'],
    );
  }

  /** Learns the categories of every column; returns this. */
  fit(x: MatrixInput): this {
    const m = readMatrix('OneHotEncoder.fit', 'x', x);
    const categories = Array.from({ length: m.cols }, (_, j) => {
      const seen = new Set<number>();
      for (let i = 0; i < m.rows; i++) seen.add(m.data[i * m.cols + j] as number);
      return Float64Array.from(seen).sort();
    });
    this.state = { categories };
    return this;
  }

  /** The categories of each input column, ascending. */
  get categories(): Float64Array[] {
    return fitted('OneHotEncoder.categories', this.state).categories;
  }

  /** The indicator columns: a new tensor for a tensor, rows of numbers for rows. */
  transform(x: tf.Tensor2D): tf.Tensor2D;
  transform(x: RowsInput): number[][];
  transform(x: MatrixInput): tf.Tensor2D | number[][] {
    const where = 'OneHotEncoder.transform';
    const { categories } = fitted(where, this.state);
    const m = readMatrix(where, 'x', x);
    assertColumns(where, 'x', [m.rows, m.cols], categories.length);
    const offsets = [0];
    for (const c of categories) offsets.push((offsets.at(-1) as number) + c.length);
    const width = offsets.at(-1) as number;
    const data = new Float64Array(m.rows * width);
    const lookups = categories.map((c) => new Map(Array.from(c, (v, i) => [v, i])));
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < m.cols; j++) {
        const v = m.data[i * m.cols + j] as number;
        const k = (lookups[j] as Map<number, number>).get(v);
        if (k !== undefined) data[i * width + (offsets[j] as number) + k] = 1;
        else if (this.handleUnknown === 'error') {
          throw new ValueError(
            `Argument 'x' passed to '${where}' has category ${v} in column ${j} (row ${i}), which 'fit' never saw. Pass handleUnknown: 'ignore' to encode it as zeros.`,
          );
        }
      }
    }
    return sameKind(x, { data, rows: m.rows, cols: width });
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: tf.Tensor2D): tf.Tensor2D;
  fitTransform(x: RowsInput): number[][];
  fitTransform(x: MatrixInput): tf.Tensor2D | number[][] {
    return this.fit(x).transform(x as RowsInput);
  }
}
