import type { Dense } from '../input';

/** Options of {@link leastSquaresGradientDescent}. */
export interface GradientDescentOptions {
  /** Step size; default 1/L with L the largest eigenvalue of XᵀX/n, which always converges. */
  readonly learningRate?: number;
  readonly maxIter: number;
  /** Stop when the gradient norm falls below `tol` times its starting value. */
  readonly tol: number;
}

/** The result of {@link leastSquaresGradientDescent}. */
export interface GradientDescentResult {
  readonly solution: Float64Array;
  readonly nIter: number;
  readonly converged: boolean;
}

/** Xᵀ(X w) / n, the Hessian-vector product of the least-squares loss. */
function normalProduct(x: Dense, w: Float64Array): Float64Array {
  const { rows, cols, data } = x;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += (data[i * cols + j] as number) * (w[j] as number);
    for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + s * (data[i * cols + j] as number);
  }
  for (let j = 0; j < cols; j++) out[j] = (out[j] as number) / rows;
  return out;
}

function norm(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/** The largest eigenvalue of XᵀX/n by power iteration: the loss gradient's Lipschitz constant. */
export function largestEigenvalue(x: Dense, iterations = 100): number {
  let v = new Float64Array(x.cols).map((_, j) => 1 + j / x.cols);
  let lambda = 0;
  for (let t = 0; t < iterations; t++) {
    const w = normalProduct(x, v);
    lambda = norm(w);
    if (lambda === 0) return 0;
    v = w.map((a) => a / lambda);
  }
  return lambda;
}

/**
 * Minimises ||X w - y||² / (2n) by full-batch gradient descent in float64, stopping when
 * the gradient has shrunk by `tol` or after `maxIter` steps.
 */
export function leastSquaresGradientDescent(
  x: Dense,
  y: Float64Array,
  options: GradientDescentOptions,
): GradientDescentResult {
  const { rows, cols, data } = x;
  const xty = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++)
      xty[j] = (xty[j] as number) + (data[i * cols + j] as number) * (y[i] as number);
  }
  for (let j = 0; j < cols; j++) xty[j] = (xty[j] as number) / rows;
  const step = options.learningRate ?? 1 / Math.max(largestEigenvalue(x), Number.MIN_VALUE);
  const w = new Float64Array(cols);
  const start = Math.max(norm(xty), Number.MIN_VALUE);
  for (let t = 1; t <= options.maxIter; t++) {
    const g = normalProduct(x, w);
    for (let j = 0; j < cols; j++) g[j] = (g[j] as number) - (xty[j] as number);
    if (norm(g) <= options.tol * start) return { solution: w, nIter: t - 1, converged: true };
    for (let j = 0; j < cols; j++) w[j] = (w[j] as number) - step * (g[j] as number);
  }
  return { solution: w, nIter: options.maxIter, converged: false };
}
