import { ValueError } from '@gankit/core';
import type { Baselines } from './baselines';
import type { Interactions } from './interactions';

/** The similarity measures, named as in Surprise (plus adjusted cosine). */
export type SimilarityName = 'cosine' | 'pearson' | 'msd' | 'adjusted_cosine' | 'pearson_baseline';

/** All similarity names, for validation and docs. */
export const SIMILARITY_NAMES: readonly SimilarityName[] = [
  'cosine',
  'pearson',
  'msd',
  'adjusted_cosine',
  'pearson_baseline',
];

/**
 * Which similarity to compute. Defaults follow Surprise: `name: 'msd'`, `userBased: true`,
 * `minSupport: 1`, `shrinkage: 100` (pearson_baseline only).
 */
export interface SimilarityOptions {
  name?: SimilarityName;
  /** Similarities between users (true) or between items (false). */
  userBased?: boolean;
  /** Pairs with fewer common ratings than this get similarity 0. */
  minSupport?: number;
  /** Shrinkage of pearson_baseline towards 0: `(n-1)/(n-1+shrinkage)`. */
  shrinkage?: number;
}

/** A dense symmetric `n x n` similarity matrix, row-major, diagonal 1. */
export interface SimilarityMatrix {
  readonly n: number;
  readonly values: Float64Array;
}

/**
 * One side of the ratings matrix seen as "x" (the things compared) and "y" (what they
 * are compared over). User-based: x = users, y = items.
 */
export interface SymmetricView {
  readonly nX: number;
  readonly nY: number;
  readonly xPtr: Int32Array;
  readonly xIdx: Int32Array;
  readonly xValues: Float64Array;
  readonly yPtr: Int32Array;
  readonly yIdx: Int32Array;
  readonly yValues: Float64Array;
}

/** The x/y view of `data` for user-based (`true`) or item-based (`false`) methods. */
export function symmetricView(data: Interactions, userBased: boolean): SymmetricView {
  return userBased
    ? {
        nX: data.nUsers,
        nY: data.nItems,
        xPtr: data.userPtr,
        xIdx: data.userItems,
        xValues: data.userRatings,
        yPtr: data.itemPtr,
        yIdx: data.itemUsers,
        yValues: data.itemRatings,
      }
    : {
        nX: data.nItems,
        nY: data.nUsers,
        xPtr: data.itemPtr,
        xIdx: data.itemUsers,
        xValues: data.itemRatings,
        yPtr: data.userPtr,
        yIdx: data.userItems,
        yValues: data.userRatings,
      };
}

/** Per-row accumulators over the co-rated pairs (x, x2) with x2 > x. */
interface Scratch {
  touched: Int32Array;
  freq: Int32Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
  e: Float64Array;
}

function scratch(n: number): Scratch {
  return {
    touched: new Int32Array(n),
    freq: new Int32Array(n),
    a: new Float64Array(n),
    b: new Float64Array(n),
    c: new Float64Array(n),
    d: new Float64Array(n),
    e: new Float64Array(n),
  };
}

/**
 * Walks row x of the co-rating structure: for each y that x rated, every x2 > x that
 * also rated y. `cursor[y]` points at x's own entry in y's list because rows are
 * processed in increasing x and each list is sorted. Accumulates, per x2: count,
 * sum(v_x v_x2), sum(v_x^2), sum(v_x2^2) where v are the entries of `values`.
 */
function accumulateProducts(
  view: SymmetricView,
  values: Float64Array,
  x: number,
  cursor: Int32Array,
  s: Scratch,
): number {
  const { xPtr, xIdx, yPtr, yIdx } = view;
  const { touched, freq, a, b, c } = s;
  let nTouched = 0;
  for (let p = xPtr[x] as number; p < (xPtr[x + 1] as number); p++) {
    const y = xIdx[p] as number;
    const own = cursor[y] as number;
    cursor[y] = own + 1;
    const vi = values[own] as number;
    const end = yPtr[y + 1] as number;
    for (let q = own + 1; q < end; q++) {
      const x2 = yIdx[q] as number;
      const vj = values[q] as number;
      if (freq[x2] === 0) touched[nTouched++] = x2;
      freq[x2]!++;
      a[x2]! += vi * vj;
      b[x2]! += vi * vi;
      c[x2]! += vj * vj;
    }
  }
  return nTouched;
}

