import { assertKnownOptions, assertNumberInRange } from '@gankit/core';
import { bestClasses } from '../best_class';
import {
  assertColumns,
  assertSameLength,
  assertTwoClasses,
  type Dense,
  encodeLabels,
  fitted,
  type MatrixInput,
  readLabels,
  readMatrix,
  toRows,
  type VectorInput,
} from '../input';
import { accuracy } from '../metrics/classification';

/** Options of {@link GaussianNB}. */
export interface GaussianNBOptions {
  /**
   * Added to every variance, as a fraction of the largest feature variance, so features
   * that are constant within a class (blank MNIST corners) do not give infinite
   * log-likelihoods. Default 1e-9, as in scikit-learn.
   */
  varSmoothing?: number;
}

interface Fitted {
  readonly classes: Int32Array;
  readonly logPrior: Float64Array;
  /** k × d class means. */
  readonly means: Float64Array;
  /** k × d class variances, smoothed. */
  readonly variances: Float64Array;
  /** Per class: -0.5 Σ_j log(2π var_cj) + log prior_c. */
  readonly constants: Float64Array;
  readonly nFeatures: number;
}

/** Per-class means and (population) variances of the rows of each class. */
function classMoments(x: Dense, codes: Int32Array, k: number) {
  const { rows, cols, data } = x;
  const counts = new Float64Array(k);
  const means = new Float64Array(k * cols);
  const variances = new Float64Array(k * cols);
  for (let i = 0; i < rows; i++) {
    const c = codes[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < cols; j++)
      means[c * cols + j] = (means[c * cols + j] as number) + (data[i * cols + j] as number);
  }
  for (let c = 0; c < k; c++)
    for (let j = 0; j < cols; j++)
      means[c * cols + j] = (means[c * cols + j] as number) / (counts[c] as number);
  for (let i = 0; i < rows; i++) {
    const c = codes[i] as number;
    for (let j = 0; j < cols; j++) {
      const diff = (data[i * cols + j] as number) - (means[c * cols + j] as number);
      variances[c * cols + j] = (variances[c * cols + j] as number) + diff * diff;
    }
  }
  for (let c = 0; c < k; c++)
    for (let j = 0; j < cols; j++)
      variances[c * cols + j] = (variances[c * cols + j] as number) / (counts[c] as number);
  return { counts, means, variances };
}

/** The largest variance of any feature over all rows. */
function largestFeatureVariance(x: Dense): number {
  const { rows, cols, data } = x;
  let largest = 0;
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j] as number;
    mean /= rows;
    let v = 0;
    for (let i = 0; i < rows; i++) v += ((data[i * cols + j] as number) - mean) ** 2;
    largest = Math.max(largest, v / rows);
  }
  return largest;
}

/**
 * Gaussian naive Bayes: each feature is normal within each class, independently. Works in
 * log space throughout (log prior + Σ log-densities, normalised with log-sum-exp), so
 * 784 pixel likelihoods never underflow.
 *
 * ```ts
 * const nb = new GaussianNB().fit(xTrain, yTrain);
 * nb.predictProba(xTest);
 * ```
 */
export class GaussianNB {
  readonly varSmoothing: number;
  private state?: Fitted;

  constructor(options: GaussianNBOptions = {}) {
    assertKnownOptions('GaussianNB', options, ['varSmoothing']);
    this.varSmoothing = assertNumberInRange(
      'GaussianNB',
      'varSmoothing',
      options.varSmoothing ?? 1e-9,
      0,
    );
  }

  /** Estimates class priors, means and variances from rows `x` and integer labels `y`; returns this. */
  fit(x: MatrixInput, y: VectorInput): this {
    const where = 'GaussianNB.fit';
    const m = readMatrix(where, 'x', x);
    const { classes, codes } = encodeLabels(readLabels(where, 'y', y, m.rows));
    assertTwoClasses(where, 'y', classes);
    const k = classes.length;
    const { counts, means, variances } = classMoments(m, codes, k);
    // With every feature constant there is no scale to take a fraction of: use varSmoothing itself.
    const epsilon = this.varSmoothing * (largestFeatureVariance(m) || 1);
    for (let i = 0; i < variances.length; i++) variances[i] = (variances[i] as number) + epsilon;
    const logPrior = counts.map((n) => Math.log(n / m.rows));
    const constants = logPrior.map((lp, c) => {
      let s = lp;
      for (let j = 0; j < m.cols; j++)
        s -= 0.5 * Math.log(2 * Math.PI * (variances[c * m.cols + j] as number));
      return s;
    });
    this.state = { classes, logPrior, means, variances, constants, nFeatures: m.cols };
    return this;
  }

  /** The distinct labels seen in `fit`, ascending. */
  get classes(): Int32Array {
    return fitted('GaussianNB.classes', this.state).classes;
  }

  /** Class means, one row per class. */
  get means(): Float64Array[] {
    const s = fitted('GaussianNB.means', this.state);
    return toRows(s.means, s.classes.length, s.nFeatures);
  }

  /** Smoothed class variances, one row per class. */
  get variances(): Float64Array[] {
    const s = fitted('GaussianNB.variances', this.state);
    return toRows(s.variances, s.classes.length, s.nFeatures);
  }

  /** Class priors (the class frequencies in `fit`). */
  get classPrior(): Float64Array {
    return fitted('GaussianNB.classPrior', this.state).logPrior.map(Math.exp);
  }

  /** log P(class | x) for every row and class. */
  predictLogProba(x: MatrixInput): Float64Array[] {
    const where = 'GaussianNB.predictLogProba';
    const s = fitted(where, this.state);
    const k = s.classes.length;
    const jll = jointLogLikelihood(where, s, x);
    const q = jll.length / k;
    for (let i = 0; i < q; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, jll[i * k + c] as number);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp((jll[i * k + c] as number) - max);
      const lse = max + Math.log(sum);
      for (let c = 0; c < k; c++) jll[i * k + c] = (jll[i * k + c] as number) - lse;
    }
    return toRows(jll, q, k);
  }

  /** P(class | x) for every row, columns in {@link classes} order. */
  predictProba(x: MatrixInput): Float64Array[] {
    return this.predictLogProba(x).map((row) => row.map(Math.exp));
  }

  /** The most probable class of each row. */
  predict(x: MatrixInput): Int32Array {
    const where = 'GaussianNB.predict';
    const s = fitted(where, this.state);
    const jll = jointLogLikelihood(where, s, x);
    return bestClasses(jll, s.classes);
  }

  /** Accuracy of {@link predict} on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const where = 'GaussianNB.score';
    fitted(where, this.state);
    const yt = readLabels(where, 'y', y);
    const yp = this.predict(x);
    assertSameLength(where, 'y', yt.length, yp.length);
    return accuracy(yt, yp);
  }
}

/** log P(c) + Σ_j log N(x_j; μ_cj, σ²_cj) for every row and class, row-major. */
function jointLogLikelihood(where: string, s: Fitted, x: MatrixInput): Float64Array {
  const m = readMatrix(where, 'x', x);
  assertColumns(where, 'x', [m.rows, m.cols], s.nFeatures);
  const k = s.classes.length;
  const d = s.nFeatures;
  const out = new Float64Array(m.rows * k);
  for (let i = 0; i < m.rows; i++) {
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const diff = (m.data[i * d + j] as number) - (s.means[c * d + j] as number);
        sum += (diff * diff) / (s.variances[c * d + j] as number);
      }
      out[i * k + c] = (s.constants[c] as number) - 0.5 * sum;
    }
  }
  return out;
}
