import { createRng, initBackend, NotFittedError, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { KernelDensity } from './kernel_density';

beforeAll(async () => {
  await initBackend();
});

/** Element-wise toBeCloseTo over two equally long lists. */
function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  digits: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(actual[i]).toBeCloseTo(expected[i] as number, digits);
}

/** The estimator written out: the mean of Gaussian bumps of width h at each training row. */
function referenceLogDensity(train: number[][], y: number[], h: number): number {
  const d = y.length;
  const density =
    train.reduce(
      (s, x) =>
        s + Math.exp(-x.reduce((a, v, j) => a + (v - (y[j] as number)) ** 2, 0) / (2 * h * h)),
      0,
    ) /
    train.length /
    (2 * Math.PI * h * h) ** (d / 2);
  return Math.log(density);
}

describe('KernelDensity', () => {
  const rng = createRng(12);
  const train = Array.from({ length: 200 }, () => [rng.normal(), 2 + rng.normal()]);

  it('scores rows by the mean of Gaussian kernels', () => {
    const kde = new KernelDensity({ bandwidth: 0.4 }).fit(train);
    const queries = [
      [0, 2],
      [1, 1],
      [-2, 4],
    ];
    const scores = kde.scoreSamples(queries);
    expectAllClose(
      scores,
      queries.map((q) => referenceLogDensity(train, q, 0.4)),
      4,
    );
    expect(kde.score(queries)).toBeCloseTo(
      scores.reduce((s, v) => s + v, 0),
      6,
    );
  });

  it('stays finite far from the data (log-sum-exp)', () => {
    const kde = new KernelDensity({ bandwidth: 0.1 }).fit([[0], [1]]);
    // log(0.5 N(30 | 1, 0.01)) = log 0.5 - 0.5 log(2 pi 0.01) - 29²/(2 * 0.01).
    expect(kde.scoreSamples([[30]])[0]).toBeCloseTo(
      Math.log(0.5) - 0.5 * Math.log(2 * Math.PI * 0.01) - 841 / 0.02,
      3,
    );
  });

  it("uses Scott's and Silverman's rules", () => {
    expect(new KernelDensity({ bandwidth: 'scott' }).fit(train).bandwidth).toBeCloseTo(
      200 ** (-1 / 6),
      12,
    );
    expect(new KernelDensity({ bandwidth: 'silverman' }).fit(train).bandwidth).toBeCloseTo(
      200 ** (-1 / 6),
      12,
    );
    expect(
      new KernelDensity({ bandwidth: 'silverman' }).fit([
        [0, 0, 0],
        [1, 1, 1],
      ]).bandwidth,
    ).toBeCloseTo(2.5 ** (-1 / 7), 12);
  });

  it('samples near the training rows, reproducibly for a seed', () => {
    const kde = new KernelDensity({ bandwidth: 0.01 }).fit([
      [0, 0],
      [10, 10],
    ]);
    const samples = kde.sample(500, 3);
    expect(kde.sample(500, 3)).toEqual(samples);
    for (const [a, b] of samples) {
      const near0 = Math.abs(a as number) < 0.1 && Math.abs(b as number) < 0.1;
      const near10 = Math.abs((a as number) - 10) < 0.1 && Math.abs((b as number) - 10) < 0.1;
      expect(near0 || near10).toBe(true);
    }
    const share = samples.filter(([a]) => (a as number) > 5).length / 500;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('rejects bad input', () => {
    expect(() => new KernelDensity({ bandwidth: 0 })).toThrow(
      new ValueError(
        "Argument 'bandwidth' passed to 'KernelDensity' must be a finite number > 0, but got 0.",
      ),
    );
    expect(() => new KernelDensity({ kernel: 'tophat' as 'gaussian' })).toThrow(
      "Argument 'kernel' passed to 'KernelDensity' must be one of 'gaussian', but got \"tophat\".",
    );
    expect(() => new KernelDensity().scoreSamples([[0]])).toThrow(NotFittedError);
    expect(() => new KernelDensity().fit(train).scoreSamples([[0, 1, 2]])).toThrow(
      "Argument 'x' passed to 'KernelDensity.scoreSamples' must have 2 columns (as in fit), but got 3.",
    );
  });
});