/** Like {@link accumulateProducts}, plus sum(v_x) in `d` and sum(v_x2) in `e` (Pearson). */
function accumulatePearson(view: SymmetricView, x: number, cursor: Int32Array, s: Scratch): number {
  const { xPtr, xIdx, yPtr, yIdx, yValues } = view;
  const { touched, freq, a, b, c, d, e } = s;
  let nTouched = 0;
  for (let p = xPtr[x] as number; p < (xPtr[x + 1] as number); p++) {
    const y = xIdx[p] as number;
    const own = cursor[y] as number;
    cursor[y] = own + 1;
    const ri = yValues[own] as number;
    const end = yPtr[y + 1] as number;
    for (let q = own + 1; q < end; q++) {
      const x2 = yIdx[q] as number;
      const rj = yValues[q] as number;
      if (freq[x2] === 0) touched[nTouched++] = x2;
      freq[x2]!++;
      a[x2]! += ri * rj;
      b[x2]! += ri * ri;
      c[x2]! += rj * rj;
      d[x2]! += ri;
      e[x2]! += rj;
    }
  }
  return nTouched;
}

/** Like {@link accumulateProducts} but sums squared differences in `a` (MSD). */
function accumulateSquaredDifferences(
  view: SymmetricView,
  x: number,
  cursor: Int32Array,
  s: Scratch,
): number {
  const { xPtr, xIdx, yPtr, yIdx, yValues } = view;
  const { touched, freq, a } = s;
  let nTouched = 0;
  for (let p = xPtr[x] as number; p < (xPtr[x + 1] as number); p++) {
    const y = xIdx[p] as number;
    const own = cursor[y] as number;
    cursor[y] = own + 1;
    const ri = yValues[own] as number;
    const end = yPtr[y + 1] as number;
    for (let q = own + 1; q < end; q++) {
      const x2 = yIdx[q] as number;
      const diff = ri - (yValues[q] as number);
      if (freq[x2] === 0) touched[nTouched++] = x2;
      freq[x2]!++;
      a[x2]! += diff * diff;
    }
  }
  return nTouched;
}

/** Turns the accumulators of one pair into a similarity. */
type Finalize = (s: Scratch, x2: number) => number;

function cosineFrom(s: Scratch, x2: number): number {
  const den = Math.sqrt((s.b[x2] as number) * (s.c[x2] as number));
  return den === 0 ? 0 : (s.a[x2] as number) / den;
}

function pearsonFrom(s: Scratch, x2: number): number {
  const n = s.freq[x2] as number;
  const si = s.d[x2] as number;
  const sj = s.e[x2] as number;
  const num = n * (s.a[x2] as number) - si * sj;
  const den = Math.sqrt((n * (s.b[x2] as number) - si * si) * (n * (s.c[x2] as number) - sj * sj));
  return den === 0 ? 0 : num / den;
}

function msdFrom(s: Scratch, x2: number): number {
  return 1 / ((s.a[x2] as number) / (s.freq[x2] as number) + 1);
}

function shrunkCosineFrom(shrinkage: number): Finalize {
  return (s, x2) => {
    const n = s.freq[x2] as number;
    return cosineFrom(s, x2) * ((n - 1) / (n - 1 + shrinkage));
  };
}

/** Drives one accumulate kernel over every row and writes the symmetric matrix. */
function fillMatrix(
  view: SymmetricView,
  minSupport: number,
  accumulate: (x: number, cursor: Int32Array, s: Scratch) => number,
  finalize: Finalize,
): SimilarityMatrix {
  const n = view.nX;
  const values = new Float64Array(n * n);
  const cursor = view.yPtr.slice(0, view.nY);
  const s = scratch(n);
  for (let x = 0; x < n; x++) {
    values[x * n + x] = 1;
    const nTouched = accumulate(x, cursor, s);
    for (let t = 0; t < nTouched; t++) {
      const x2 = s.touched[t] as number;
      const sim = (s.freq[x2] as number) < minSupport ? 0 : finalize(s, x2);
      values[x * n + x2] = sim;
      s.freq[x2] = 0;
      s.a[x2] = 0;
      s.b[x2] = 0;
      s.c[x2] = 0;
      s.d[x2] = 0;
      s.e[x2] = 0;
    }
  }
  mirrorUpperTriangle(values, n);
  return { n, values };
}

