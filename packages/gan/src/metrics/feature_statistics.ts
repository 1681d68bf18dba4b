import { ShapeError } from '@gankit/core';
import { type RowsInput, readRows } from './arrays';

/** The mean and covariance of a batch of feature vectors, in float64. */
export type FeatureStatistics = {
  /** Length d. */
  mean: Float64Array;
  /** Row-major `d x d`, unbiased (divides by n - 1), exactly symmetric. */
  cov: Float64Array;
  /** The feature dimension d. */
  dim: number;
};

/**
 * The mean and the unbiased covariance `Σ = (X - μ)ᵀ(X - μ) / (n - 1)` of `n` feature
 * vectors, as {@link frechetDistance} takes them (numpy's `np.cov(X, rowvar=False)`). Computed
 * in float64 from centred data, one rank-1 update of the upper triangle per row.
 *
 * @param features `[n, d]` with n >= 2: a rank-2 tensor or an array of rows.
 */
export function featureStatistics(features: RowsInput): FeatureStatistics {
  const where = 'featureStatistics';
  const { data, rows: n, cols: d } = readRows(where, 'features', features);
  if (n < 2 || d < 1) {
    throw new ShapeError(
      `Argument 'features' passed to '${where}' must have at least 2 rows and 1 column for a covariance, but got shape [${n}, ${d}].`,
    );
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  }
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let j = 0; j < d; j++) {
      const cj = centred[j] as number;
      if (cj === 0) continue;
      const row = j * d;
      for (let k = j; k < d; k++)
        cov[row + k] = (cov[row + k] as number) + cj * (centred[k] as number);
    }
  }
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const v = (cov[j * d + k] as number) / (n - 1);
      cov[j * d + k] = v;
      cov[k * d + j] = v;
    }
  }
  return { mean, cov, dim: d };
}
