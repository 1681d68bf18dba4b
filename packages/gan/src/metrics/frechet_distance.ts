import { ShapeError, ValueError } from '@gankit/core';
import { readSquare, readVector, type SquareMatrixInput, type VectorInput } from './arrays';
import { symmetricEigen } from './symmetric_eigen';

/** `c = a b` for row-major `n x n` matrices (i-k-j order: the inner loop runs along rows). */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ci + k] as number;
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j] = (c[ci + j] as number) + aik * (b[bk + j] as number);
    }
  }
  return c;
}

function assertSymmetric(where: string, name: string, s: Float64Array, n: number): void {
  let scale = 0;
  for (let i = 0; i < s.length; i++) scale = Math.max(scale, Math.abs(s[i] as number));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const gap = Math.abs((s[i * n + j] as number) - (s[j * n + i] as number));
      if (gap > 1e-6 * scale) {
        throw new ValueError(
          `Argument '${name}' passed to '${where}' must be symmetric, but entries [${i}, ${j}] and [${j}, ${i}] differ by ${gap}.`,
        );
      }
    }
  }
}

/**
 * Eigenvalues below `-1e-6 * max|λ|` mean the matrix is not a covariance. Those within
 * `n ε max|λ|` of 0 (ε = 2.2e-16) are rounding of a zero eigenvalue, as a rank-deficient
 * covariance has (fewer samples than features), and are set to 0: their square roots (about
 * 1e-8 of the scale) would otherwise show up in the result.
 */
function clampedEigenvalues(where: string, name: string, values: Float64Array): Float64Array {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  const noise = values.length * 2.2e-16 * largest;
  return values.map((v) => {
    if (v < -1e-6 * largest) {
      throw new ValueError(
        `Argument '${name}' passed to '${where}' must be positive semi-definite, but has eigenvalue ${v}.`,
      );
    }
    return v <= noise ? 0 : v;
  });
}

/** `S^{1/2} = V diag(sqrt λ) Vᵀ` from the symmetric eigen-decomposition of `S`. */
function symmetricSqrt(where: string, name: string, s: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(s, n, true);
  const roots = clampedEigenvalues(where, name, values).map(Math.sqrt);
  const v = vectors as Float64Array; // row i is eigenvector i
  // (V diag(r) Vᵀ)_jk = Σ_i r_i v_ij v_ik: accumulate one rank-1 term per eigenvector.
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const r = roots[i] as number;
    if (r === 0) continue;
    const vi = i * n;
    for (let j = 0; j < n; j++) {
      const w = r * (v[vi + j] as number);
      if (w === 0) continue;
      const row = j * n;
      for (let k = 0; k < n; k++)
        out[row + k] = (out[row + k] as number) + w * (v[vi + k] as number);
    }
  }
  return out;
}

/**
 * `tr((Σ₁ Σ₂)^{1/2})`, computed stably: with `A = Σ₁^{1/2} Σ₂ Σ₁^{1/2}` (symmetric positive
 * semi-definite, and similar to `Σ₁ Σ₂`), it is `Σ_i sqrt(λ_i(A))`. Two symmetric
 * eigen-decompositions, no non-symmetric square root and no complex rounding residue.
 */
export function traceSqrtProduct(
  sigma1: Float64Array,
  sigma2: Float64Array,
  n: number,
  where = 'traceSqrtProduct',
): number {
  const root1 = symmetricSqrt(where, 'sigma1', sigma1, n);
  const a = multiply(multiply(root1, sigma2, n), root1, n);
  const { values } = symmetricEigen(a, n, false);
  let trace = 0;
  for (const v of clampedEigenvalues(where, 'sigma2', values)) trace += Math.sqrt(v);
  return trace;
}

/**
 * The Fréchet (2-Wasserstein) distance between the Gaussians N(μ₁, Σ₁) and N(μ₂, Σ₂), the
 * quantity behind FID (Heusel et al. 2017) and, on a classifier's features, the Fréchet
 * classifier distance:
 *
 * `d² = ‖μ₁ - μ₂‖² + tr(Σ₁) + tr(Σ₂) - 2 tr((Σ₁ Σ₂)^{1/2})`
 *
 * The matrix square root term comes from symmetric eigen-decompositions (see
 * {@link traceSqrtProduct}), in float64. Like FID this returns `d²`, not `d`; rounding below 0
 * is returned as 0. Measured cost (2-core machine): see the package README.
 *
 * @param mu1 mean, length d (array, typed array or rank-1 tensor).
 * @param sigma1 covariance `d x d` (array of rows, rank-2 tensor, or flat row-major d² array);
 *   symmetric and positive semi-definite (checked).
 * @param mu2 second mean, length d.
 * @param sigma2 second covariance, `d x d`.
 * @returns the squared Fréchet distance, a number >= 0.
 */
export function frechetDistance(
  mu1: VectorInput,
  sigma1: SquareMatrixInput,
  mu2: VectorInput,
  sigma2: SquareMatrixInput,
): number {
  const where = 'frechetDistance';
  const m1 = readVector(where, 'mu1', mu1);
  const m2 = readVector(where, 'mu2', mu2);
  const d = m1.length;
  if (d === 0 || m2.length !== d) {
    throw new ShapeError(
      `Arguments 'mu1' and 'mu2' passed to '${where}' must be non-empty vectors of the same length, but got lengths ${m1.length} and ${m2.length}.`,
    );
  }
  const s1 = readSquare(where, 'sigma1', sigma1, d);
  const s2 = readSquare(where, 'sigma2', sigma2, d);
  assertSymmetric(where, 'sigma1', s1, d);
  assertSymmetric(where, 'sigma2', s2, d);
  let meanTerm = 0;
  let traces = 0;
  for (let i = 0; i < d; i++) {
    meanTerm += ((m1[i] as number) - (m2[i] as number)) ** 2;
    traces += (s1[i * d + i] as number) + (s2[i * d + i] as number);
  }
  return Math.max(0, meanTerm + traces - 2 * traceSqrtProduct(s1, s2, d, where));
}
