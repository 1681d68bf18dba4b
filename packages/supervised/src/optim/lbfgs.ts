/** A differentiable objective: its value and gradient at `theta`. */
export type Objective = (theta: Float64Array) => Promise<{ value: number; gradient: Float64Array }>;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Most iterations (line searches). */
  readonly maxIter: number;
  /** Stop when the largest gradient entry is at most this (scikit-learn's `tol` for lbfgs). */
  readonly tol: number;
  /** Correction pairs kept. Default 10. */
  readonly memory?: number;
}

/** The result of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  readonly theta: Float64Array;
  readonly value: number;
  readonly nIter: number;
  /** Whether the gradient test passed (or no further decrease was possible) before `maxIter`. */
  readonly converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** The L-BFGS direction -H·g by the two-loop recursion over the stored pairs. */
function direction(
  g: Float64Array,
  s: Float64Array[],
  y: Float64Array[],
  rho: number[],
): Float64Array {
  const q = Float64Array.from(g);
  const alpha = new Array<number>(s.length);
  for (let i = s.length - 1; i >= 0; i--) {
    const a = (rho[i] as number) * dot(s[i] as Float64Array, q);
    alpha[i] = a;
    const yi = y[i] as Float64Array;
    for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) - a * (yi[j] as number);
  }
  if (s.length > 0) {
    const last = s.length - 1;
    const gamma =
      dot(s[last] as Float64Array, y[last] as Float64Array) /
      dot(y[last] as Float64Array, y[last] as Float64Array);
    for (let j = 0; j < q.length; j++) q[j] = (q[j] as number) * gamma;
  }
  for (let i = 0; i < s.length; i++) {
    const b = (rho[i] as number) * dot(y[i] as Float64Array, q);
    const si = s[i] as Float64Array;
    for (let j = 0; j < q.length; j++)
      q[j] = (q[j] as number) + ((alpha[i] as number) - b) * (si[j] as number);
  }
  for (let j = 0; j < q.length; j++) q[j] = -(q[j] as number);
  return q;
}

/**
 * Minimises a smooth function by L-BFGS with a backtracking (Armijo) line search, in
 * float64. Stops when the largest gradient entry is at most `tol`, when a line search
 * can no longer decrease the value (the precision floor), or after `maxIter` iterations.
 */
export async function minimizeLbfgs(
  objective: Objective,
  theta0: Float64Array,
  options: LbfgsOptions,
): Promise<LbfgsResult> {
  const memory = options.memory ?? 10;
  let theta: Float64Array = Float64Array.from(theta0);
  let { value, gradient } = await objective(theta);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  for (let iter = 0; iter < options.maxIter; iter++) {
    if (maxAbs(gradient) <= options.tol) return { theta, value, nIter: iter, converged: true };
    let d = direction(gradient, sList, yList, rho);
    let slope = dot(gradient, d);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      sList.length = yList.length = rho.length = 0;
      d = gradient.map((v) => -v);
      slope = dot(gradient, d);
    }
    let step = sList.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let accepted: { theta: Float64Array; value: number; gradient: Float64Array } | undefined;
    for (let tries = 0; tries < 40; tries++) {
      const candidate = theta.map((v, j) => v + step * (d[j] as number));
      const next = await objective(candidate);
      if (Number.isFinite(next.value) && next.value <= value + 1e-4 * step * slope) {
        accepted = { theta: candidate, ...next };
        break;
      }
      step *= 0.5;
    }
    if (accepted === undefined) return { theta, value, nIter: iter, converged: true };
    const s = accepted.theta.map((v, j) => v - (theta[j] as number));
    const y = accepted.gradient.map((v, j) => v - (gradient[j] as number));
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
      if (sList.length > memory) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
    }
    const decrease = value - accepted.value;
    theta = accepted.theta;
    value = accepted.value;
    gradient = accepted.gradient;
    if (decrease <= 64 * Number.EPSILON * Math.max(Math.abs(value), 1)) {
      return { theta, value, nIter: iter + 1, converged: true };
    }
  }
  return { theta, value, nIter: options.maxIter, converged: maxAbs(gradient) <= options.tol };
}
