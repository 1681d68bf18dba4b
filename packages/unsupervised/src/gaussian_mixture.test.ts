import { createRng, initBackend, NotFittedError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GaussianMixture } from './gaussian_mixture';
import { adjustedRandScore } from './metrics/adjusted_rand_score';

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

type Cov = [[number, number], [number, number]];

/** log N(x | mean, cov) in 2-D, written out. */
function logNormal2(x: number[], mean: number[], cov: Cov): number {
  const [[a, b], [, d]] = cov;
  const det = a * d - b * b;
  const u = (x[0] as number) - (mean[0] as number);
  const v = (x[1] as number) - (mean[1] as number);
  const maha = (d * u * u - 2 * b * u * v + a * v * v) / det;
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * maha;
}

function meanAndCovariance(rows: number[][]): { mean: number[]; cov: Cov } {
  const n = rows.length;
  const mean = [0, 1].map((j) => rows.reduce((s, r) => s + (r[j] as number), 0) / n);
  const c = (i: number, j: number) =>
    rows.reduce(
      (s, r) =>
        s + ((r[i] as number) - (mean[i] as number)) * ((r[j] as number) - (mean[j] as number)),
      0,
    ) / n;
  return {
    mean,
    cov: [
      [c(0, 0), c(0, 1)],
      [c(1, 0), c(1, 1)],
    ],
  };
}

/** Two well separated, correlated groups: 90 rows around (0, 0) and 210 around (8, 8). */
function twoGroups(seed: number): { x: number[][]; truth: number[] } {
  const rng = createRng(seed);
  const x: number[][] = [];
  const truth: number[] = [];
  for (let i = 0; i < 300; i++) {
    const g = i < 90 ? 0 : 1;
    const z1 = rng.normal();
    const z2 = rng.normal();
    x.push(g === 0 ? [z1, 0.5 * z1 + 0.5 * z2] : [8 + 0.7 * z1, 8 + 1.5 * z2]);
    truth.push(g);
  }
  return { x, truth };
}

