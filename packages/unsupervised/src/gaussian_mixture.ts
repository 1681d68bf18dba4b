import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  assertOneOf,
  createRng,
  type Matrix,
  type Rng,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  type CovarianceType,
  estimateParameters,
  logSumExpRows,
  type MixtureParameters,
  weightedLogProb,
} from './internal/gaussian';
import {
  assertAtMostSamples,
  assertFitted,
  readMatrix,
  readMatrixWithColumns,
  throwIfAborted,
} from './internal/input';
import { cholesky } from './internal/linalg';
import { checkSeed } from './internal/options';
import { KMeans } from './kmeans';

/** Options of {@link GaussianMixture}. */
export interface GaussianMixtureOptions {
  /** Number of components K. Default 1. */
  nComponents?: number;
  /** `'full'` (default): one full covariance per component; `'diag'`: diagonal covariances. */
  covarianceType?: CovarianceType;
  /** EM stops when the mean log-likelihood gains less than this. Default 1e-3. */
  tol?: number;
  /** Added to the covariance diagonals, keeping them positive definite. Default 1e-6. */
  regCovar?: number;
  /** Most EM iterations per start. Default 100. */
  maxIter?: number;
  /** Starts; the one with the highest final log-likelihood is kept. Default 1. */
  nInit?: number;
  /** `'kmeans'` (default): responsibilities from a k-means labelling; `'random'`: random responsibilities. */
  initParams?: 'kmeans' | 'random';
  /** Seed of the starts. Default 0. */
  seed?: number | string;
}

/** Samples drawn by {@link GaussianMixture.sample}: the rows and the component each came from. */
export interface MixtureSample {
  x: number[][];
  labels: Int32Array;
}

interface Fitted {
  params: MixtureParameters;
  converged: boolean;
  nIter: number;
  lowerBound: number;
}

const OPTIONS = [
  'nComponents',
  'covarianceType',
  'tol',
  'regCovar',
  'maxIter',
  'nInit',
  'initParams',
  'seed',
] as const;

/**
 * A Gaussian mixture fitted by expectation-maximisation, after scikit-learn's
 * `GaussianMixture`. The E-step is one matrix product of the data with the stacked
 * precision Cholesky factors on the backend; the small d x d algebra runs in float64.
 *
 * ```ts
 * const gmm = await new GaussianMixture({ nComponents: 3, seed: 0 }).fit(x);
 * gmm.scoreSamples(x); // log p(x) per row
 * gmm.sample(100, 1);
 * ```
 */
export class GaussianMixture {
  readonly nComponents: number;
  readonly covarianceType: CovarianceType;
  readonly tol: number;
  readonly regCovar: number;
  readonly maxIter: number;
  readonly nInit: number;
  readonly initParams: 'kmeans' | 'random';
  readonly seed: number | string;
  private fitted: Fitted | undefined;

  constructor(options: GaussianMixtureOptions = {}) {
    const where = 'GaussianMixture';
    assertKnownOptions(where, options, OPTIONS);
    this.nComponents = assertInteger(where, 'nComponents', options.nComponents ?? 1);
    this.covarianceType = assertOneOf(where, 'covarianceType', options.covarianceType ?? 'full', [
      'full',
      'diag',
    ]);
    this.tol = assertNumberInRange(where, 'tol', options.tol ?? 1e-3, 0);
    this.regCovar = assertNumberInRange(where, 'regCovar', options.regCovar ?? 1e-6, 0);
    this.maxIter = assertInteger(where, 'maxIter', options.maxIter ?? 100);
    this.nInit = assertInteger(where, 'nInit', options.nInit ?? 1);
    this.initParams = assertOneOf(where, 'initParams', options.initParams ?? 'kmeans', [
      'kmeans',
      'random',
    ]);
    this.seed = checkSeed(where, options.seed ?? 0);
  }

  /** Fits the mixture to the rows of `x` (n x d). Resolves to this estimator, fitted. */
  async fit(x: Matrix | tf.Tensor, options: { signal?: AbortSignal } = {}): Promise<this> {
    const where = 'GaussianMixture.fit';
    assertKnownOptions(where, options, ['signal']);
    const dense = readMatrix(where, 'x', x);
    assertAtMostSamples(where, 'nComponents', this.nComponents, dense.n);
    const xt = tf.tensor2d(dense.values, [dense.n, dense.d]);
    try {
      const rng = createRng(this.seed);
      let best: Fitted | undefined;
      for (let start = 0; start < this.nInit; start++) {
        const resp = await this.initialResponsibilities(dense.values, dense.n, dense.d, rng);
        const run = await this.expectationMaximisation(xt, resp, options.signal);
        if (best === undefined || run.lowerBound > best.lowerBound) best = run;
      }
      this.fitted = best;
    } finally {
      xt.dispose();
    }
    return this;
  }

