import { ValueError } from '@gankit/core';

/** Eigenvalues (ascending) and, when asked for, unit eigenvectors of a symmetric matrix. */
export type SymmetricEigen = {
  /** The n eigenvalues, ascending. */
  values: Float64Array;
  /** Row-major n x n; row i is the unit eigenvector of `values[i]`. Absent unless asked for. */
  vectors?: Float64Array;
};

const MAX_SWEEPS = 60;

function frobeniusNorm2(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) ** 2;
  return s;
}

/**
 * Rotates rows and columns p, q of the symmetric `a` (and rows p, q of the transposed
 * eigenvector matrix `vt`) so that `a[p][q]` becomes 0: `a ← Jᵀ a J` with the Jacobi rotation
 * J of angle θ, `cot 2θ = (a_qq - a_pp) / (2 a_pq)`. Rows are updated where they lie
 * contiguously in memory and copied to the columns, which keeps the loop cache-friendly.
 */
function rotate(a: Float64Array, vt: Float64Array | null, n: number, p: number, q: number): void {
  const pn = p * n;
  const qn = q * n;
  const apq = a[pn + q] as number;
  const app = a[pn + p] as number;
  const aqq = a[qn + q] as number;
  const theta = (aqq - app) / (2 * apq);
  // The smaller root of t² + 2θt - 1 = 0, written to avoid cancellation.
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[pn + k] as number;
    const akq = a[qn + k] as number;
    const newP = c * akp - s * akq;
    const newQ = s * akp + c * akq;
    a[pn + k] = newP;
    a[qn + k] = newQ;
    a[k * n + p] = newP;
    a[k * n + q] = newQ;
  }
  a[pn + p] = app - t * apq;
  a[qn + q] = aqq + t * apq;
  a[pn + q] = 0;
  a[qn + p] = 0;
  if (vt === null) return;
  for (let k = 0; k < n; k++) {
    const vkp = vt[pn + k] as number;
    const vkq = vt[qn + k] as number;
    vt[pn + k] = c * vkp - s * vkq;
    vt[qn + k] = s * vkp + c * vkq;
  }
}

function sortAscending(a: Float64Array, vt: Float64Array | null, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (a[i * n + i] as number) - (a[j * n + j] as number),
  );
  const values = Float64Array.from(order, (i) => a[i * n + i] as number);
  if (vt === null) return { values };
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    vectors.set(vt.subarray(from * n, from * n + n), to * n);
  });
  return { values, vectors };
}

/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: sweeps of plane
 * rotations, each zeroing one off-diagonal entry, until a sweep finds every off-diagonal entry
 * negligible (convergence is quadratic; about 6-10 sweeps). Accurate to working
 * precision even for tiny eigenvalues, which is what a covariance square root needs.
 *
 * @param matrix row-major `n x n`, symmetric (only read; the upper triangle is trusted).
 * @param n the dimension.
 * @param withVectors also return eigenvectors (about twice the work).
 */
export function symmetricEigen(
  matrix: ArrayLike<number>,
  n: number,
  withVectors = true,
): SymmetricEigen {
  if (matrix.length !== n * n) {
    throw new ValueError(
      `Argument 'matrix' passed to 'symmetricEigen' must have ${n} x ${n} = ${n * n} entries, but got ${matrix.length}.`,
    );
  }
  const a = Float64Array.from(matrix);
  // Symmetrise from the upper triangle so both halves agree exactly.
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) a[q * n + p] = a[p * n + q] as number;
  }
  let vt: Float64Array | null = null;
  if (withVectors) {
    vt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  }
  // An entry is negligible below 1e-17 of the matrix's norm, or below 1e-16 of the geometric
  // mean of its two diagonal entries (it then moves the eigenvalues by less than rounding).
  const absolute = 1e-17 * Math.sqrt(frobeniusNorm2(a));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = Math.abs(a[p * n + q] as number);
        const diagonal = Math.sqrt(Math.abs((a[p * n + p] as number) * (a[q * n + q] as number)));
        if (apq <= absolute || apq <= 1e-16 * diagonal) continue;
        rotate(a, vt, n, p, q);
        rotated = true;
      }
    }
    if (!rotated) return sortAscending(a, vt, n);
  }
  throw new ValueError(
    `'symmetricEigen' did not converge in ${MAX_SWEEPS} sweeps; is the matrix finite and symmetric?`,
  );
}
