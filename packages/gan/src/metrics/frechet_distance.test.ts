import { createRng, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureStatistics, frechetDistance } from './index';

beforeAll(async () => {
  await initBackend();
});

/** A random covariance: the sample covariance of n standard normal draws in d dimensions, scaled per column. */
function randomCovariance(d: number, n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () =>
    Array.from({ length: d }, (_, j) => rng.normal() * (1 + j / d)),
  );
  return featureStatistics(rows).cov;
}

// A slow, independent reference for tr((S1 S2)^{1/2}): the Denman-Beavers iteration on the
// (non-symmetric) product, Y <- (Y + Z^-1)/2, Z <- (Z + Y^-1)/2, Y -> M^{1/2}, with Gauss-Jordan inverses.
function inverse(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const p = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}
function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}
function traceSqrtReference(s1: number[][], s2: number[][]): number {
  let y = matmul(s1, s2);
  let z: number[][] = y.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  for (let it = 0; it < 60; it++) {
    const yi = inverse(y);
    const zi = inverse(z);
    y = y.map((row, i) => row.map((v, j) => (v + zi[i]![j]!) / 2));
    z = z.map((row, i) => row.map((v, j) => (v + yi[i]![j]!) / 2));
  }
  return y.reduce((s, row, i) => s + row[i]!, 0);
}
const toRows = (flat: Float64Array, d: number) =>
  Array.from({ length: d }, (_, i) => Array.from(flat.subarray(i * d, i * d + d)));

