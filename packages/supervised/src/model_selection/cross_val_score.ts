import { assertKnownOptions } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { MatrixInput, VectorInput } from '../input';
import { KFold, type Splitter, StratifiedKFold } from './kfold';
import { takeRows } from './take';

/** What {@link crossValScore} needs of an estimator: `fit` and `score` (sync or async). */
export interface Estimator {
  fit(x: MatrixInput, y: VectorInput): unknown;
  score(x: MatrixInput, y: VectorInput): number | Promise<number>;
}

/** Options of {@link crossValScore}. */
export interface CrossValScoreOptions {
  /**
   * The folds: a number of folds (default 5) or a splitter. A number gives
   * {@link StratifiedKFold} for classifiers (estimators with `predictProba`) and
   * {@link KFold} otherwise, like scikit-learn; neither shuffles.
   */
  cv?: number | Splitter;
}

/**
 * Fits a fresh estimator on each training part and scores it on the held-out fold
 * (`score`: accuracy for classifiers, R² for regressors). Returns one score per fold.
 *
 * ```ts
 * const scores = await crossValScore(() => new KNeighborsClassifier({ nNeighbors: 3 }), x, y, { cv: 5 });
 * ```
 */
export async function crossValScore(
  createEstimator: () => Estimator,
  x: MatrixInput,
  y: VectorInput,
  options: CrossValScoreOptions = {},
): Promise<Float64Array> {
  assertKnownOptions('crossValScore', options, ['cv']);
  const probe = createEstimator();
  const cv = options.cv ?? 5;
  const splitter: Splitter =
    typeof cv === 'number'
      ? 'predictProba' in probe
        ? new StratifiedKFold({ nSplits: cv })
        : new KFold({ nSplits: cv })
      : cv;
  const folds = splitter.split(x, y);
  const scores = new Float64Array(folds.length);
  for (const [f, fold] of folds.entries()) {
    const parts = [
      takeRows(x, fold.train),
      takeRows(y, fold.train),
      takeRows(x, fold.test),
      takeRows(y, fold.test),
    ] as const;
    try {
      const estimator = f === 0 ? probe : createEstimator();
      await estimator.fit(parts[0], parts[1]);
      scores[f] = await estimator.score(parts[2], parts[3]);
    } finally {
      for (const p of parts) if (p instanceof tf.Tensor) p.dispose();
    }
  }
  return scores;
}
