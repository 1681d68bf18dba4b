import type { Dense } from '../input';
import { type Criterion, impurity } from './impurity';

/** The best split of a node found by {@link bestSplit}. */
export interface Split {
  readonly feature: number;
  readonly threshold: number;
  /** Node impurity minus the size-weighted impurity of the children. */
  readonly decrease: number;
}

/** What a split search needs besides the node's samples. */
export interface SplitContext {
  readonly x: Dense;
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
  const { x, codes, nClasses, criterion, minSamplesLeaf } = ctx;
  const m = samples.length;
  const parent = impurity(criterion, counts, m);
  let best: Split | undefined;
  const values = new Float64Array(m);
  const order = new Int32Array(m);
  const left = new Float64Array(nClasses);
  const right = new Float64Array(nClasses);
  for (const f of features) {
    for (let i = 0; i < m; i++) {
      values[i] = x.data[(samples[i] as number) * x.cols + f] as number;
      order[i] = i;
    }
    order.sort((a, b) => (values[a] as number) - (values[b] as number));
    if (values[order[0] as number] === values[order[m - 1] as number]) continue;
    left.fill(0);
    right.set(counts);
    for (let i = 0; i < m - 1; i++) {
      const c = codes[samples[order[i] as number] as number] as number;
      left[c] = (left[c] as number) + 1;
      right[c] = (right[c] as number) - 1;
      const v = values[order[i] as number] as number;
      const next = values[order[i + 1] as number] as number;
      const nLeft = i + 1;
      if (v === next || nLeft < minSamplesLeaf || m - nLeft < minSamplesLeaf) continue;
      const children =
        (nLeft * impurity(criterion, left, nLeft) +
          (m - nLeft) * impurity(criterion, right, m - nLeft)) /
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