describe('frechetDistance', () => {
  it('is 0 between identical Gaussians', () => {
    const d = 12;
    const sigma = randomCovariance(d, 40, 1);
    const mu = Array.from({ length: d }, (_, i) => i / 3);
    expect(frechetDistance(mu, sigma, mu, sigma)).toBeLessThan(1e-9);
  });

  it('for diagonal covariances is sum (mu1 - mu2)² + sum (s1 + s2 - 2 sqrt(s1 s2))', () => {
    const mu1 = [0, 1, 2];
    const mu2 = [1, 1, 0];
    const s1 = [4, 1, 0.25];
    const s2 = [1, 9, 0.25];
    const diag = (s: number[]) => s.map((v, i) => s.map((_, j) => (i === j ? v : 0)));
    // means: 1 + 0 + 4 = 5; variances: (4 + 1 - 2*2) + (1 + 9 - 2*3) + (0.25 + 0.25 - 2*0.25) = 1 + 4 + 0 = 5
    expect(frechetDistance(mu1, diag(s1), mu2, diag(s2))).toBeCloseTo(10, 12);
    // Point masses (zero covariances): only the means count, 1 + 4.
    const zeros = [
      [0, 0],
      [0, 0],
    ];
    expect(frechetDistance([1, 2], zeros, [0, 0], zeros)).toBe(5);
    // One dimension: (m1 - m2)² + (sd1 - sd2)².
    expect(frechetDistance([3], [[4]], [1], [[9]])).toBeCloseTo(4 + 1, 12);
  });

  it('matches the Denman-Beavers reference on random non-diagonal covariances', () => {
    const d = 7;
    const s1 = randomCovariance(d, 30, 2);
    const s2 = randomCovariance(d, 25, 3);
    const mu1 = Array.from({ length: d }, (_, i) => Math.sin(i));
    const mu2 = Array.from({ length: d }, (_, i) => Math.cos(i));
    let expected = 0;
    for (let i = 0; i < d; i++)
      expected += (mu1[i]! - mu2[i]!) ** 2 + s1[i * d + i]! + s2[i * d + i]!;
    expected -= 2 * traceSqrtReference(toRows(s1, d), toRows(s2, d));
    const got = frechetDistance(mu1, s1, mu2, s2);
    expect(Math.abs(got - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
    // Symmetric in its two Gaussians, and the same for every input container.
    expect(frechetDistance(mu2, s2, mu1, s1)).toBeCloseTo(got, 9);
    const t = tf.tensor2d(Float32Array.from(s1), [d, d]);
    const viaTensor = frechetDistance(tf.tensor1d(mu1), t, Float64Array.from(mu2), toRows(s2, d));
    expect(viaTensor).toBeCloseTo(got, 4); // float32 tensor input
    t.dispose();
  });

  it('handles a rank-deficient covariance (fewer samples than dimensions)', () => {
    const d = 10;
    const rng = createRng(4);
    const rows = Array.from({ length: 4 }, () => Array.from({ length: d }, () => rng.normal()));
    const s1 = featureStatistics(rows).cov; // rank 3: S1 = G Gᵀ / 3, G the centred rows as columns
    const s2 = randomCovariance(d, 50, 5);
    // S1 S2 has the nonzero eigenvalues of Gᵀ S2 G / 3 (4 x 4, positive semi-definite, the
    // same trace of square roots), so run the reference there: no ridge, no singular matrix.
    const mean = Array.from({ length: d }, (_, j) => rows.reduce((acc, r) => acc + r[j]!, 0) / 4);
    const g = rows.map((r) => r.map((v, j) => v - mean[j]!)); // 4 x d, rows are Gᵀ
    const small = matmul(
      matmul(g, toRows(s2, d)),
      g[0]!.map((_, j) => g.map((r) => r[j]!)),
    ).map((row) => row.map((v, j) => v / 3 + 0 * j));
    // Gᵀ S2 G is singular too (the 4 centred rows sum to 0); add the exact rank-one fix
    // u uᵀ with u = (1, 1, 1, 1): it only adds an eigenvalue 4 on the null vector u, whose
    // root 2 we subtract again.
    const fixed = small.map((row) => row.map((v) => v + 1));
    const traceSqrt =
      traceSqrtReference(
        fixed,
        fixed.map((_, i) => fixed.map((__, j) => (i === j ? 1 : 0))),
      ) - 2;
    let expected = 0;
    for (let i = 0; i < d; i++) expected += s1[i * d + i]! + s2[i * d + i]!;
    expected -= 2 * traceSqrt;
    const zero = new Array(d).fill(0);
    expect(frechetDistance(zero, s1, zero, s2)).toBeCloseTo(expected, 9);
    expect(frechetDistance(zero, s1, zero, s1)).toBeLessThan(1e-9);
  });

  it('rejects mismatched, non-symmetric and non-PSD inputs with named errors', () => {
    const eye = [
      [1, 0],
      [0, 1],
    ];
    expect(() => frechetDistance([0, 0], eye, [0], eye)).toThrow(
      "Arguments 'mu1' and 'mu2' passed to 'frechetDistance' must be non-empty vectors of the same length, but got lengths 2 and 1.",
    );
    expect(() => frechetDistance([0, 0], [[1, 0, 0]], [0, 0], eye)).toThrow(
      "Argument 'sigma1' passed to 'frechetDistance' must have shape [2, 2], but got shape [1, 3].",
    );
    expect(() => frechetDistance([0, 0], [1, 0, 0], [0, 0], eye)).toThrow(
      "Argument 'sigma1' passed to 'frechetDistance' must be 2 x 2: a flat array needs 4 entries, but got 3.",
    );
    expect(() =>
      frechetDistance(
        [0, 0],
        eye,
        [0, 0],
        [
          [1, 0.5],
          [0, 1],
        ],
      ),
    ).toThrow(
      "Argument 'sigma2' passed to 'frechetDistance' must be symmetric, but entries [0, 1] and [1, 0] differ by 0.5.",
    );
    expect(() =>
      frechetDistance(
        [0, 0],
        [
          [1, 2],
          [2, 1],
        ],
        [0, 0],
        eye,
      ),
    ).toThrow(
      "Argument 'sigma1' passed to 'frechetDistance' must be positive semi-definite, but has eigenvalue -1",
    );
    expect(() => frechetDistance([0, Number.NaN], eye, [0, 0], eye)).toThrow(
      "Argument 'mu1' passed to 'frechetDistance' must contain only finite numbers, but entry 1 is NaN.",
    );
  });
});

describe('featureStatistics', () => {
  it('computes the mean and the unbiased covariance', () => {
    // mean [3, 4]; centred rows [-2, -2], [0, 2], [2, 0]; Σ = [[8, 4], [4, 8]] / 2
    const { mean, cov, dim } = featureStatistics([
      [1, 2],
      [3, 6],
      [5, 4],
    ]);
    expect(dim).toBe(2);
    expect(Array.from(mean)).toEqual([3, 4]);
    expect(Array.from(cov)).toEqual([4, 2, 2, 4]);
    const t = tf.tensor2d([1, 2, 3, 6, 5, 4], [3, 2]);
    expect(Array.from(featureStatistics(t).cov)).toEqual([4, 2, 2, 4]);
    t.dispose();
  });

  it('gives a Fréchet distance of 0 between a batch and itself, and > 0 to a shifted batch', () => {
    const rng = createRng(8);
    const rows = Array.from({ length: 64 }, () => Array.from({ length: 6 }, () => rng.normal()));
    const a = featureStatistics(rows);
    expect(frechetDistance(a.mean, a.cov, a.mean, a.cov)).toBeLessThan(1e-9);
    const b = featureStatistics(rows.map((r) => r.map((v) => v + 1)));
    // A shift by 1 in each of 6 dimensions moves only the mean term: 6.
    expect(frechetDistance(a.mean, a.cov, b.mean, b.cov)).toBeCloseTo(6, 8);
  });

  it('rejects a single row and ragged rows', () => {
    expect(() => featureStatistics([[1, 2]])).toThrow(
      "Argument 'features' passed to 'featureStatistics' must have at least 2 rows and 1 column for a covariance, but got shape [1, 2].",
    );
    expect(() => featureStatistics([[1, 2], [3]])).toThrow(
      "Argument 'features' passed to 'featureStatistics' must be rectangular: row 0 has 2 values but row 1 has 1.",
    );
  });
});