describe('GaussianMixture', () => {
  it('with one component is the maximum-likelihood Gaussian, and scores rows by its density', async () => {
    const { x } = twoGroups(1);
    const gmm = await new GaussianMixture({ nComponents: 1, regCovar: 0 }).fit(x);
    const { mean, cov } = meanAndCovariance(x);
    expect(gmm.weights).toEqual([1]);
    expectAllClose(gmm.means[0] as number[], mean, 4);
    const fitted = gmm.covariances as number[][][];
    expectAllClose((fitted[0] as number[][]).flat(), cov.flat(), 3);
    const queries = [
      [0, 0],
      [4, 4],
      [8, 9],
    ];
    const scores = gmm.scoreSamples(queries);
    expectAllClose(
      scores,
      queries.map((q) => logNormal2(q, mean, cov)),
      3,
    );
    const all = gmm.scoreSamples(x);
    expect(gmm.score(x)).toBeCloseTo(all.reduce((s, v) => s + v, 0) / x.length, 6);
  });

  it('recovers two separated groups: weights, means, covariances and labels', async () => {
    const { x, truth } = twoGroups(2);
    const gmm = await new GaussianMixture({ nComponents: 2, seed: 0 }).fit(x);
    expect(gmm.converged).toBe(true);
    const labels = gmm.predict(x);
    expect(adjustedRandScore(truth, labels)).toBe(1);
    // With crisp responsibilities EM's fixed point is each group's own MLE.
    const first = labels[0] as number;
    const group0 = meanAndCovariance(x.slice(0, 90));
    expect(gmm.weights[first]).toBeCloseTo(0.3, 4);
    expectAllClose(gmm.means[first] as number[], group0.mean, 3);
    const covariances = gmm.covariances as number[][][];
    expectAllClose((covariances[first] as number[][]).flat(), group0.cov.flat(), 3);
    const proba = gmm.predictProba(x.slice(0, 5));
    for (const row of proba) {
      expect(row[0]! + row[1]!).toBeCloseTo(1, 5);
      expect(row[first]).toBeGreaterThan(0.999);
    }
    const byHand = x.map((row) =>
      Math.log(
        gmm.weights.reduce(
          (s, w, c) =>
            s + w * Math.exp(logNormal2(row, gmm.means[c] as number[], covariances[c] as Cov)),
          0,
        ),
      ),
    );
    const scores = gmm.scoreSamples(x);
    expectAllClose(scores, byHand, 3);
    expect(gmm.lowerBound).toBeCloseTo(gmm.score(x), 3);
  });

  it("fits diagonal covariances ('diag') as per-feature variances", async () => {
    const { x } = twoGroups(3);
    const gmm = await new GaussianMixture({ nComponents: 2, covarianceType: 'diag', seed: 1 }).fit(
      x,
    );
    const labels = gmm.predict(x);
    const c = labels[100] as number;
    const group1 = meanAndCovariance(x.slice(90));
    const diag = gmm.covariances as number[][];
    expect(diag[c]?.[0]).toBeCloseTo(group1.cov[0][0] + 1e-6, 3);
    expect(diag[c]?.[1]).toBeCloseTo(group1.cov[1][1] + 1e-6, 3);
  });

  it('samples from the fitted mixture, reproducibly for a seed', async () => {
    const { x } = twoGroups(4);
    const gmm = await new GaussianMixture({ nComponents: 2 }).fit(x);
    const a = gmm.sample(4000, 7);
    expect(gmm.sample(4000, 7)).toEqual(a);
    expect(gmm.sample(10, 8).x).not.toEqual(a.x.slice(0, 10));
    const c = gmm.predict([[8, 8]])[0] as number;
    const fromC = a.x.filter((_, i) => a.labels[i] === c);
    expect(fromC.length / 4000).toBeCloseTo(gmm.weights[c] as number, 1);
    const { mean, cov } = meanAndCovariance(fromC);
    expectAllClose(mean, gmm.means[c] as number[], 1);
    const model = (gmm.covariances as number[][][])[c] as number[][];
    expect(cov[1][1]).toBeCloseTo(model[1]?.[1] as number, 0);
  });

  it('computes bic and aic from the log-likelihood and the parameter count', async () => {
    const { x } = twoGroups(5);
    const gmm = await new GaussianMixture({ nComponents: 2 }).fit(x);
    const logLikelihood = gmm.score(x) * x.length;
    // Full, K=2, d=2: 2*3 covariance + 2*2 mean + 1 weight = 11 parameters.
    expect(gmm.aic(x)).toBeCloseTo(-2 * logLikelihood + 22, 4);
    expect(gmm.bic(x)).toBeCloseTo(-2 * logLikelihood + 11 * Math.log(300), 4);
    const diag = await new GaussianMixture({ nComponents: 2, covarianceType: 'diag' }).fit(x);
    expect(diag.aic(x)).toBeCloseTo(-2 * diag.score(x) * 300 + 2 * 9, 4);
  });

  it('starts from random responsibilities too, keeps the best of nInit, and leaks nothing', async () => {
    const { x, truth } = twoGroups(6);
    const before = tf.memory().numTensors;
    const gmm = await new GaussianMixture({
      nComponents: 2,
      initParams: 'random',
      nInit: 2,
      seed: 3,
    }).fit(x);
    gmm.predictProba(x);
    gmm.scoreSamples(x);
    expect(tf.memory().numTensors).toBe(before);
    expect(adjustedRandScore(truth, gmm.predict(x))).toBe(1);
  });

  it('rejects bad input with typed, named errors', async () => {
    await expect(new GaussianMixture({ nComponents: 3 }).fit([[0, 1]])).rejects.toThrow(
      new ValueError(
        "Argument 'nComponents' passed to 'GaussianMixture.fit' must be <= the number of samples (1), but got 3.",
      ),
    );
    expect(() => new GaussianMixture().scoreSamples([[0, 1]])).toThrow(
      new NotFittedError(
        "'GaussianMixture.scoreSamples' was called before 'fit'; call fit(x) first.",
      ),
    );
    expect(() => new GaussianMixture({ covarianceType: 'tied' as 'full' })).toThrow(
      "Argument 'covarianceType' passed to 'GaussianMixture' must be one of 'full', 'diag', but got \"tied\".",
    );
    await expect(new GaussianMixture().fit([[Number.NaN, 1]])).rejects.toThrow(
      "Argument 'x' passed to 'GaussianMixture.fit' must contain only finite numbers, but entry 0 is NaN.",
    );
    // Two identical rows have zero variance: without regularisation the covariance is singular.
    await expect(
      new GaussianMixture({ regCovar: 0 }).fit([
        [1, 1],
        [1, 1],
      ]),
    ).rejects.toThrow(
      new ValueError(
        "'GaussianMixture.fit' met a covariance matrix that is not positive definite; increase 'regCovar'.",
      ),
    );
  });
});
