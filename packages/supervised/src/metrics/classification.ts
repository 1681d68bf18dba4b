import { assertKnownOptions, assertOneOf } from '@gankit/core';
import { assertSameLength, readLabels, type VectorInput } from '../input';

/** How per-class scores are combined: unweighted mean, mean weighted by support, or from global counts. */
export type Average = 'macro' | 'weighted' | 'micro';

/** Options of {@link precisionScore}, {@link recallScore} and {@link f1Score}. */
export interface AverageOptions {
  /** Default `'macro'`. */
  average?: Average;
}

/** Per-class precision, recall, F1 and support (the number of true samples of each class). */
export interface ClassScores {
  /** The classes, ascending: every label seen in `yTrue` or `yPred`. */
  readonly labels: Int32Array;
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly f1: Float64Array;
  readonly support: Int32Array;
}

function readPair(where: string, yTrue: VectorInput, yPred: VectorInput): [Int32Array, Int32Array] {
  const t = readLabels(where, 'yTrue', yTrue);
  const p = readLabels(where, 'yPred', yPred);
  assertSameLength(where, 'yPred', p.length, t.length);
  return [t, p];
}

/** The fraction of predictions equal to the truth. */
export function accuracyScore(yTrue: VectorInput, yPred: VectorInput): number {
  const [t, p] = readPair('accuracyScore', yTrue, yPred);
  return accuracy(t, p);
}

/** Accuracy of two checked label arrays of equal length. */
export function accuracy(t: ArrayLike<number>, p: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return hits / t.length;
}

/** The result of {@link confusionMatrix}. */
export interface ConfusionMatrix {
  /** Row and column order: the sorted labels of `yTrue` and `yPred` (or the `labels` option). */
  readonly labels: Int32Array;
  /** `matrix[i][j]`: samples of true class `labels[i]` predicted as `labels[j]`. */
  readonly matrix: number[][];
}

function countMatrix(t: Int32Array, p: Int32Array, labels: Int32Array): number[][] {
  const index = new Map<number, number>();
  labels.forEach((l, i) => {
    index.set(l, i);
  });
  const m = Array.from(labels, () => new Array<number>(labels.length).fill(0));
  for (let i = 0; i < t.length; i++) {
    const r = index.get(t[i] as number);
    const c = index.get(p[i] as number);
    if (r !== undefined && c !== undefined)
      (m[r] as number[])[c] = ((m[r] as number[])[c] as number) + 1;
  }
  return m;
}

function unionLabels(t: Int32Array, p: Int32Array): Int32Array {
  return Int32Array.from(new Set([...t, ...p])).sort();
}

/**
 * Counts of (true, predicted) label pairs. Pass `labels` to fix the order or to select
 * classes (pairs with other labels are left out).
 */
export function confusionMatrix(
  yTrue: VectorInput,
  yPred: VectorInput,
  options: { labels?: VectorInput } = {},
): ConfusionMatrix {
  const where = 'confusionMatrix';
  assertKnownOptions(where, options, ['labels']);
  const [t, p] = readPair(where, yTrue, yPred);
  const labels =
    options.labels === undefined ? unionLabels(t, p) : readLabels(where, 'labels', options.labels);
  return { labels, matrix: countMatrix(t, p, labels) };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * Precision, recall, F1 and support for every class, like scikit-learn's
 * `precision_recall_fscore_support` with `average=None`. A score with a zero denominator is 0.
 */
export function precisionRecallF1(yTrue: VectorInput, yPred: VectorInput): ClassScores {
  const [t, p] = readPair('precisionRecallF1', yTrue, yPred);
  return classScores(t, p);
}

function classScores(t: Int32Array, p: Int32Array): ClassScores {
  const labels = unionLabels(t, p);
  const m = countMatrix(t, p, labels);
  const k = labels.length;
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const f1 = new Float64Array(k);
  const support = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const tp = (m[c] as number[])[c] as number;
    const actual = (m[c] as number[]).reduce((a, b) => a + b, 0);
    const predicted = m.reduce((a, row) => a + (row[c] as number), 0);
    precision[c] = ratio(tp, predicted);
    recall[c] = ratio(tp, actual);
    f1[c] = ratio(2 * tp, actual + predicted);
    support[c] = actual;
  }
  return { labels, precision, recall, f1, support };
}

function averaged(
  where: string,
  yTrue: VectorInput,
  yPred: VectorInput,
  options: AverageOptions,
  pick: 'precision' | 'recall' | 'f1',
): number {
  assertKnownOptions(where, options, ['average']);
  const average = assertOneOf(where, 'average', options.average ?? 'macro', [
    'macro',
    'weighted',
    'micro',
  ]);
  const [t, p] = readPair(where, yTrue, yPred);
  // With every sample assigned exactly one label, micro precision, recall and F1 all equal accuracy.
  if (average === 'micro') return accuracy(t, p);
  const s = classScores(t, p);
  const values = s[pick];
  if (average === 'macro') return values.reduce((a, b) => a + b, 0) / values.length;
  let total = 0;
  let sum = 0;
  values.forEach((v, c) => {
    sum += v * (s.support[c] as number);
    total += s.support[c] as number;
  });
  return sum / total;
}

/** Precision tp / (tp + fp), averaged over classes (default `'macro'`). */
export function precisionScore(
  yTrue: VectorInput,
  yPred: VectorInput,
  options: AverageOptions = {},
): number {
  return averaged('precisionScore', yTrue, yPred, options, 'precision');
}

/** Recall tp / (tp + fn), averaged over classes (default `'macro'`). */
export function recallScore(
  yTrue: VectorInput,
  yPred: VectorInput,
  options: AverageOptions = {},
): number {
  return averaged('recallScore', yTrue, yPred, options, 'recall');
}

/** F1, the harmonic mean of precision and recall, averaged over classes (default `'macro'`). */
export function f1Score(
  yTrue: VectorInput,
  yPred: VectorInput,
  options: AverageOptions = {},
): number {
  return averaged('f1Score', yTrue, yPred, options, 'f1');
}
