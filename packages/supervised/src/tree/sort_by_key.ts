/**
 * Sorts `keys[0..n)` ascending in place and applies the same moves to `payload`. An
 * iterative three-way quicksort (median-of-three pivot, insertion sort for short runs) on
 * typed arrays: several times faster than `Array.prototype.sort` with a comparator, and
 * linear on runs of equal keys (the many zero pixels of an image column).
 */
export function sortByKey(keys: Float64Array, payload: Int32Array, n: number): void {
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    let hi = stack.pop() as number;
    let lo = stack.pop() as number;
    while (hi - lo > 16) {
      const [lt, gt] = partition(keys, payload, lo, hi);
      // Push the smaller side, keep working on the larger: the stack stays O(log n).
      if (lt - lo < hi - gt) {
        stack.push(lo, lt - 1);
        lo = gt + 1;
      } else {
        stack.push(gt + 1, hi);
        hi = lt - 1;
      }
    }
    insertionSort(keys, payload, lo, hi);
  }
}

function swap(keys: Float64Array, payload: Int32Array, i: number, j: number): void {
  const k = keys[i] as number;
  keys[i] = keys[j] as number;
  keys[j] = k;
  const p = payload[i] as number;
  payload[i] = payload[j] as number;
  payload[j] = p;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}

/** Dutch-flag partition: afterwards keys[lo..lt) < pivot = keys[lt..gt] < keys(gt..hi]. */
function partition(
  keys: Float64Array,
  payload: Int32Array,
  lo: number,
  hi: number,
): [number, number] {
  const pivot = medianOfThree(
    keys[lo] as number,
    keys[(lo + hi) >>> 1] as number,
    keys[hi] as number,
  );
  let lt = lo;
  let gt = hi;
  let i = lo;
  while (i <= gt) {
    const k = keys[i] as number;
    if (k < pivot) swap(keys, payload, lt++, i++);
    else if (k > pivot) swap(keys, payload, i, gt--);
    else i++;
  }
  return [lt, gt];
}

function insertionSort(keys: Float64Array, payload: Int32Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const k = keys[i] as number;
    const p = payload[i] as number;
    let j = i - 1;
    while (j >= lo && (keys[j] as number) > k) {
      keys[j + 1] = keys[j] as number;
      payload[j + 1] = payload[j] as number;
      j--;
    }
    keys[j + 1] = k;
    payload[j + 1] = p;
  }
}
