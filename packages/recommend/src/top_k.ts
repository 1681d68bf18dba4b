/**
 * True when (score a, index ia) ranks before (score b, index ib): higher score first,
 * ties broken by the lower index so that every ranking is deterministic.
 */
export function ranksBefore(a: number, ia: number, b: number, ib: number): boolean {
  return a > b || (a === b && ia < ib);
}

/**
 * Reorders the first `m` entries of the parallel arrays so that the best `k` of them
 * (by {@link ranksBefore} on `score`/`index`) come first, in no particular order.
 * Quickselect: O(m) on average.
 */
export function selectTopK(
  score: Float64Array,
  index: Int32Array,
  extra: Float64Array,
  m: number,
  k: number,
): void {
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const ps = score[mid] as number;
    const pi = index[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (ranksBefore(score[i] as number, index[i] as number, ps, pi)) i++;
      while (ranksBefore(ps, pi, score[j] as number, index[j] as number)) j--;
      if (i <= j) {
        swap(score, index, extra, i, j);
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

function swap(score: Float64Array, index: Int32Array, extra: Float64Array, i: number, j: number) {
  const s = score[i] as number;
  score[i] = score[j] as number;
  score[j] = s;
  const x = index[i] as number;
  index[i] = index[j] as number;
  index[j] = x;
  const e = extra[i] as number;
  extra[i] = extra[j] as number;
  extra[j] = e;
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
