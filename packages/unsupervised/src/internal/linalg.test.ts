import { ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { cholesky, invertLower, symmetricEigen } from './linalg';

function multiply(a: Float64Array, b: Float64Array, d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (a[i * d + k] as number) * (b[k * d + j] as number);
      out.push(s);
    }
  }
  return out;
}

describe('small float64 linear algebra', () => {
  const a = new Float64Array([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);

  it('factors a positive-definite matrix (L L^T = A) and inverts L', () => {
    const l = cholesky(a, 3, 'test');
    const lt = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) lt[j * 3 + i] = l[i * 3 + j] as number;
    multiply(l, lt, 3).forEach((v, i) => {
      expect(v).toBeCloseTo(a[i] as number, 12);
    });
    expect(l[0 * 3 + 1]).toBe(0);
    multiply(l, invertLower(l, 3), 3).forEach((v, i) => {
      expect(v).toBeCloseTo(i % 4 === 0 ? 1 : 0, 12);
    });
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => cholesky(new Float64Array([1, 2, 2, 1]), 2, 'GaussianMixture.fit')).toThrow(
      new ValueError(
        "'GaussianMixture.fit' met a covariance matrix that is not positive definite; increase 'regCovar'.",
      ),
    );
  });

  it('finds eigenpairs A v = lambda v, sorted by decreasing eigenvalue', () => {
    // [[2, 1], [1, 2]] has eigenvalues 3 and 1 with vectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2.
    const two = symmetricEigen(new Float64Array([2, 1, 1, 2]), 2);
    expect(two.values[0]).toBeCloseTo(3, 12);
    expect(two.values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(two.vectors[0]?.[0] as number)).toBeCloseTo(Math.SQRT1_2, 12);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(values[0]).toBeGreaterThanOrEqual(values[1] as number);
    expect(values[1]).toBeGreaterThanOrEqual(values[2] as number);
    expect((values[0] as number) + (values[1] as number) + (values[2] as number)).toBeCloseTo(
      12,
      10,
    );
    vectors.forEach((v, e) => {
      for (let i = 0; i < 3; i++) {
        let av = 0;
        for (let j = 0; j < 3; j++) av += (a[i * 3 + j] as number) * (v[j] as number);
        expect(av).toBeCloseTo((values[e] as number) * (v[i] as number), 10);
      }
    });
  });
});
