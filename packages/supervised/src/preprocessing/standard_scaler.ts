import { assertKnownOptions } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { fitted, type MatrixInput, type RowsInput } from '../input';
import { columnAffine, columnStats } from './column_affine';

/** Options of {@link StandardScaler}. */
export interface StandardScalerOptions {
  /** Subtract the column means. Default `true`. */
  withMean?: boolean;
  /** Divide by the column standard deviations. Default `true`. */
  withStd?: boolean;
}

/**
 * Scales each column to mean 0 and standard deviation 1 (population std, like
 * scikit-learn). A constant column is only centred: its scale is 1.
 *
 * ```ts
 * const scaler = new StandardScaler().fit(xTrain);
 * const xs = scaler.transform(xTest);
 * ```
 */
export class StandardScaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  private state?: { mean: Float64Array; scale: Float64Array };

  constructor(options: StandardScalerOptions = {}) {
    assertKnownOptions('StandardScaler', options, ['withMean', 'withStd']);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  /** Learns the column means and standard deviations; returns this. */
  fit(x: MatrixInput): this {
    const stats = columnStats('StandardScaler.fit', x);
    const mean = this.withMean ? stats.mean : new Float64Array(stats.mean.length);
    const scale = stats.variance.map((v) => (this.withStd && v > 0 ? Math.sqrt(v) : 1));
    this.state = { mean, scale };
    return this;
  }

  /** The column means subtracted (zeros when `withMean` is false). */
  get mean(): Float64Array {
    return fitted('StandardScaler.mean', this.state).mean;
  }

  /** The column divisors (ones when `withStd` is false or a column is constant). */
  get scale(): Float64Array {
    return fitted('StandardScaler.scale', this.state).scale;
  }

  /** (x - mean) / scale: a new tensor for a tensor, rows of numbers for rows. */
  transform(x: tf.Tensor2D): tf.Tensor2D;
  transform(x: RowsInput): number[][];
  transform(x: MatrixInput): tf.Tensor2D | number[][] {
    const s = fitted('StandardScaler.transform', this.state);
    return columnAffine('StandardScaler.transform', x, s.mean, s.scale);
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: tf.Tensor2D): tf.Tensor2D;
  fitTransform(x: RowsInput): number[][];
  fitTransform(x: MatrixInput): tf.Tensor2D | number[][] {
    return this.fit(x).transform(x as RowsInput);
  }

  /** x · scale + mean: undoes {@link transform}. */
  inverseTransform(x: tf.Tensor2D): tf.Tensor2D;
  inverseTransform(x: RowsInput): number[][];
  inverseTransform(x: MatrixInput): tf.Tensor2D | number[][] {
    const s = fitted('StandardScaler.inverseTransform', this.state);
    return columnAffine('StandardScaler.inverseTransform', x, s.mean, s.scale, true);
  }
}
