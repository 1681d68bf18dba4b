import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  assertOneOf,
  ValueError,
} from '@gankit/core';
import { fitted, type MatrixInput, type VectorInput } from '../input';
import { leastSquares } from '../linalg/least_squares';
import { leastSquaresGradientDescent } from './gradient_descent';
import {
  center,
  interceptFor,
  predictLinear,
  readRegressionData,
  scoreLinear,
} from './linear_model';

/** How {@link LinearRegression} solves for its coefficients. */
export type LinearRegressionSolver = 'qr' | 'gradient-descent';

/** Options of {@link LinearRegression}. */
export interface LinearRegressionOptions {
  /** Fit an intercept (on centred data, so it is exact). Default `true`. */
  fitIntercept?: boolean;
  /** `'qr'` (default): the exact least-squares solution by Householder QR. `'gradient-descent'`: full-batch gradient descent. */
  solver?: LinearRegressionSolver;
  /** Gradient descent only: step size. Default 1/L (L the largest eigenvalue of XᵀX/n), which always converges. */
  learningRate?: number;
  /** Gradient descent only: most steps. Default 10000. */
  maxIter?: number;
  /** Gradient descent only: stop when the gradient norm has shrunk by this factor. Default 1e-10. */
  tol?: number;
}

const OPTIONS = ['fitIntercept', 'solver', 'learningRate', 'maxIter', 'tol'];

/**
 * Ordinary least squares: minimises ||X w + b - y||². The default solver is Householder QR
 * in float64, exact to rounding; a design whose columns are linearly dependent has no
 * unique solution and is rejected with a `ValueError` (use {@link Ridge} there).
 *
 * ```ts
 * const model = new LinearRegression().fit([[1], [2], [3]], [3, 5, 7]);
 * model.coef; // Float64Array [2], model.intercept === 1
 * ```
 */
export class LinearRegression {
  readonly fitIntercept: boolean;
  readonly solver: LinearRegressionSolver;
  readonly learningRate: number | undefined;
  readonly maxIter: number;
  readonly tol: number;
  private state?: { coef: Float64Array; intercept: number; nIter: number; converged: boolean };

  constructor(options: LinearRegressionOptions = {}) {
    const where = 'LinearRegression';
    assertKnownOptions(where, options, OPTIONS);
    this.fitIntercept = options.fitIntercept ?? true;
    this.solver = assertOneOf(where, 'solver', options.solver ?? 'qr', ['qr', 'gradient-descent']);
    this.learningRate =
      options.learningRate === undefined
        ? undefined
        : assertNumberInRange(where, 'learningRate', options.learningRate, Number.MIN_VALUE);
    this.maxIter = assertInteger(where, 'maxIter', options.maxIter ?? 10000);
    this.tol = assertNumberInRange(where, 'tol', options.tol ?? 1e-10, 0);
  }

  /** Fits the coefficients to rows `x` and targets `y`; returns this. */
  fit(x: MatrixInput, y: VectorInput): this {
    const where = 'LinearRegression.fit';
    const data = readRegressionData(where, x, y);
    const c = center(data.x, data.y, this.fitIntercept);
    if (this.solver === 'qr') {
      const result = leastSquares(c.x, c.y);
      if (!result.ok) throw rankDeficient(where, result.dependentColumn, this.fitIntercept);
      this.state = {
        coef: result.solution,
        intercept: interceptFor(c, result.solution),
        nIter: 1,
        converged: true,
      };
      return this;
    }
    const gd = leastSquaresGradientDescent(c.x, c.y, {
      learningRate: this.learningRate,
      maxIter: this.maxIter,
      tol: this.tol,
    });
    if (!gd.solution.every(Number.isFinite)) {
      throw new ValueError(
        `Gradient descent diverged in '${where}': argument 'learningRate' (${this.learningRate}) is too large; lower it or leave it unset.`,
      );
    }
    this.state = {
      coef: gd.solution,
      intercept: interceptFor(c, gd.solution),
      nIter: gd.nIter,
      converged: gd.converged,
    };
    return this;
  }

  /** The fitted coefficients, one per column of x. */
  get coef(): Float64Array {
    return fitted('LinearRegression.coef', this.state).coef;
  }

  /** The fitted intercept (0 when `fitIntercept` is false). */
  get intercept(): number {
    return fitted('LinearRegression.intercept', this.state).intercept;
  }

  /** Gradient-descent steps taken (1 for QR). */
  get nIter(): number {
    return fitted('LinearRegression.nIter', this.state).nIter;
  }

  /** Whether gradient descent met `tol` within `maxIter` (always true for QR). */
  get converged(): boolean {
    return fitted('LinearRegression.converged', this.state).converged;
  }

  /** Predictions x · coef + intercept. */
  predict(x: MatrixInput): Float64Array {
    const s = fitted('LinearRegression.predict', this.state);
    return predictLinear('LinearRegression.predict', x, s.coef, s.intercept);
  }

  /** R² of the predictions on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const s = fitted('LinearRegression.score', this.state);
    return scoreLinear('LinearRegression.score', x, y, s.coef, s.intercept);
  }
}

function rankDeficient(where: string, column: number, fitIntercept: boolean): ValueError {
  const others = fitIntercept ? 'the intercept and the columns before it' : 'the columns before it';
  return new ValueError(
    `Argument 'x' passed to '${where}' is rank-deficient: column ${column} is a linear combination of ${others}, so the least-squares solution is not unique. Remove the dependent column or use Ridge (alpha > 0).`,
  );
}
