import { createRng, initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric_eigen';

beforeAll(async () => {
  await initBackend();
});

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = rng.normal();
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

describe('symmetricEigen', () => {
  it('finds the eigenpairs of [[2, 1], [1, 2]]: 1 with (1, -1)/sqrt 2 and 3 with (1, 1)/sqrt 2', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    const v = vectors as Float64Array;
    expect(Math.abs(v[0]! * v[1]!)).toBeCloseTo(0.5, 14); // (±1/sqrt 2)(∓1/sqrt 2)
    expect(v[0]! * v[1]!).toBeLessThan(0);
    expect(v[2]! * v[3]!).toBeCloseTo(0.5, 14);
  });

  it('leaves a diagonal matrix alone and handles repeated and zero eigenvalues', () => {
    expect(Array.from(symmetricEigen([3, 0, 0, 0, -1, 0, 0, 0, 3], 3).values)).toEqual([-1, 3, 3]);
    // rank 1: u uᵀ with u = (1, 2, 2) has eigenvalues 0, 0, |u|² = 9
    const u = [1, 2, 2];
    const rank1 = u.flatMap((a) => u.map((b) => a * b));
    const { values } = symmetricEigen(rank1, 3);
    expect(values[0]).toBeCloseTo(0, 13);
    expect(values[1]).toBeCloseTo(0, 13);
    expect(values[2]).toBeCloseTo(9, 13);
  });

  it('satisfies A v = λ v with orthonormal vectors on a random 40 x 40 matrix', () => {
    const n = 40;
    const a = randomSymmetric(n, 11);
    const { values, vectors } = symmetricEigen(a, n);
    const v = vectors as Float64Array;
    let worstResidual = 0;
    let worstOrthogonality = 0;
    for (let i = 0; i < n; i++) {
      for (let r = 0; r < n; r++) {
        let av = 0;
        for (let c = 0; c < n; c++) av += a[r * n + c]! * v[i * n + c]!;
        worstResidual = Math.max(worstResidual, Math.abs(av - values[i]! * v[i * n + r]!));
      }
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let c = 0; c < n; c++) dot += v[i * n + c]! * v[j * n + c]!;
        worstOrthogonality = Math.max(worstOrthogonality, Math.abs(dot - (i === j ? 1 : 0)));
      }
    }
    expect(worstResidual).toBeLessThan(1e-12);
    expect(worstOrthogonality).toBeLessThan(1e-12);
    for (let i = 1; i < n; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    // The trace is the sum of the eigenvalues.
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i]!;
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 11);
    // Values only: the same numbers.
    const alone = symmetricEigen(a, n, false);
    expect(alone.vectors).toBeUndefined();
    for (let i = 0; i < n; i++) expect(alone.values[i]).toBeCloseTo(values[i]!, 12);
  });

  it('rejects a matrix of the wrong size', () => {
    expect(() => symmetricEigen([1, 2, 3], 2)).toThrow(
      "Argument 'matrix' passed to 'symmetricEigen' must have 2 x 2 = 4 entries, but got 3.",
    );
  });
});
