/**
 * Solves A w = b for a symmetric positive-definite d×d matrix A (row-major, float64) by
 * Cholesky factorisation A = L Lᵀ. Returns `undefined` when A is not numerically
 * positive definite (a pivot at or below 1e-12 of the largest diagonal entry).
 */
export function choleskySolve(
  a: Float64Array,
  b: Float64Array,
  d: number,
): Float64Array | undefined {
  const l = new Float64Array(d * d);
  let maxDiagonal = 0;
  for (let i = 0; i < d; i++) maxDiagonal = Math.max(maxDiagonal, a[i * d + i] as number);
  const tolerance = 1e-12 * maxDiagonal;
  for (let j = 0; j < d; j++) {
    let pivot = a[j * d + j] as number;
    for (let k = 0; k < j; k++) pivot -= (l[j * d + k] as number) ** 2;
    if (!(pivot > tolerance)) return undefined;
    const ljj = Math.sqrt(pivot);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = a[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * d + k] as number) * (l[j * d + k] as number);
      l[i * d + j] = s / ljj;
    }
  }
  const z = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (z[k] as number);
    z[i] = s / (l[i * d + i] as number);
  }
  const w = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i] as number;
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (w[k] as number);
    w[i] = s / (l[i * d + i] as number);
  }
  return w;
}
