import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  assertOneOf,
  GankitError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { bestClasses } from '../best_class';
import {
  assertColumns,
  assertSameLength,
  assertTwoClasses,
  encodeLabels,
  fitted,
  type MatrixInput,
  matrixTensor,
  readLabels,
  toRows,
  type VectorInput,
} from '../input';
import { accuracy } from '../metrics/classification';
import { minimizeLbfgs, type Objective } from '../optim/lbfgs';

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** Inverse L2 strength, as in scikit-learn: the penalty is ||W||² / (2C). Default 1. */
  C?: number;
  /** `'l2'` (default) or `'none'` (unpenalised, which diverges on separable data). */
  penalty?: 'l2' | 'none';
  /** Fit an (unpenalised) intercept per class. Default `true`. */
  fitIntercept?: boolean;
  /** Most L-BFGS iterations. Default 100 (scikit-learn's). */
  maxIter?: number;
  /** Stop when the largest gradient entry of the mean loss is at most this. Default 1e-4. */
  tol?: number;
  /** Aborting stops training at the next loss evaluation; `fit` then rejects with the signal's reason. */
  signal?: AbortSignal;
}

interface Fitted {
  readonly classes: Int32Array;
  /** Rows of weights: one row for two classes (the second class's log-odds), else one per class. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  readonly rows: number;
  readonly nFeatures: number;
  readonly nIter: number;
  readonly converged: boolean;
}

/** Per-sample losses and the gradient parts of the logistic or softmax loss at weights `w`, intercepts `b`. */
function lossAndGradient(
  x: tf.Tensor2D,
  targets: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  binary: boolean,
) {
  return tf.tidy(() => {
    // matMul is fast on wasm only without transpose flags: transpose the small weight matrix.
    const z = tf.add(tf.matMul(x, tf.transpose(w)), b) as tf.Tensor2D;
    let loss: tf.Tensor;
    let dz: tf.Tensor2D;
    if (binary) {
      loss = tf.sub(tf.softplus(z), tf.mul(targets, z));
      dz = tf.sub(tf.sigmoid(z), targets);
    } else {
      const lse = tf.logSumExp(z, 1, true);
      loss = tf.sub(lse, tf.sum(tf.mul(z, targets), 1, true));
      dz = tf.sub(tf.exp(tf.sub(z, lse)), targets);
    }
    const gradW = tf.matMul(tf.transpose(dz), x);
    return [tf.reshape(loss, [-1]), gradW, tf.sum(dz, 0)];
  });
}

/**
 * The mean cross-entropy plus ||W||²/(2Cn): scikit-learn's objective divided by n. The
 * heavy products run as tensor ops; the sums and the optimiser run in float64.
 */
function objective(
  x: tf.Tensor2D,
  targets: tf.Tensor2D,
  shape: { rows: number; cols: number },
  l2: number,
  fitIntercept: boolean,
): Objective {
  const { rows, cols } = shape;
  const n = x.shape[0];
  const binary = rows === 1;
  return async (theta) => {
    const wValues = theta.subarray(0, rows * cols);
    const parts = tf.tidy(() => {
      const w = tf.tensor2d(Float32Array.from(wValues), [rows, cols]);
      const b = tf.tensor1d(
        fitIntercept ? Float32Array.from(theta.subarray(rows * cols)) : new Float32Array(rows),
      );
      return lossAndGradient(x, targets, w, b, binary);
    });
    const [loss, gradW, gradB] = await Promise.all(parts.map((p) => p.data()));
    tf.dispose(parts);
    let value = 0;
    for (const v of loss as Float32Array) value += v;
    value /= n;
    const gradient = new Float64Array(theta.length);
    for (let j = 0; j < rows * cols; j++) {
      const wj = wValues[j] as number;
      value += 0.5 * l2 * wj * wj;
      gradient[j] = ((gradW as Float32Array)[j] as number) / n + l2 * wj;
    }
    if (fitIntercept)
      for (let c = 0; c < rows; c++)
        gradient[rows * cols + c] = ((gradB as Float32Array)[c] as number) / n;
    return { value, gradient };
  };
}

/**
 * Logistic regression with an L2 penalty: binary (sigmoid) for two classes, multinomial
 * (softmax) for more, fitted by L-BFGS on scikit-learn's objective with its defaults
 * (C = 1, 100 iterations, tol 1e-4). Labels are any integers.
 *
 * ```ts
 * const model = await new LogisticRegression({ C: 1 }).fit(xTrain, yTrain);
 * model.score(xTest, yTest); // accuracy
 * ```
 */
export class LogisticRegression {
  readonly C: number;
  readonly penalty: 'l2' | 'none';
  readonly fitIntercept: boolean;
  readonly maxIter: number;
  readonly tol: number;
  private readonly signal: AbortSignal | undefined;
  private state?: Fitted;

