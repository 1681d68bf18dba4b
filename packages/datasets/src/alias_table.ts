/**
 * Walker's alias table (Vose's construction): after O(n) set-up, draws an index with
 * probability proportional to its weight in O(1) from one uniform number.
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  /** `weights` must be finite, >= 0, with a positive sum. */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] as number;
    const scaled = Float64Array.from(weights, (w) => (w * n) / total);
    this.prob = new Float64Array(n).fill(1);
    this.alias = Int32Array.from({ length: n }, (_, i) => i);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => {
      (p < 1 ? small : large).push(i);
    });
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large.pop() as number;
      this.prob[s] = scaled[s] as number;
      this.alias[s] = l;
      scaled[l] = (scaled[l] as number) + (scaled[s] as number) - 1;
      ((scaled[l] as number) < 1 ? small : large).push(l);
    }
    // Whatever is left is 1 up to rounding and keeps prob 1.
  }

  /** An index drawn by weight, from a uniform number in [0, 1). */
  draw(uniform: number): number {
    const x = uniform * this.prob.length;
    const i = Math.floor(x);
    return x - i < (this.prob[i] as number) ? i : (this.alias[i] as number);
  }
}