  private async initialResponsibilities(
    values: Float32Array,
    n: number,
    d: number,
    rng: Rng,
  ): Promise<tf.Tensor2D> {
    const k = this.nComponents;
    const resp = new Float32Array(n * k);
    if (this.initParams === 'kmeans') {
      const rows = Array.from({ length: n }, (_, i) => values.subarray(i * d, i * d + d));
      const km = await new KMeans({ nClusters: k, nInit: 1, seed: rng.int(2 ** 31) }).fit(rows);
      km.labels.forEach((label, i) => {
        resp[i * k + label] = 1;
      });
    } else {
      for (let i = 0; i < n; i++) {
        let total = 0;
        for (let c = 0; c < k; c++) {
          const v = rng.next();
          resp[i * k + c] = v;
          total += v;
        }
        for (let c = 0; c < k; c++) resp[i * k + c] = (resp[i * k + c] as number) / total;
      }
    }
    return tf.tensor2d(resp, [n, k]);
  }

  /** EM from initial responsibilities (consumed), as scikit-learn runs it. */
  private async expectationMaximisation(
    x: tf.Tensor2D,
    initial: tf.Tensor2D,
    signal: AbortSignal | undefined,
  ): Promise<Fitted> {
    const where = 'GaussianMixture.fit';
    let params = estimateParameters(x, initial, this.covarianceType, this.regCovar, where);
    initial.dispose();
    let lowerBound = Number.NEGATIVE_INFINITY;
    let converged = false;
    let iter = 1;
    for (; iter <= this.maxIter; iter++) {
      throwIfAborted(signal);
      const previous = lowerBound;
      const { resp, meanLogLikelihood } = expectation(x, params);
      try {
        params = estimateParameters(x, resp, this.covarianceType, this.regCovar, where);
      } finally {
        resp.dispose();
      }
      lowerBound = meanLogLikelihood;
      if (Math.abs(lowerBound - previous) < this.tol) {
        converged = true;
        break;
      }
      await Promise.resolve();
    }
    return { params, converged, nIter: Math.min(iter, this.maxIter), lowerBound };
  }

  private params(where: string): MixtureParameters {
    return assertFitted(where, this.fitted).params;
  }

  /** Mixing weights of the components. */
  get weights(): number[] {
    return Array.from(this.params('GaussianMixture.weights').weights);
  }

  /** K x d component means. */
  get means(): number[][] {
    const p = this.params('GaussianMixture.means');
    return Array.from({ length: p.k }, (_, c) =>
      Array.from(p.means.subarray(c * p.d, c * p.d + p.d)),
    );
  }

  /** Covariances: K matrices d x d ('full'), or K rows of d variances ('diag'). */
  get covariances(): number[][][] | number[][] {
    const p = this.params('GaussianMixture.covariances');
    const { d } = p;
    if (p.type === 'diag') {
      return Array.from({ length: p.k }, (_, c) =>
        Array.from(p.covariances.subarray(c * d, c * d + d)),
      );
    }
    return Array.from({ length: p.k }, (_, c) =>
      Array.from({ length: d }, (_, i) =>
        Array.from(p.covariances.subarray(c * d * d + i * d, c * d * d + i * d + d)),
      ),
    );
  }

  /** Whether EM met `tol` within `maxIter` in the kept start. */
  get converged(): boolean {
    return assertFitted('GaussianMixture.converged', this.fitted).converged;
  }

  /** EM iterations of the kept start. */
  get nIter(): number {
    return assertFitted('GaussianMixture.nIter', this.fitted).nIter;
  }

  /** Mean log-likelihood of the training data at the last E-step of the kept start. */
  get lowerBound(): number {
    return assertFitted('GaussianMixture.lowerBound', this.fitted).lowerBound;
  }

  /** The log-density log p(x) of each row of `x` under the mixture. */
  scoreSamples(x: Matrix | tf.Tensor): Float64Array {
    const params = this.params('GaussianMixture.scoreSamples');
    return this.onRows('GaussianMixture.scoreSamples', x, params, (xt) => {
      const out = tf.tidy(() => logSumExpRows(weightedLogProb(xt, params)));
      const values = Float64Array.from(out.dataSync());
      out.dispose();
      return values;
    });
  }

  /** The mean log-density of the rows of `x`. */
  score(x: Matrix | tf.Tensor): number {
    const values = this.scoreSamples(x);
    let s = 0;
    for (const v of values) s += v;
    return s / values.length;
  }

  /** The posterior probability of each component for each row: n rows of K values. */
  predictProba(x: Matrix | tf.Tensor): Float32Array[] {
    const params = this.params('GaussianMixture.predictProba');
    return this.onRows('GaussianMixture.predictProba', x, params, (xt) => {
      const { resp } = expectation(xt, params);
      const values = resp.dataSync() as Float32Array;
      resp.dispose();
      const k = params.k;
      return Array.from({ length: xt.shape[0] }, (_, i) => values.slice(i * k, i * k + k));
    });
  }

