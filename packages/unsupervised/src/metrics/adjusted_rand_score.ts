import { encodeLabels, type Labels } from '../internal/input';

/**
 * Adjusted Rand index between two labellings of the same rows: 1 for identical partitions
 * (whatever the label names), about 0 for independent ones, and negative below chance.
 * Labels may be numbers or strings. Computed from the pair confusion matrix, as
 * scikit-learn does, which also covers the one-cluster and all-singletons cases.
 */
export function adjustedRandScore(labelsTrue: Labels, labelsPred: Labels): number {
  const where = 'adjustedRandScore';
  const a = encodeLabels(where, 'labelsTrue', labelsTrue);
  const b = encodeLabels(where, 'labelsPred', labelsPred, a.codes.length);
  const n = a.codes.length;
  const table = new Float64Array(a.classes * b.classes);
  const rowSums = new Float64Array(a.classes);
  const colSums = new Float64Array(b.classes);
  for (let i = 0; i < n; i++) {
    const r = a.codes[i] as number;
    const c = b.codes[i] as number;
    table[r * b.classes + c] = (table[r * b.classes + c] as number) + 1;
    rowSums[r] = (rowSums[r] as number) + 1;
    colSums[c] = (colSums[c] as number) + 1;
  }
  let squares = 0;
  let byRow = 0;
  let byCol = 0;
  for (let r = 0; r < a.classes; r++) {
    for (let c = 0; c < b.classes; c++) {
      const v = table[r * b.classes + c] as number;
      squares += v * v;
      byRow += v * (rowSums[r] as number);
      byCol += v * (colSums[c] as number);
    }
  }
  // Ordered pairs of distinct rows: together in both, in pred only, in true only, in neither.
  const both = squares - n;
  const predOnly = byCol - squares;
  const trueOnly = byRow - squares;
  const neither = n * n - predOnly - trueOnly - squares;
  if (predOnly === 0 && trueOnly === 0) return 1;
  return (
    (2 * (both * neither - trueOnly * predOnly)) /
    ((both + trueOnly) * (trueOnly + neither) + (both + predOnly) * (predOnly + neither))
  );
}
