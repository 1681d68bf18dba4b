/** How a decision tree measures the class mix of a node. */
export type Criterion = 'gini' | 'entropy';

/** Impurity of a node from its class counts and size: Gini 1 - Σp², or entropy -Σ p log2 p. */
export function impurity(criterion: Criterion, counts: Float64Array, total: number): number {
  if (total === 0) return 0;
  if (criterion === 'gini') {
    let sumSquares = 0;
    for (const c of counts) sumSquares += c * c;
    return 1 - sumSquares / (total * total);
  }
  let h = 0;
  for (const c of counts) {
    if (c > 0) {
      const p = c / total;
      h -= p * Math.log2(p);
    }
  }
  return h;
}
