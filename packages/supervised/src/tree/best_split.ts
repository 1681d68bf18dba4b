import type { Dense } from '../input';
import { type Criterion, impurity } from './impurity';
import { sortByKey } from './sort_by_key';

/** The best split of a node found by {@link bestSplit}. */
export interface Split {
  readonly feature: number;
  readonly threshold: number;
  /** Node impurity minus the size-weighted impurity of the children. */
  readonly decrease: number;
}

/** What a split search needs besides the node's samples. */
export interface SplitContext {
  /** The training rows stored column by column (feature-major), so one feature's values are contiguous. */
  readonly columns: Dense;
  readonly codes: Int32Array;
  readonly nClasses: number;
  readonly criterion: Criterion;
  readonly minSamplesLeaf: number;
}

/**
 * The split x[feature] <= threshold with the largest impurity decrease over `features`
 * (in the given order: the first of equally good splits wins), or undefined if no split
 * leaves `minSamplesLeaf` samples on each side and separates distinct values.
 */
export function bestSplit(
  ctx: SplitContext,
  samples: Int32Array,
  counts: Float64Array,
  features: Int32Array,
): Split | undefined {
  const { columns, codes, nClasses, criterion, minSamplesLeaf } = ctx;
  const m = samples.length;
  const parent = impurity(criterion, counts, m);
  let best: Split | undefined;
  const values = new Float64Array(m);
  const labels = new Int32Array(m);
  const left = new Float64Array(nClasses);
  const right = new Float64Array(nClasses);
  for (const f of features) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const s = samples[i] as number;
      const v = columns.data[f * columns.cols + s] as number;
      values[i] = v;
      labels[i] = codes[s] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min === max) continue;
    sortByKey(values, labels, m);
    left.fill(0);
    right.set(counts);
    // Σ counts² of each side, kept up to date in O(1) per step: Gini needs nothing else.
    let squaresLeft = 0;
    let squaresRight = 0;
    for (const c of counts) squaresRight += c * c;
    for (let i = 0; i < m - 1; i++) {
      const c = labels[i] as number;
      squaresLeft += 2 * (left[c] as number) + 1;
      squaresRight -= 2 * (right[c] as number) - 1;
      left[c] = (left[c] as number) + 1;
      right[c] = (right[c] as number) - 1;
      const v = values[i] as number;
      const next = values[i + 1] as number;
      const nLeft = i + 1;
      if (v === next || nLeft < minSamplesLeaf || m - nLeft < minSamplesLeaf) continue;
      const nRight = m - nLeft;
      const children =
        criterion === 'gini'
          ? 1 - (squaresLeft / nLeft + squaresRight / nRight) / m
          : (nLeft * impurity(criterion, left, nLeft) +
              nRight * impurity(criterion, right, nRight)) /
            m;
      const decrease = parent - children;
      if (best === undefined || decrease > best.decrease + 1e-12) {
        // The midpoint, unless rounding pushes it onto the upper value.
        const mid = v / 2 + next / 2;
        best = { feature: f, threshold: mid < next ? mid : v, decrease };
      }
    }
  }
  return best;
}
