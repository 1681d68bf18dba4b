import {
  assertInteger,
  assertKnownOptions,
  type Matrix,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { assertFitted, readMatrix, readMatrixWithColumns } from './internal/input';
import { symmetricEigen } from './internal/linalg';

/** Options of {@link PCA}. */
export interface PCAOptions {
  /** Components kept. Default min(n, d). */
  nComponents?: number;
}

interface Fitted {
  mean: Float64Array;
  /** k x d, row-major. */
  components: Float64Array;
  explainedVariance: Float64Array;
  totalVariance: number;
  n: number;
  d: number;
  k: number;
}

/**
 * Principal component analysis by eigen-decomposition of the covariance matrix, after
 * scikit-learn's `PCA`. The d x d covariance is one product of the centred data with its
 * transpose on the backend; the eigen-decomposition (Jacobi) runs in float64. Each
 * component's sign makes its largest-magnitude entry positive.
 *
 * ```ts
 * const pca = new PCA({ nComponents: 2 }).fit(x);
 * pca.explainedVarianceRatio; const z = pca.transform(x);
 * ```
 */
export class PCA {
  readonly nComponents: number | undefined;
  private fitted: Fitted | undefined;

  constructor(options: PCAOptions = {}) {
    assertKnownOptions('PCA', options, ['nComponents']);
    this.nComponents =
      options.nComponents === undefined
        ? undefined
        : assertInteger('PCA', 'nComponents', options.nComponents);
  }

  /** Finds the principal axes of the rows of `x` (n x d). Returns this estimator, fitted. */
  fit(x: Matrix | tf.Tensor): this {
    const where = 'PCA.fit';
    const { values, n, d } = readMatrix(where, 'x', x);
    if (n < 2)
      throw new ValueError(
        `Argument 'x' passed to '${where}' must have at least 2 rows, but got ${n}.`,
      );
    const k = this.nComponents ?? Math.min(n, d);
    if (k > Math.min(n, d)) {
      throw new ValueError(
        `Argument 'nComponents' passed to '${where}' must be <= min(n, d) = ${Math.min(n, d)}, but got ${k}.`,
      );
    }
    const mean = columnMeans(values, n, d);
    const covariance = covarianceMatrix(values, n, d, mean);
    const { values: eigenvalues, vectors } = symmetricEigen(covariance, d);
    const components = new Float64Array(k * d);
    for (let c = 0; c < k; c++)
      components.set(withPositiveLargestEntry(vectors[c] as Float64Array), c * d);
    let totalVariance = 0;
    for (let j = 0; j < d; j++) totalVariance += covariance[j * d + j] as number;
    const explainedVariance = Float64Array.from(eigenvalues.subarray(0, k), (v) => Math.max(v, 0));
    this.fitted = { mean, components, explainedVariance, totalVariance, n, d, k };
    return this;
  }

  /** The principal axes, k x d, by decreasing variance. */
  get components(): number[][] {
    const f = assertFitted('PCA.components', this.fitted);
    return Array.from({ length: f.k }, (_, c) =>
      Array.from(f.components.subarray(c * f.d, (c + 1) * f.d)),
    );
  }

  /** Variance of the data along each component (covariance eigenvalues, n - 1 denominator). */
  get explainedVariance(): number[] {
    return Array.from(assertFitted('PCA.explainedVariance', this.fitted).explainedVariance);
  }

  /** Share of the total variance along each component. */
  get explainedVarianceRatio(): number[] {
    const f = assertFitted('PCA.explainedVarianceRatio', this.fitted);
    return Array.from(f.explainedVariance, (v) => v / f.totalVariance);
  }

  /** Singular values of the centred data: sqrt((n - 1) * explained variance). */
  get singularValues(): number[] {
    const f = assertFitted('PCA.singularValues', this.fitted);
    return Array.from(f.explainedVariance, (v) => Math.sqrt(v * (f.n - 1)));
  }

  /** The column means removed before projecting. */
  get mean(): number[] {
    return Array.from(assertFitted('PCA.mean', this.fitted).mean);
  }

  /** Projects the rows of `x` onto the components: n rows of k coordinates. */
  transform(x: Matrix | tf.Tensor): Float32Array[] {
    const f = assertFitted('PCA.transform', this.fitted);
    const { values, n, d } = readMatrixWithColumns('PCA.transform', 'x', x, f.d);
    const centred = Float32Array.from(values, (v, i) => v - (f.mean[i % d] as number));
    const componentsT = new Float32Array(d * f.k);
    for (let c = 0; c < f.k; c++)
      for (let j = 0; j < d; j++) componentsT[j * f.k + c] = f.components[c * d + j] as number;
    return productRows(centred, n, d, componentsT, f.k, new Float64Array(f.k));
  }

  /** Maps coordinates (n x k) back to the original space: z C + mean, n rows of d values. */
  inverseTransform(z: Matrix | tf.Tensor): Float32Array[] {
    const f = assertFitted('PCA.inverseTransform', this.fitted);
    const { values, n, d: k } = readMatrix('PCA.inverseTransform', 'z', z);
    if (k !== f.k) {
      throw new ShapeError(
        `Argument 'z' passed to 'PCA.inverseTransform' must have ${f.k} columns (nComponents), but got ${k}.`,
      );
    }
    return productRows(values, n, k, Float32Array.from(f.components), f.d, f.mean);
  }
}

function columnMeans(values: Float32Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (values[i * d + j] as number);
  return mean.map((s) => s / n);
}

/** The d x d sample covariance: (X - mean)^T (X - mean) / (n - 1), the product on the backend. */
function covarianceMatrix(
  values: Float32Array,
  n: number,
  d: number,
  mean: Float64Array,
): Float64Array {
  const centred = Float32Array.from(values, (v, i) => v - (mean[i % d] as number));
  const product = tf.tidy(() => {
    const xc = tf.tensor2d(centred, [n, d]);
    return tf.matMul(tf.transpose(xc), xc);
  });
  const out = Float64Array.from(product.dataSync(), (v) => v / (n - 1));
  product.dispose();
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const s = ((out[i * d + j] as number) + (out[j * d + i] as number)) / 2;
      out[i * d + j] = s;
      out[j * d + i] = s;
    }
  }
  return out;
}

function withPositiveLargestEntry(v: Float64Array): Float64Array {
  let largest = 0;
  for (let j = 1; j < v.length; j++)
    if (Math.abs(v[j] as number) > Math.abs(v[largest] as number)) largest = j;
  return (v[largest] as number) < 0 ? v.map((x) => -x) : v;
}

/** (a (n x p) times b (p x q)) + offset, on the backend, as n rows. */
function productRows(
  a: Float32Array,
  n: number,
  p: number,
  b: Float32Array,
  q: number,
  offset: Float64Array,
): Float32Array[] {
  const product = tf.tidy(() =>
    tf.add(
      tf.matMul(tf.tensor2d(a, [n, p]), tf.tensor2d(b, [p, q])),
      tf.tensor1d(Float32Array.from(offset)),
    ),
  );
  const values = product.dataSync() as Float32Array;
  product.dispose();
  return Array.from({ length: n }, (_, i) => values.slice(i * q, (i + 1) * q));
}
