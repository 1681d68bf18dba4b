import * as tf from '@tensorflow/tfjs-core';
import {
  assertColumns,
  type Dense,
  type MatrixInput,
  matrixTensor,
  readMatrix,
  sameKind,
} from '../input';

/** Per-column mean, population variance, minimum and maximum. */
export interface ColumnStats {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

function denseStats(m: Dense): ColumnStats {
  const { rows, cols, data } = m;
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  const min = new Float64Array(cols).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j] as number;
      mean[j] = (mean[j] as number) + v;
      if (v < (min[j] as number)) min[j] = v;
      if (v > (max[j] as number)) max[j] = v;
    }
  }
  for (let j = 0; j < cols; j++) mean[j] = (mean[j] as number) / rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++)
      variance[j] =
        (variance[j] as number) + ((data[i * cols + j] as number) - (mean[j] as number)) ** 2;
  }
  for (let j = 0; j < cols; j++) variance[j] = (variance[j] as number) / rows;
  return { mean, variance, min, max };
}

/**
 * Column statistics of a matrix input: in float64 for rows, with tensor ops on the active
 * backend for a tensor (large data stays off the JavaScript heap).
 */
export function columnStats(where: string, x: MatrixInput): ColumnStats {
  if (!(x instanceof tf.Tensor)) return denseStats(readMatrix(where, 'x', x));
  const t = matrixTensor(where, 'x', x);
  const parts = tf.tidy(() => {
    const { mean, variance } = tf.moments(t, 0);
    return [mean, variance, tf.min(t, 0), tf.max(t, 0)];
  });
  t.dispose();
  const [mean, variance, min, max] = parts.map((p) => Float64Array.from(p.dataSync()));
  tf.dispose(parts);
  return { mean: mean!, variance: variance!, min: min!, max: max! };
}

/**
 * (x - shift) / scale column by column (or x · scale + shift when `inverse`), returned in
 * the kind of `x`: a new tensor for a tensor, rows of numbers for rows.
 */
export function columnAffine(
  where: string,
  x: MatrixInput,
  shift: Float64Array,
  scale: Float64Array,
  inverse = false,
): tf.Tensor2D | number[][] {
  if (x instanceof tf.Tensor) {
    assertColumns(where, 'x', x.shape, shift.length);
    const t = matrixTensor(where, 'x', x);
    const out = tf.tidy(() => {
      const s = tf.tensor1d(Float32Array.from(shift));
      const c = tf.tensor1d(Float32Array.from(scale));
      return (inverse ? t.mul(c).add(s) : t.sub(s).div(c)) as tf.Tensor2D;
    });
    t.dispose();
    return out;
  }
  const m = readMatrix(where, 'x', x);
  assertColumns(where, 'x', [m.rows, m.cols], shift.length);
  const data = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const v = m.data[i * m.cols + j] as number;
      data[i * m.cols + j] = inverse
        ? v * (scale[j] as number) + (shift[j] as number)
        : (v - (shift[j] as number)) / (scale[j] as number);
    }
  }
  return sameKind(x, { data, rows: m.rows, cols: m.cols });
}
