/**
 * True when (score a, index ia) ranks before (score b, index ib): higher score first,
 * ties broken by the lower index so that every ranking is deterministic.
 */
export function ranksBefore(a: number, ia: number, b: number, ib: number): boolean {
  return a > b || (a === b && ia < ib);
}

/**
 * Keeps the best `n` (score, index) pairs seen so far, in a min-heap whose root is the
 * worst kept pair. `sorted()` returns them best first.
 */
export class TopN {
  private readonly scores: Float64Array;
  private readonly indices: Int32Array;
  private size = 0;

  constructor(readonly n: number) {
    this.scores = new Float64Array(n);
    this.indices = new Int32Array(n);
  }

  /** Offers one candidate. */
  push(score: number, index: number): void {
    const { scores, indices } = this;
    if (this.size < this.n) {
      let c = this.size++;
      while (c > 0) {
        const parent = (c - 1) >> 1;
        if (!ranksBefore(scores[parent] as number, indices[parent] as number, score, index)) break;
        scores[c] = scores[parent] as number;
        indices[c] = indices[parent] as number;
        c = parent;
      }
      scores[c] = score;
      indices[c] = index;
      return;
    }
    if (this.n === 0 || !ranksBefore(score, index, scores[0] as number, indices[0] as number)) {
      return;
    }
    this.siftDown(score, index);
  }

  private siftDown(score: number, index: number): void {
    const { scores, indices, size } = this;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= size) break;
      const r = l + 1;
      // The child that ranks worse is the one to move up in a min-heap.
      let w = l;
      if (
        r < size &&
        ranksBefore(
          scores[l] as number,
          indices[l] as number,
          scores[r] as number,
          indices[r] as number,
        )
      ) {
        w = r;
      }
      if (!ranksBefore(score, index, scores[w] as number, indices[w] as number)) break;
      scores[c] = scores[w] as number;
      indices[c] = indices[w] as number;
      c = w;
    }
    scores[c] = score;
    indices[c] = index;
  }

  /** The kept pairs, best first. */
  sorted(): { score: number; index: number }[] {
    const out: { score: number; index: number }[] = [];
    for (let p = 0; p < this.size; p++) {
      out.push({ score: this.scores[p] as number, index: this.indices[p] as number });
    }
    return out.sort((a, b) => (ranksBefore(a.score, a.index, b.score, b.index) ? -1 : 1));
  }
}

/**
 * The k-th largest of the first `m` entries of `values` (1 <= k <= m), using `scratch`
 * (length >= m) as working space. Quickselect on plain numbers.
 */
export function kthLargest(
  values: Float64Array,
  m: number,
  k: number,
  scratch: Float64Array,
): number {
  for (let n = 0; n < m; n++) scratch[n] = values[n] as number;
  let lo = 0;
  let hi = m - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = scratch[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((scratch[i] as number) > pivot) i++;
      while ((scratch[j] as number) < pivot) j--;
      if (i <= j) {
        const t = scratch[i] as number;
        scratch[i] = scratch[j] as number;
        scratch[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return scratch[target] as number;
}

/**
 * Keeps, in place and in their original order, the best `k` of the first `m` entries of
 * the parallel arrays: every score above the k-th largest, then entries equal to it in
 * order of appearance. When `index` is ascending this is exactly the top k by
 * {@link ranksBefore}. Returns k.
 */
export function keepTopK(
  score: Float64Array,
  index: Int32Array,
  extra: Float64Array,
  m: number,
  k: number,
  scratch: Float64Array,
): number {
  const threshold = kthLargest(score, m, k, scratch);
  let above = 0;
  for (let n = 0; n < m; n++) if ((score[n] as number) > threshold) above++;
  let ties = k - above;
  let out = 0;
  for (let n = 0; n < m; n++) {
    const s = score[n] as number;
    if (s > threshold || (s === threshold && ties-- > 0)) {
      score[out] = s;
      index[out] = index[n] as number;
      extra[out] = extra[n] as number;
      out++;
    }
  }
  return out;
}
