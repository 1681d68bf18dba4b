import { assertKnownOptions, ValueError } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { fitted, type MatrixInput, type RowsInput } from '../input';
import { columnAffine, columnStats } from './column_affine';

/** Options of {@link MinMaxScaler}. */
export interface MinMaxScalerOptions {
  /** The target range [low, high] of every column. Default [0, 1]. */
  featureRange?: readonly [number, number];
}

/**
 * Maps each column linearly onto `featureRange` using the minimum and maximum seen in
 * `fit`. A constant column maps to the low end of the range (its scale is 1, as in scikit-learn).
 */
export class MinMaxScaler {
  readonly featureRange: readonly [number, number];
  private state?: {
    dataMin: Float64Array;
    dataMax: Float64Array;
    shift: Float64Array;
    scale: Float64Array;
  };

  constructor(options: MinMaxScalerOptions = {}) {
    assertKnownOptions('MinMaxScaler', options, ['featureRange']);
    const range = options.featureRange ?? [0, 1];
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every(Number.isFinite) ||
      !((range[0] as number) < (range[1] as number))
    ) {
      throw new ValueError(
        `Argument 'featureRange' passed to 'MinMaxScaler' must be [low, high] with finite low < high, but got ${JSON.stringify(range)}.`,
      );
    }
    this.featureRange = [range[0], range[1]];
  }

  /** Learns the column minima and maxima; returns this. */
  fit(x: MatrixInput): this {
    const { min, max } = columnStats('MinMaxScaler.fit', x);
    const [low, high] = this.featureRange;
    const width = high - low;
    const scale = min.map((lo, j) =>
      (max[j] as number) > lo ? ((max[j] as number) - lo) / width : 1,
    );
    const shift = min.map((lo, j) => lo - low * (scale[j] as number));
    this.state = { dataMin: min, dataMax: max, shift, scale };
    return this;
  }

  /** The column minima seen in `fit`. */
  get dataMin(): Float64Array {
    return fitted('MinMaxScaler.dataMin', this.state).dataMin;
  }

  /** The column maxima seen in `fit`. */
  get dataMax(): Float64Array {
    return fitted('MinMaxScaler.dataMax', this.state).dataMax;
  }

  /** The scaled data: a new tensor for a tensor, rows of numbers for rows. */
  transform(x: tf.Tensor2D): tf.Tensor2D;
  transform(x: RowsInput): number[][];
  transform(x: MatrixInput): tf.Tensor2D | number[][] {
    const s = fitted('MinMaxScaler.transform', this.state);
    return columnAffine('MinMaxScaler.transform', x, s.shift, s.scale);
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: tf.Tensor2D): tf.Tensor2D;
  fitTransform(x: RowsInput): number[][];
  fitTransform(x: MatrixInput): tf.Tensor2D | number[][] {
    return this.fit(x).transform(x as RowsInput);
  }

  /** Maps scaled data back to the original units. */
  inverseTransform(x: tf.Tensor2D): tf.Tensor2D;
  inverseTransform(x: RowsInput): number[][];
  inverseTransform(x: MatrixInput): tf.Tensor2D | number[][] {
    const s = fitted('MinMaxScaler.inverseTransform', this.state);
    return columnAffine('MinMaxScaler.inverseTransform', x, s.shift, s.scale, true);
  }
}
