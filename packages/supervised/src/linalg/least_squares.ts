import type { Dense } from '../input';

/** The result of {@link leastSquares}: a solution, or the first column that made the design rank-deficient. */
export type LeastSquaresResult =
  | { readonly ok: true; readonly solution: Float64Array }
  | { readonly ok: false; readonly dependentColumn: number };

/**
 * A column counts as dependent when the part of it orthogonal to the columns before it is
 * smaller than this fraction of its norm: far above float64 rounding (1e-16), far below
 * any real signal.
 */
const DEPENDENCE_TOLERANCE = 1e-10;

/**
 * Solves min ||A w - b|| by Householder QR in float64, which avoids squaring the condition
 * number as the normal equations do. Reports the first column that is (to 1e-10) a linear
 * combination of the columns before it instead of returning a meaningless solution.
 */
export function leastSquares(a: Dense, b: Float64Array): LeastSquaresResult {
  const { rows: m, cols: p } = a;
  const r = Float64Array.from(a.data);
  const qtb = Float64Array.from(b);
  const v = new Float64Array(m);
  for (let k = 0; k < p; k++) {
    const originalNorm = columnNorm(a.data, m, p, k, 0);
    const norm = columnNorm(r, m, p, k, k);
    if (k >= m || norm <= DEPENDENCE_TOLERANCE * originalNorm || originalNorm === 0) {
      return { ok: false, dependentColumn: k };
    }
    const x0 = r[k * p + k] as number;
    const alpha = x0 > 0 ? -norm : norm;
    let vNorm2 = 0;
    for (let i = k; i < m; i++) {
      const vi = (r[i * p + k] as number) - (i === k ? alpha : 0);
      v[i] = vi;
      vNorm2 += vi * vi;
    }
    reflectColumns(r, v, vNorm2, m, p, k);
    reflectVector(qtb, v, vNorm2, m, k);
  }
  return { ok: true, solution: backSubstitute(r, qtb, p) };
}

function columnNorm(data: Float64Array, m: number, p: number, col: number, from: number): number {
  let s = 0;
  for (let i = from; i < m; i++) {
    const x = data[i * p + col] as number;
    s += x * x;
  }
  return Math.sqrt(s);
}

/** Applies I - 2 v vᵀ / (vᵀv) to columns k.. of rows k.. of `r`. */
function reflectColumns(
  r: Float64Array,
  v: Float64Array,
  vNorm2: number,
  m: number,
  p: number,
  k: number,
) {
  for (let j = k; j < p; j++) {
    let dot = 0;
    for (let i = k; i < m; i++) dot += (v[i] as number) * (r[i * p + j] as number);
    const f = (2 * dot) / vNorm2;
    for (let i = k; i < m; i++) r[i * p + j] = (r[i * p + j] as number) - f * (v[i] as number);
  }
}

function reflectVector(b: Float64Array, v: Float64Array, vNorm2: number, m: number, k: number) {
  let dot = 0;
  for (let i = k; i < m; i++) dot += (v[i] as number) * (b[i] as number);
  const f = (2 * dot) / vNorm2;
  for (let i = k; i < m; i++) b[i] = (b[i] as number) - f * (v[i] as number);
}

/** Solves the upper-triangular system R[0:p, 0:p] w = c[0:p]. */
function backSubstitute(r: Float64Array, c: Float64Array, p: number): Float64Array {
  const w = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = c[i] as number;
    for (let j = i + 1; j < p; j++) s -= (r[i * p + j] as number) * (w[j] as number);
    w[i] = s / (r[i * p + i] as number);
  }
  return w;
}