/** Copies the upper triangle onto the lower one in cache-sized tiles. */
function mirrorUpperTriangle(values: Float64Array, n: number): void {
  const tile = 64;
  for (let bi = 0; bi < n; bi += tile) {
    for (let bj = bi; bj < n; bj += tile) {
      const iEnd = Math.min(bi + tile, n);
      const jEnd = Math.min(bj + tile, n);
      for (let i = bi; i < iEnd; i++) {
        for (let j = Math.max(bj, i + 1); j < jEnd; j++)
          values[j * n + i] = values[i * n + j] as number;
      }
    }
  }
}

/** The y-layout entries minus an offset per entry, for the centred cosines. */
function residuals(view: SymmetricView, offset: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(view.yValues.length);
  for (let y = 0; y < view.nY; y++) {
    for (let q = view.yPtr[y] as number; q < (view.yPtr[y + 1] as number); q++) {
      out[q] = (view.yValues[q] as number) - offset(view.yIdx[q] as number, y);
    }
  }
  return out;
}

/** Mean rating of each y (item means when user-based, user means when item-based). */
export function rowMeans(ptr: Int32Array, values: Float64Array): Float64Array {
  const n = ptr.length - 1;
  const means = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let p = ptr[r] as number; p < (ptr[r + 1] as number); p++) sum += values[p] as number;
    const count = (ptr[r + 1] as number) - (ptr[r] as number);
    means[r] = count === 0 ? 0 : sum / count;
  }
  return means;
}

/** Largest n for which an n x n float64 matrix is allowed (2^31 entries, 16 GiB). */
const MAX_DENSE = 46340;

/**
 * Computes every pairwise similarity between users (or items), over common ratings only,
 * with Surprise's definitions:
 * - `cosine`: sum(r_x r_x2) / sqrt(sum r_x^2 * sum r_x2^2)
 * - `pearson`: Pearson correlation of the common ratings (means over the common ratings),
 *   0 when a variance is 0
 * - `msd`: 1 / (mean squared difference + 1)
 * - `adjusted_cosine`: cosine of ratings minus the mean of the other side (item-based:
 *   minus each user's mean), not in Surprise
 * - `pearson_baseline`: cosine of `r - b_ui` times `(n-1)/(n-1+shrinkage)`, support >= 2
 *
 * Pairs with fewer than `minSupport` common ratings, and zero denominators, give 0.
 * Work is proportional to sum over y of (ratings of y)^2; memory is the n x n result.
 */
export function computeSimilarities(
  data: Interactions,
  options: Required<SimilarityOptions>,
  baselines?: Baselines,
  where = 'computeSimilarities',
): SimilarityMatrix {
  const view = symmetricView(data, options.userBased);
  if (view.nX > MAX_DENSE) {
    throw new ValueError(
      `Argument 'data' passed to '${where}' has ${view.nX} ${options.userBased ? 'users' : 'items'}; a dense similarity matrix is limited to ${MAX_DENSE}. Use ${options.userBased ? 'userBased: false' : 'a factor model'} instead.`,
    );
  }
  const { minSupport } = options;
  switch (options.name) {
    case 'cosine': {
      const v = view.yValues;
      return fillMatrix(
        view,
        minSupport,
        (x, c, s) => accumulateProducts(view, v, x, c, s),
        cosineFrom,
      );
    }
    case 'adjusted_cosine': {
      const means = rowMeans(view.yPtr, view.yValues);
      const v = residuals(view, (_x, y) => means[y] as number);
      return fillMatrix(
        view,
        minSupport,
        (x, c, s) => accumulateProducts(view, v, x, c, s),
        cosineFrom,
      );
    }
    case 'pearson':
      return fillMatrix(
        view,
        minSupport,
        (x, c, s) => accumulatePearson(view, x, c, s),
        pearsonFrom,
      );
    case 'msd':
      return fillMatrix(
        view,
        minSupport,
        (x, c, s) => accumulateSquaredDifferences(view, x, c, s),
        msdFrom,
      );
    case 'pearson_baseline': {
      if (!baselines) throw new Error('pearson_baseline needs baselines');
      const [bx, by] = options.userBased
        ? [baselines.userBias, baselines.itemBias]
        : [baselines.itemBias, baselines.userBias];
      const mu = data.globalMean;
      const v = residuals(view, (x, y) => mu + (bx[x] as number) + (by[y] as number));
      return fillMatrix(
        view,
        Math.max(2, minSupport),
        (x, c, s) => accumulateProducts(view, v, x, c, s),
        shrunkCosineFrom(options.shrinkage),
      );
    }
  }
}
