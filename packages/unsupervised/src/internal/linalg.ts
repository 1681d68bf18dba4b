import { ValueError } from '@gankit/core';

/**
 * Small dense linear algebra in float64 for d x d matrices (covariances, precisions), stored
 * row-major in a `Float64Array` of length d*d. The heavy n x d work runs on tensors elsewhere.
 */

/** Lower-triangular L with L L^T = a. Throws a `ValueError` naming `where` if `a` is not positive definite. */
export function cholesky(a: Float64Array, d: number, where: string): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        if (!(s > 0)) {
          throw new ValueError(
            `'${where}' met a covariance matrix that is not positive definite; increase 'regCovar'.`,
          );
        }
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / (l[j * d + j] as number);
      }
    }
  }
  return l;
}

/** The inverse of a lower-triangular matrix (itself lower-triangular). */
export function invertLower(l: Float64Array, d: number): Float64Array {
  const inv = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    inv[j * d + j] = 1 / (l[j * d + j] as number);
    for (let i = j + 1; i < d; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= (l[i * d + k] as number) * (inv[k * d + j] as number);
      inv[i * d + j] = s / (l[i * d + i] as number);
    }
  }
  return inv;
}

/** The transpose of a d x d matrix. */
export function transposeSquare(a: Float64Array, d: number): Float64Array {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t[j * d + i] = a[i * d + j] as number;
  return t;
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations, sorted by
 * decreasing eigenvalue. `vectors[i]` is the unit eigenvector of `values[i]`.
 */
export function symmetricEigen(
  a: Float64Array,
  d: number,
): { values: Float64Array; vectors: Float64Array[] } {
  const m = Float64Array.from(a);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    if (offDiagonalNorm(m, d) <= 1e-22 * Math.max(diagonalNorm(m, d), 1e-300)) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) rotate(m, v, d, p, q);
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => (m[j * d + j] as number) - (m[i * d + i] as number),
  );
  const values = Float64Array.from(order, (i) => m[i * d + i] as number);
  const vectors = order.map((i) =>
    Float64Array.from({ length: d }, (_, r) => v[r * d + i] as number),
  );
  return { values, vectors };
}

function offDiagonalNorm(m: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) if (i !== j) s += (m[i * d + j] as number) ** 2;
  return s;
}

function diagonalNorm(m: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += (m[i * d + i] as number) ** 2;
  return s;
}

/** One Jacobi rotation zeroing m[p][q], accumulated into the eigenvector matrix v. */
function rotate(m: Float64Array, v: Float64Array, d: number, p: number, q: number): void {
  const apq = m[p * d + q] as number;
  if (apq === 0) return;
  const app = m[p * d + p] as number;
  const aqq = m[q * d + q] as number;
  const theta = (aqq - app) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < d; k++) {
    const mkp = m[k * d + p] as number;
    const mkq = m[k * d + q] as number;
    m[k * d + p] = c * mkp - s * mkq;
    m[k * d + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < d; k++) {
    const mpk = m[p * d + k] as number;
    const mqk = m[q * d + k] as number;
    m[p * d + k] = c * mpk - s * mqk;
    m[q * d + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < d; k++) {
    const vkp = v[k * d + p] as number;
    const vkq = v[k * d + q] as number;
    v[k * d + p] = c * vkp - s * vkq;
    v[k * d + q] = s * vkp + c * vkq;
  }
}
