import { assertKnownOptions, assertNumberInRange, ValueError } from '@gankit/core';
import type { Dense } from '../input';
import { fitted, type MatrixInput, type VectorInput } from '../input';
import { choleskySolve } from '../linalg/cholesky';
import {
  center,
  interceptFor,
  predictLinear,
  readRegressionData,
  scoreLinear,
} from './linear_model';

/** Options of {@link Ridge}. */
export interface RidgeOptions {
  /** Strength of the L2 penalty alpha·||w||² (the intercept is not penalised). Default 1. */
  alpha?: number;
  /** Fit an unpenalised intercept. Default `true`. */
  fitIntercept?: boolean;
}

/** XᵀX + alpha·I and Xᵀy of a float64 design. */
function normalEquations(
  x: Dense,
  y: Float64Array,
  alpha: number,
): { a: Float64Array; b: Float64Array } {
  const { rows, cols, data } = x;
  const a = new Float64Array(cols * cols);
  const b = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    const yi = y[i] as number;
    for (let j = 0; j < cols; j++) {
      const xj = data[off + j] as number;
      b[j] = (b[j] as number) + xj * yi;
      for (let k = j; k < cols; k++)
        a[j * cols + k] = (a[j * cols + k] as number) + xj * (data[off + k] as number);
    }
  }
  for (let j = 0; j < cols; j++) {
    a[j * cols + j] = (a[j * cols + j] as number) + alpha;
    for (let k = 0; k < j; k++) a[j * cols + k] = a[k * cols + j] as number;
  }
  return { a, b };
}

/**
 * Ridge regression: minimises ||X w + b - y||² + alpha·||w||², solved exactly by Cholesky
 * on the regularised normal equations. With alpha > 0 the system is positive definite,
 * so collinear or duplicated columns (and more columns than rows) are fine.
 *
 * ```ts
 * const model = new Ridge({ alpha: 0.1 }).fit(x, y);
 * model.predict(xNew);
 * ```
 */
export class Ridge {
  readonly alpha: number;
  readonly fitIntercept: boolean;
  private state?: { coef: Float64Array; intercept: number };

  constructor(options: RidgeOptions = {}) {
    assertKnownOptions('Ridge', options, ['alpha', 'fitIntercept']);
    this.alpha = assertNumberInRange('Ridge', 'alpha', options.alpha ?? 1, 0);
    this.fitIntercept = options.fitIntercept ?? true;
  }

  /** Fits the coefficients to rows `x` and targets `y`; returns this. */
  fit(x: MatrixInput, y: VectorInput): this {
    const where = 'Ridge.fit';
    const data = readRegressionData(where, x, y);
    const c = center(data.x, data.y, this.fitIntercept);
    const { a, b } = normalEquations(c.x, c.y, this.alpha);
    const coef = choleskySolve(a, b, c.x.cols);
    if (coef === undefined) {
      throw new ValueError(
        `Argument 'x' passed to '${where}' is rank-deficient and 'alpha' is ${this.alpha}: XᵀX + alpha·I is singular. Use alpha > 0.`,
      );
    }
    this.state = { coef, intercept: interceptFor(c, coef) };
    return this;
  }

  /** The fitted coefficients, one per column of x. */
  get coef(): Float64Array {
    return fitted('Ridge.coef', this.state).coef;
  }

  /** The fitted intercept (0 when `fitIntercept` is false). */
  get intercept(): number {
    return fitted('Ridge.intercept', this.state).intercept;
  }

  /** Predictions x · coef + intercept. */
  predict(x: MatrixInput): Float64Array {
    const s = fitted('Ridge.predict', this.state);
    return predictLinear('Ridge.predict', x, s.coef, s.intercept);
  }

  /** R² of the predictions on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const s = fitted('Ridge.score', this.state);
    return scoreLinear('Ridge.score', x, y, s.coef, s.intercept);
  }
}