  /** The most probable component of each row. */
  predict(x: Matrix | tf.Tensor): Int32Array {
    const params = this.params('GaussianMixture.predict');
    return this.onRows('GaussianMixture.predict', x, params, (xt) => {
      const labels = tf.tidy(() => tf.argMax(weightedLogProb(xt, params), 1));
      const values = labels.dataSync() as Int32Array;
      labels.dispose();
      return values;
    });
  }

  /**
   * Draws `n` rows from the fitted mixture with a seeded generator: component counts from
   * the weights, then mu + L z with L the Cholesky factor of the covariance. Rows come
   * grouped by component, as in scikit-learn.
   */
  sample(n: number, seed: number | string = 0): MixtureSample {
    const where = 'GaussianMixture.sample';
    const params = this.params(where);
    assertInteger(where, 'n', n);
    const rng = createRng(checkSeed(where, seed));
    const counts = new Int32Array(params.k);
    for (let i = 0; i < n; i++) counts[pickComponent(params.weights, rng)]! += 1;
    const x: number[][] = [];
    const labels = new Int32Array(n);
    counts.forEach((count, c) => {
      const factor = covarianceFactor(params, c, where);
      for (let s = 0; s < count; s++) {
        labels[x.length] = c;
        x.push(
          drawGaussian(
            params.means.subarray(c * params.d, (c + 1) * params.d),
            factor,
            params.d,
            rng,
          ),
        );
      }
    });
    return { x, labels };
  }

  /** Bayesian information criterion on `x` (lower is better). */
  bic(x: Matrix | tf.Tensor): number {
    const n = this.rowsScored('GaussianMixture.bic', x);
    return -2 * n.score * n.rows + this.freeParameters() * Math.log(n.rows);
  }

  /** Akaike information criterion on `x` (lower is better). */
  aic(x: Matrix | tf.Tensor): number {
    const n = this.rowsScored('GaussianMixture.aic', x);
    return -2 * n.score * n.rows + 2 * this.freeParameters();
  }

  private rowsScored(where: string, x: Matrix | tf.Tensor): { score: number; rows: number } {
    this.params(where);
    const values = this.scoreSamples(x);
    let s = 0;
    for (const v of values) s += v;
    return { score: s / values.length, rows: values.length };
  }

  /** Free parameters of the model: covariances, means and K-1 weights. */
  private freeParameters(): number {
    const { k, d, type } = this.params('GaussianMixture.freeParameters');
    const covariance = type === 'full' ? (k * d * (d + 1)) / 2 : k * d;
    return covariance + k * d + k - 1;
  }

  private onRows<T>(
    where: string,
    x: Matrix | tf.Tensor,
    params: MixtureParameters,
    compute: (xt: tf.Tensor2D) => T,
  ): T {
    const dense = readMatrixWithColumns(where, 'x', x, params.d);
    const xt = tf.tensor2d(dense.values, [dense.n, dense.d]);
    try {
      return compute(xt);
    } finally {
      xt.dispose();
    }
  }
}

/** The E-step: responsibilities (n x K, caller disposes) and the mean log-likelihood. */
function expectation(
  x: tf.Tensor2D,
  params: MixtureParameters,
): { resp: tf.Tensor2D; meanLogLikelihood: number } {
  const [resp, mean] = tf.tidy(() => {
    const logProb = weightedLogProb(x, params);
    const norm = logSumExpRows(logProb);
    const r = tf.exp(tf.sub(logProb, tf.reshape(norm, [-1, 1]))) as tf.Tensor2D;
    return [r, tf.mean(norm)];
  });
  const meanLogLikelihood = mean.dataSync()[0] as number;
  mean.dispose();
  return { resp, meanLogLikelihood };
}

function pickComponent(weights: Float64Array, rng: Rng): number {
  let u = rng.next();
  for (let c = 0; c < weights.length - 1; c++) {
    u -= weights[c] as number;
    if (u < 0) return c;
  }
  return weights.length - 1;
}

/** Lower-triangular L with L L^T = Sigma_c, row-major d x d. */
function covarianceFactor(params: MixtureParameters, c: number, where: string): Float64Array {
  const { d } = params;
  if (params.type === 'full')
    return cholesky(params.covariances.subarray(c * d * d, (c + 1) * d * d), d, where);
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) l[j * d + j] = Math.sqrt(params.covariances[c * d + j] as number);
  return l;
}

function drawGaussian(mean: Float64Array, factor: Float64Array, d: number, rng: Rng): number[] {
  const z = Array.from({ length: d }, () => rng.normal());
  return Array.from({ length: d }, (_, i) => {
    let v = mean[i] as number;
    for (let j = 0; j <= i; j++) v += (factor[i * d + j] as number) * (z[j] as number);
    return v;
  });
}