  constructor(options: LogisticRegressionOptions = {}) {
    const where = 'LogisticRegression';
    assertKnownOptions(where, options, [
      'C',
      'penalty',
      'fitIntercept',
      'maxIter',
      'tol',
      'signal',
    ]);
    this.C = assertNumberInRange(where, 'C', options.C ?? 1, Number.MIN_VALUE);
    this.penalty = assertOneOf(where, 'penalty', options.penalty ?? 'l2', ['l2', 'none']);
    this.fitIntercept = options.fitIntercept ?? true;
    this.maxIter = assertInteger(where, 'maxIter', options.maxIter ?? 100);
    this.tol = assertNumberInRange(where, 'tol', options.tol ?? 1e-4, 0);
    this.signal = options.signal;
  }

  /** Fits the weights to rows `x` and integer labels `y`; resolves to this. */
  async fit(x: MatrixInput, y: VectorInput): Promise<this> {
    const where = 'LogisticRegression.fit';
    const xt = matrixTensor(where, 'x', x);
    try {
      const [n, d] = xt.shape;
      const { classes, codes } = encodeLabels(readLabels(where, 'y', y, n));
      assertTwoClasses(where, 'y', classes);
      const rows = classes.length === 2 ? 1 : classes.length;
      const targets = tf.tidy(() =>
        rows === 1
          ? tf.tensor2d(Float32Array.from(codes), [n, 1])
          : (tf.oneHot(tf.tensor1d(codes, 'int32'), rows).toFloat() as tf.Tensor2D),
      );
      const l2 = this.penalty === 'l2' ? 1 / (this.C * n) : 0;
      const loss = objective(xt, targets, { rows, cols: d }, l2, this.fitIntercept);
      const f: Objective = (theta) => {
        if (this.signal?.aborted) {
          throw this.signal.reason ?? new GankitError("'LogisticRegression.fit' was aborted.");
        }
        return loss(theta);
      };
      const result = await minimizeLbfgs(f, new Float64Array(rows * d + rows), {
        maxIter: this.maxIter,
        tol: this.tol,
      }).finally(() => targets.dispose());
      this.state = {
        classes,
        coef: result.theta.slice(0, rows * d),
        intercept: result.theta.slice(rows * d),
        rows,
        nFeatures: d,
        nIter: result.nIter,
        converged: result.converged,
      };
      return this;
    } finally {
      xt.dispose();
    }
  }

  /** The distinct labels seen in `fit`, ascending: the column order of {@link predictProba}. */
  get classes(): Int32Array {
    return fitted('LogisticRegression.classes', this.state).classes;
  }

  /** Weights as rows: one row (for the second class) with two classes, one per class otherwise. */
  get coef(): Float64Array[] {
    const s = fitted('LogisticRegression.coef', this.state);
    return toRows(s.coef, s.rows, s.nFeatures);
  }

  /** Intercepts, one per row of {@link coef}. */
  get intercept(): Float64Array {
    return fitted('LogisticRegression.intercept', this.state).intercept;
  }

  /** L-BFGS iterations run. */
  get nIter(): number {
    return fitted('LogisticRegression.nIter', this.state).nIter;
  }

  /** Whether L-BFGS met `tol` (or stopped improving) within `maxIter`; false means more iterations would help. */
  get converged(): boolean {
    return fitted('LogisticRegression.converged', this.state).converged;
  }

  /** Class probabilities, one row per sample, columns in {@link classes} order. */
  predictProba(x: MatrixInput): Float64Array[] {
    const where = 'LogisticRegression.predictProba';
    const s = fitted(where, this.state);
    const p = this.probabilities(where, s, x);
    const k = s.classes.length;
    return toRows(p, p.length / k, k);
  }

  /** The most probable class of each row. */
  predict(x: MatrixInput): Int32Array {
    const where = 'LogisticRegression.predict';
    const s = fitted(where, this.state);
    const p = this.probabilities(where, s, x);
    return bestClasses(p, s.classes);
  }

  /** Accuracy of {@link predict} on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const where = 'LogisticRegression.score';
    fitted(where, this.state);
    const yt = readLabels(where, 'y', y);
    const yp = this.predict(x);
    assertSameLength(where, 'y', yt.length, yp.length);
    return accuracy(yt, yp);
  }

  private probabilities(where: string, s: Fitted, x: MatrixInput): Float32Array {
    const xt = matrixTensor(where, 'x', x);
    try {
      assertColumns(where, 'x', xt.shape, s.nFeatures);
      const p = tf.tidy(() => {
        const w = tf.tensor2d(Float32Array.from(s.coef), [s.rows, s.nFeatures]);
        const z = tf.add(
          tf.matMul(xt, tf.transpose(w)),
          tf.tensor1d(Float32Array.from(s.intercept)),
        );
        if (s.rows > 1) return tf.softmax(z);
        const p1 = tf.sigmoid(z);
        return tf.concat([tf.sub(1, p1), p1], 1);
      });
      const values = p.dataSync() as Float32Array;
      p.dispose();
      return values;
    } finally {
      xt.dispose();
    }
  }
}
