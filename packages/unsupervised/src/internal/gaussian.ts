import * as tf from '@tensorflow/tfjs-core';
import { cholesky, invertLower, transposeSquare } from './linalg';

/** Covariance shapes a Gaussian mixture supports. */
export type CovarianceType = 'full' | 'diag';

/**
 * Parameters of a K-component Gaussian mixture in float64, row-major: `means` K*d,
 * `covariances` K*d*d ('full') or K*d ('diag'), and the Cholesky factors of the precisions
 * (`precisionCholesky`, same layout) with P_k P_k^T = Sigma_k^-1.
 */
export interface MixtureParameters {
  readonly type: CovarianceType;
  readonly k: number;
  readonly d: number;
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  readonly precisionCholesky: Float64Array;
  /** log det P_k per component: half the log-determinant of the precision. */
  readonly logDetPrecisionCholesky: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Precision Cholesky factors and their log-determinants from covariances. */
export function withPrecisions(
  type: CovarianceType,
  k: number,
  d: number,
  weights: Float64Array,
  means: Float64Array,
  covariances: Float64Array,
  where: string,
): MixtureParameters {
  const per = type === 'full' ? d * d : d;
  const precisionCholesky = new Float64Array(k * per);
  const logDet = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    if (type === 'full') {
      const l = cholesky(covariances.subarray(c * per, (c + 1) * per), d, where);
      const p = transposeSquare(invertLower(l, d), d);
      precisionCholesky.set(p, c * per);
      let s = 0;
      for (let j = 0; j < d; j++) s += Math.log(p[j * d + j] as number);
      logDet[c] = s;
    } else {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = covariances[c * d + j] as number;
        if (!(v > 0)) cholesky(new Float64Array([v]), 1, where);
        const p = 1 / Math.sqrt(v);
        precisionCholesky[c * d + j] = p;
        s += Math.log(p);
      }
      logDet[c] = s;
    }
  }
  return {
    type,
    k,
    d,
    weights,
    means,
    covariances,
    precisionCholesky,
    logDetPrecisionCholesky: logDet,
  };
}

/**
 * log(w_k) + log N(x | mu_k, Sigma_k) for every row and component, n x K, on the backend.
 * Full: y = x P_k - mu_k P_k for all k in one product with the d x (K d) block matrix of
 * the P_k, then the squared norm of each d-block. Diag: the same with diagonal P_k.
 */
export function weightedLogProb(x: tf.Tensor2D, params: MixtureParameters): tf.Tensor2D {
  const { k, d } = params;
  const n = x.shape[0];
  const blocks = new Float32Array(d * k * d);
  const bias = new Float32Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let col = 0; col < d; col++) {
      let b = 0;
      for (let row = 0; row < d; row++) {
        const p = precisionEntry(params, c, row, col);
        blocks[row * k * d + c * d + col] = p;
        b -= (params.means[c * d + row] as number) * p;
      }
      bias[c * d + col] = b;
    }
  }
  const offsets = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    offsets[c] =
      -0.5 * d * LOG_2PI +
      (params.logDetPrecisionCholesky[c] as number) +
      Math.log(params.weights[c] as number);
  }
  return tf.tidy(() => {
    const y = tf.fused.matMul({
      a: x,
      b: tf.tensor2d(blocks, [d, k * d]),
      bias: tf.tensor1d(bias),
    });
    const mahalanobis = tf.sum(tf.reshape(tf.square(y), [n, k, d]), 2);
    return tf.add(tf.mul(mahalanobis, -0.5), tf.tensor1d(offsets)) as tf.Tensor2D;
  });
}

function precisionEntry(params: MixtureParameters, c: number, row: number, col: number): number {
  const { d } = params;
  if (params.type === 'full') return params.precisionCholesky[c * d * d + row * d + col] as number;
  return row === col ? (params.precisionCholesky[c * d + row] as number) : 0;
}

/** Row-wise log-sum-exp of an n x K tensor (the log-density of each row), on the backend. */
export function logSumExpRows(t: tf.Tensor2D): tf.Tensor1D {
  return tf.logSumExp(t, 1) as tf.Tensor1D;
}

/**
 * The M-step: weights, means and covariances (plus `regCovar` on the diagonal) that
 * maximise the expected log-likelihood under responsibilities `resp` (n x K).
 */
export function estimateParameters(
  x: tf.Tensor2D,
  resp: tf.Tensor2D,
  type: CovarianceType,
  regCovar: number,
  where: string,
): MixtureParameters {
  const [n, d] = x.shape;
  const k = resp.shape[1];
  const [nkT, meansT] = tf.tidy(() => {
    const nk = tf.add(tf.sum(resp, 0), 10 * 2.220446049250313e-16);
    const sums = tf.matMul(tf.transpose(resp), x);
    return [nk, tf.div(sums, tf.reshape(nk, [k, 1]))];
  });
  const nk = Float64Array.from(nkT.dataSync());
  const means = Float64Array.from(meansT.dataSync());
  const covariances = new Float64Array(type === 'full' ? k * d * d : k * d);
  for (let c = 0; c < k; c++) {
    const cov = tf.tidy(() => {
      const diff = tf.sub(x, tf.slice(meansT, [c, 0], [1, d]));
      const r = tf.slice(resp, [0, c], [n, 1]);
      const weighted = tf.mul(diff, r);
      return type === 'full'
        ? tf.matMul(tf.transpose(weighted), diff)
        : tf.sum(tf.mul(weighted, diff), 0);
    });
    const values = cov.dataSync();
    cov.dispose();
    const per = type === 'full' ? d * d : d;
    for (let i = 0; i < per; i++)
      covariances[c * per + i] = (values[i] as number) / (nk[c] as number);
    for (let j = 0; j < d; j++) {
      const at = c * per + (type === 'full' ? j * d + j : j);
      covariances[at] = (covariances[at] as number) + regCovar;
    }
  }
  nkT.dispose();
  meansT.dispose();
  const weights = Float64Array.from(nk, (v) => v / n);
  return withPrecisions(type, k, d, weights, means, covariances, where);
}
