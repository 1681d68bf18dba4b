import { initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianNB } from './gaussian_nb';

beforeAll(async () => {
  await initBackend();
});

function logNormal(x: number, mean: number, variance: number) {
  return -0.5 * Math.log(2 * Math.PI * variance) - (x - mean) ** 2 / (2 * variance);
}

describe('GaussianNB', () => {
  const x = [
    [1, 10],
    [2, 12],
    [3, 14],
    [7, 1],
    [8, 2],
    [9, 3],
    [10, 2],
  ];
  const y = [0, 0, 0, 1, 1, 1, 1];

  it('estimates priors, means and variances, and posteriors by hand', () => {
    const nb = new GaussianNB({ varSmoothing: 0 }).fit(x, y);
    expect(Array.from(nb.classPrior)).toEqual([3 / 7, 4 / 7]);
    expect(Array.from(nb.means[0]!)).toEqual([2, 12]);
    expect(Array.from(nb.means[1]!)).toEqual([8.5, 2]);
    expect(nb.variances[0]![0]).toBeCloseTo(2 / 3, 12);
    expect(nb.variances[1]![1]).toBeCloseTo(0.5, 12);
    const q = [5, 6];
    const jll0 = Math.log(3 / 7) + logNormal(5, 2, 2 / 3) + logNormal(6, 12, 8 / 3);
    const jll1 = Math.log(4 / 7) + logNormal(5, 8.5, 1.25) + logNormal(6, 2, 0.5);
    const p1 = 1 / (1 + Math.exp(jll0 - jll1));
    const proba = nb.predictProba([q])[0]!;
    expect(proba[1]).toBeCloseTo(p1, 10);
    expect(nb.predictLogProba([q])[0]![0]).toBeCloseTo(
      jll0 - Math.max(jll0, jll1) - Math.log1p(Math.exp(-Math.abs(jll0 - jll1))),
      8,
    );
    expect(nb.score(x, y)).toBe(1);
  });

  it('smooths variances by varSmoothing times the largest feature variance', () => {
    const nb = new GaussianNB({ varSmoothing: 0.1 }).fit(x, y);
    // Feature 1 has the largest variance over all rows.
    const col = x.map((r) => r[1]!);
    const mean = col.reduce((a, b) => a + b, 0) / col.length;
    const largest = col.reduce((a, v) => a + (v - mean) ** 2, 0) / col.length;
    expect(nb.variances[0]![0]).toBeCloseTo(2 / 3 + 0.1 * largest, 10);
  });

  it('stays finite in log space when a feature is constant within a class and far away', () => {
    const nb = new GaussianNB().fit(
      [
        [0, 0],
        [0, 1],
        [5, 7],
        [5, 9],
      ],
      [0, 0, 1, 1],
    );
    const logp = nb.predictLogProba([[1000, 3]])[0]!;
    expect(logp.every(Number.isFinite)).toBe(true);
    expect(
      Array.from(
        nb.predict([
          [0.1, 0.5],
          [4.9, 8],
        ]),
      ),
    ).toEqual([0, 1]);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => new GaussianNB().predict([[1]])).toThrow(NotFittedError);
    expect(() => new GaussianNB().fit([[1], [2]], [0])).toThrow(ShapeError);
    expect(() => new GaussianNB().fit([[1], [Number.POSITIVE_INFINITY]], [0, 1])).toThrow(
      "Argument 'x' passed to 'GaussianNB.fit' must contain only finite numbers, but entry 1 is Infinity.",
    );
    expect(() => new GaussianNB({ varSmoothing: -1 })).toThrow(ValueError);
    expect(() => new GaussianNB({ smoothing: 1 } as object)).toThrow(
      "Unknown option 'smoothing' passed to 'GaussianNB'",
    );
  });
});
