import {
  assertColumns,
  assertSameLength,
  type Dense,
  type MatrixInput,
  readMatrix,
  readVector,
  type VectorInput,
} from '../input';
import { r2 } from '../metrics/regression';

/** Data centred column by column, with the means needed to recover an intercept. */
export interface Centered {
  readonly x: Dense;
  readonly y: Float64Array;
  readonly xMean: Float64Array;
  readonly yMean: number;
}

/**
 * Subtracts the column means of x and the mean of y (when `fitIntercept`), so the
 * intercept drops out of the solve and is never penalised.
 */
export function center(x: Dense, y: Float64Array, fitIntercept: boolean): Centered {
  const { rows, cols } = x;
  const xMean = new Float64Array(cols);
  let yMean = 0;
  if (fitIntercept) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++)
        xMean[j] = (xMean[j] as number) + (x.data[i * cols + j] as number);
      yMean += y[i] as number;
    }
    for (let j = 0; j < cols; j++) xMean[j] = (xMean[j] as number) / rows;
    yMean /= rows;
  }
  const data = new Float64Array(rows * cols);
  const yc = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++)
      data[i * cols + j] = (x.data[i * cols + j] as number) - (xMean[j] as number);
    yc[i] = (y[i] as number) - yMean;
  }
  return { x: { data, rows, cols }, y: yc, xMean, yMean };
}

/** The intercept that goes with `coef` fitted on centred data. */
export function interceptFor(c: Centered, coef: Float64Array): number {
  let s = c.yMean;
  for (let j = 0; j < coef.length; j++) s -= (c.xMean[j] as number) * (coef[j] as number);
  return s;
}

/** Reads and checks the training data of a regressor. */
export function readRegressionData(
  where: string,
  x: MatrixInput,
  y: VectorInput,
): { x: Dense; y: Float64Array } {
  const xs = readMatrix(where, 'x', x);
  const ys = readVector(where, 'y', y);
  assertSameLength(where, 'y', ys.length, xs.rows);
  return { x: xs, y: ys };
}

/** x · coef + intercept for every row of x. */
export function predictLinear(
  where: string,
  x: MatrixInput,
  coef: Float64Array,
  intercept: number,
): Float64Array {
  const xs = readMatrix(where, 'x', x);
  assertColumns(where, 'x', [xs.rows, xs.cols], coef.length);
  const out = new Float64Array(xs.rows);
  for (let i = 0; i < xs.rows; i++) {
    let s = intercept;
    for (let j = 0; j < xs.cols; j++)
      s += (xs.data[i * xs.cols + j] as number) * (coef[j] as number);
    out[i] = s;
  }
  return out;
}

/** R² of a linear model's predictions on (x, y). */
export function scoreLinear(
  where: string,
  x: MatrixInput,
  y: VectorInput,
  coef: Float64Array,
  intercept: number,
): number {
  const yt = readVector(where, 'y', y);
  const yp = predictLinear(where, x, coef, intercept);
  assertSameLength(where, 'y', yt.length, yp.length);
  return r2(yt, yp);
}
