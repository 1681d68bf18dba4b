import { assertInteger, assertKnownOptions, assertOneOf, ValueError } from '@gankit/core';
import {
  type BaselineOptions,
  type Baselines,
  computeBaselines,
  resolveBaselineOptions,
} from './baselines';
import type { Id, Interactions } from './interactions';
import { type ModelState, metaNumber, stateArray } from './model_state';
import {
  type Explanation,
  type PredictionDetails,
  REASONS,
  type SimilarEntry,
  unknownReason,
} from './prediction';
import { Recommender } from './recommender';
import {
  computeSimilarities,
  rowMeans,
  SIMILARITY_NAMES,
  type SimilarityMatrix,
  type SimilarityOptions,
  type SymmetricView,
  symmetricView,
} from './similarities';
import { keepTopK, ranksBefore, TopN } from './top_k';

/** Options shared by the k-NN predictors (defaults as in Surprise). */
export interface KNNOptions {
  /** Most neighbours to aggregate. Default 40. */
  k?: number;
  /** Fewest positive-similarity neighbours needed; below it the model falls back. Default 1. */
  minK?: number;
  /** Similarity measure; Surprise's defaults (`msd`, user-based, minSupport 1). */
  similarity?: SimilarityOptions;
  /** How baselines are estimated (KNNBaseline, and the pearson_baseline similarity). */
  baselines?: BaselineOptions;
}

interface ResolvedKNNOptions {
  k: number;
  minK: number;
  similarity: Required<SimilarityOptions>;
  baselines: Required<BaselineOptions>;
}

function resolveKNNOptions(where: string, options: KNNOptions | undefined): ResolvedKNNOptions {
  assertKnownOptions(where, options, ['k', 'minK', 'similarity', 'baselines']);
  const o = options ?? {};
  const k = assertInteger(where, 'k', o.k ?? 40, 1);
  const minK = assertInteger(where, 'minK', o.minK ?? 1, 1);
  if (minK > k) {
    throw new ValueError(
      `Argument 'minK' passed to '${where}' must be <= k (${k}), but got ${minK}.`,
    );
  }
  const s = o.similarity ?? {};
  assertKnownOptions(where, s, ['name', 'userBased', 'minSupport', 'shrinkage']);
  const userBased = s.userBased ?? true;
  if (typeof userBased !== 'boolean') {
    throw new ValueError(
      `Argument 'similarity.userBased' passed to '${where}' must be a boolean, but got ${String(userBased)}.`,
    );
  }
  const similarity: Required<SimilarityOptions> = {
    name: assertOneOf(where, 'similarity.name', s.name ?? 'msd', SIMILARITY_NAMES),
    userBased,
    minSupport: assertInteger(where, 'similarity.minSupport', s.minSupport ?? 1, 0),
    shrinkage: s.shrinkage ?? 100,
  };
  if (!(similarity.shrinkage >= 0 && Number.isFinite(similarity.shrinkage))) {
    throw new ValueError(
      `Argument 'similarity.shrinkage' passed to '${where}' must be a finite number >= 0, but got ${String(s.shrinkage)}.`,
    );
  }
  return { k, minK, similarity, baselines: resolveBaselineOptions(where, o.baselines) };
}

/**
 * The k-NN machinery: similarities at fit time, then for each prediction the k most
 * similar neighbours (positive similarity only) among those who rated the item
 * (user-based) or among the items the user rated (item-based). Ties in similarity go
 * to the lower index (Surprise keeps its input order instead).
 */
export abstract class KNNBase extends Recommender {
  protected readonly options: ResolvedKNNOptions;
  protected sim: SimilarityMatrix | null = null;
  protected view: SymmetricView | null = null;
  protected baselines: Baselines | null = null;
  /** The current neighbour selection: similarity, index and rating, best `actualK` first. */
  protected candSim = new Float64Array(0);
  protected candIdx = new Int32Array(0);
  protected candRating = new Float64Array(0);
  private selectScratch = new Float64Array(0);

  constructor(options?: KNNOptions) {
    super();
    this.options = resolveKNNOptions(new.target.name, options);
  }

  /** Whether this predictor needs baselines whatever the similarity. */
  protected needsBaselines(): boolean {
    return this.options.similarity.name === 'pearson_baseline';
  }

  /** Per-model statistics (means, deviations) computed from the data after similarities. */
  protected abstract prepare(data: Interactions): void;

  /** The estimate from the first `actualK` neighbours, or a fallback below `minK`. */
  protected abstract combine(x: number, y: number, actualK: number, d: PredictionDetails): number;

  /** The estimate when the user or the item is unknown. */
  protected coldEstimate(u: number, i: number, d: PredictionDetails): number {
    d.wasImpossible = true;
    d.reason = unknownReason(u, i);
    return (this.data as Interactions).globalMean;
  }

  /** Computes similarities (and baselines where needed) on `data`. Returns this. */
  fit(data: Interactions): this {
    const where = `${this.kind}.fit`;
    this.checkData(data);
    const { similarity, baselines } = this.options;
    this.setData(data);
    this.baselines = this.needsBaselines() ? computeBaselines(data, baselines) : null;
    this.sim = computeSimilarities(data, similarity, this.baselines ?? undefined, where);
    this.afterFit(data);
    return this;
  }

  private afterFit(data: Interactions): void {
    this.view = symmetricView(data, this.options.similarity.userBased);
    let longest = 0;
    for (let y = 0; y < this.view.nY; y++) {
      longest = Math.max(
        longest,
        (this.view.yPtr[y + 1] as number) - (this.view.yPtr[y] as number),
      );
    }
    this.candSim = new Float64Array(longest);
    this.candIdx = new Int32Array(longest);
    this.candRating = new Float64Array(longest);
    this.selectScratch = new Float64Array(longest);
    this.prepare(data);
  }

  /** Predictions sharing x read the same similarity row. */
  protected override groupKey(u: number, i: number): number {
    return this.options.similarity.userBased ? u : i;
  }

  /** Candidate neighbours of x for y with positive similarity, best `k` moved to the front. */
  private neighbours(x: number, y: number): number {
    const view = this.view as SymmetricView;
    const { n, values } = this.sim as SimilarityMatrix;
    const row = x * n;
    let m = 0;
    for (let p = view.yPtr[y] as number; p < (view.yPtr[y + 1] as number); p++) {
      const x2 = view.yIdx[p] as number;
      const s = values[row + x2] as number;
      if (s > 0) {
        this.candSim[m] = s;
        this.candIdx[m] = x2;
        this.candRating[m] = view.yValues[p] as number;
        m++;
      }
    }
    const { k } = this.options;
    if (m <= k) return m;
    // Candidates arrive in ascending index order, so equal similarities keep the lower index.
    return keepTopK(this.candSim, this.candIdx, this.candRating, m, k, this.selectScratch);
  }

  protected estimateIndex(u: number, i: number, d: PredictionDetails): number {
    d.wasImpossible = false;
    d.actualK = 0;
    d.reason = null;
    if (u < 0 || i < 0) return this.coldEstimate(u, i, d);
    const userBased = this.options.similarity.userBased;
    const x = userBased ? u : i;
    const y = userBased ? i : u;
    const actualK = this.neighbours(x, y);
    d.actualK = actualK;
    if (actualK < this.options.minK) d.reason = REASONS.notEnoughNeighbours;
    return this.combine(x, y, actualK, d);
  }

  /**
   * Top-N for item-based models. Same estimates as {@link estimateIndex}, but the
   * similarities are gathered by blocks of candidate items from the rows of the items
   * the user rated (sim is symmetric), so memory is read in order instead of at random.
   */
  protected override topItems(u: number, n: number, data: Interactions) {
    if (this.options.similarity.userBased) return super.topItems(u, n, data);
    const { n: size, values } = this.sim as SimilarityMatrix;
    const start = data.userPtr[u] as number;
    const cols = data.userItems.subarray(start, data.userPtr[u + 1] as number);
    const ratings = data.userRatings.subarray(start, start + cols.length);
    const m = cols.length;
    const rated = new Uint8Array(size);
    for (let t = 0; t < m; t++) rated[cols[t] as number] = 1;
    const block = Math.max(1, Math.min(size, Math.floor(8192 / Math.max(1, m))));
    const gathered = new Float64Array(block * m);
    const top = new TopN(n);
    const d: PredictionDetails = { wasImpossible: false, actualK: 0, reason: null };
    const { k, minK } = this.options;
    for (let b0 = 0; b0 < size; b0 += block) {
      const b1 = Math.min(size, b0 + block);
      for (let t = 0; t < m; t++) {
        const base = (cols[t] as number) * size;
        for (let i = b0; i < b1; i++) gathered[(i - b0) * m + t] = values[base + i] as number;
      }
      for (let i = b0; i < b1; i++) {
        if (rated[i] === 1) continue;
        let found = 0;
        const row = (i - b0) * m;
        for (let t = 0; t < m; t++) {
          const sim = gathered[row + t] as number;
          if (sim > 0) {
            this.candSim[found] = sim;
            this.candIdx[found] = cols[t] as number;
            this.candRating[found] = ratings[t] as number;
            found++;
          }
        }
        const actualK =
          found <= k
            ? found
            : keepTopK(this.candSim, this.candIdx, this.candRating, found, k, this.selectScratch);
        d.wasImpossible = false;
        d.actualK = actualK;
        d.reason = actualK < minK ? REASONS.notEnoughNeighbours : null;
        top.push(this.combine(i, u, actualK, d), i);
      }
    }
    return top.sorted().map(({ score, index }) => ({ item: data.items.ids[index] as Id, score }));
  }

  /** The neighbour at position `p` of the current selection: similarity, index, rating. */
  protected neighbourAt(p: number): [number, number, number] {
    return [this.candSim[p] as number, this.candIdx[p] as number, this.candRating[p] as number];
  }

  /**
   * The prediction for (user, item) with the neighbours that produced it, most similar
   * first. Empty when the model fell back (unknown id or fewer than `minK` neighbours).
   */
  explain(user: Id, item: Id): Explanation {
    const prediction = this.predict(user, item);
    const data = this.fitted(`${this.kind}.explain`);
    const ids = this.options.similarity.userBased ? data.users.ids : data.items.ids;
    const used = prediction.details.reason === null ? prediction.details.actualK : 0;
    const picked = Array.from({ length: used }, (_, p) => this.neighbourAt(p));
    picked.sort((a, b) => (ranksBefore(a[0], a[1], b[0], b[1]) ? -1 : 1));
    const neighbours = picked.map(([similarity, index, rating]) => ({
      id: ids[index] as Id,
      similarity,
      rating,
    }));
    return { ...prediction, neighbours };
  }

  /** The `n` items most similar to `item` (item-based models only). */
  similarItems(item: Id, n = 10): SimilarEntry[] {
    return this.similar('similarItems', item, n, false);
  }

  /** The `n` users most similar to `user` (user-based models only). */
  similarUsers(user: Id, n = 10): SimilarEntry[] {
    return this.similar('similarUsers', user, n, true);
  }

  private similar(method: string, id: Id, n: number, userBased: boolean): SimilarEntry[] {
    const where = `${this.kind}.${method}`;
    const data = this.fitted(where);
    assertInteger(where, 'n', n, 1);
    if (this.options.similarity.userBased !== userBased) {
      throw new ValueError(
        `'${where}' needs a model fitted with similarity.userBased: ${userBased}; this one has ${!userBased}.`,
      );
    }
    const index = userBased ? data.users : data.items;
    const x = index.indexOf(id);
    if (x < 0) {
      throw new ValueError(
        `Argument '${userBased ? 'user' : 'item'}' passed to '${where}' is not in the training data: ${JSON.stringify(id)}.`,
      );
    }
    const { n: size, values } = this.sim as SimilarityMatrix;
    const top = new TopN(Math.min(n, size - 1));
    for (let x2 = 0; x2 < size; x2++) if (x2 !== x) top.push(values[x * size + x2] as number, x2);
    return top
      .sorted()
      .map(({ score, index: x2 }) => ({ id: index.ids[x2] as Id, similarity: score }));
  }

  /** The similarity of two users (user-based) or two items (item-based). */
  similarity(a: Id, b: Id): number {
    const data = this.fitted(`${this.kind}.similarity`);
    const index = this.options.similarity.userBased ? data.users : data.items;
    const x = index.indexOf(a);
    const x2 = index.indexOf(b);
    if (x < 0 || x2 < 0) {
      throw new ValueError(
        `Arguments 'a' and 'b' passed to '${this.kind}.similarity' must both be in the training data, but got ${JSON.stringify(x < 0 ? a : b)}.`,
      );
    }
    const { n, values } = this.sim as SimilarityMatrix;
    return values[x * n + x2] as number;
  }

  protected saveState(state: ModelState): void {
    const { k, minK, similarity, baselines } = this.options;
    state.options = { k, minK, similarity: { ...similarity }, baselines: { ...baselines } };
    const sim = this.sim as SimilarityMatrix;
    state.meta.simSize = sim.n;
    state.arrays.similarities = sim.values;
    if (this.baselines) {
      state.arrays.userBias = this.baselines.userBias;
      state.arrays.itemBias = this.baselines.itemBias;
    }
  }

  /** Restores a saved state onto a model constructed with the saved options. */
  restoreState(state: ModelState, data: Interactions, where: string): this {
    this.setData(data);
    const n = metaNumber(state, 'simSize', where);
    const nX = this.options.similarity.userBased ? data.nUsers : data.nItems;
    if (n !== nX) throw new ValueError(`simSize ${n} does not match the data (${nX}).`);
    this.sim = { n, values: stateArray(state, 'similarities', Float64Array, n * n, where) };
    this.baselines = this.needsBaselines()
      ? {
          userBias: stateArray(state, 'userBias', Float64Array, data.nUsers, where),
          itemBias: stateArray(state, 'itemBias', Float64Array, data.nItems, where),
        }
      : null;
    this.afterFit(data);
    return this;
  }
}

/** Surprise's KNNBasic: the similarity-weighted mean of the neighbours' ratings. */
export class KNNBasic extends KNNBase {
  readonly kind = 'KNNBasic';

  protected prepare(): void {}

  protected combine(_x: number, _y: number, actualK: number, d: PredictionDetails): number {
    if (actualK < this.options.minK) {
      d.wasImpossible = true;
      return (this.data as Interactions).globalMean;
    }
    let sumSim = 0;
    let sum = 0;
    const { candSim, candRating } = this;
    for (let p = 0; p < actualK; p++) {
      const s = candSim[p] as number;
      sumSim += s;
      sum += s * (candRating[p] as number);
    }
    return sum / sumSim;
  }
}

/**
 * Surprise's KNNWithMeans: the mean of x plus the similarity-weighted mean of the
 * neighbours' deviations from their own means. Below `minK`: the mean of x.
 */
export class KNNWithMeans extends KNNBase {
  readonly kind: string = 'KNNWithMeans';
  protected means: Float64Array = new Float64Array(0);
  protected sigmas: Float64Array | null = null;

  protected prepare(): void {
    const view = this.view as SymmetricView;
    this.means = rowMeans(view.xPtr, view.xValues);
  }

  protected combine(x: number, _y: number, actualK: number): number {
    const mean = this.means[x] as number;
    if (actualK < this.options.minK) return mean;
    const sigmas = this.sigmas;
    let sumSim = 0;
    let sum = 0;
    const { candSim, candIdx, candRating, means } = this;
    for (let p = 0; p < actualK; p++) {
      const s = candSim[p] as number;
      const x2 = candIdx[p] as number;
      const dev = (candRating[p] as number) - (means[x2] as number);
      sumSim += s;
      sum += sigmas === null ? s * dev : (s * dev) / (sigmas[x2] as number);
    }
    return mean + (sigmas === null ? 1 : (sigmas[x] as number)) * (sum / sumSim);
  }
}

/**
 * Surprise's KNNWithZScore: like KNNWithMeans on z-scores. A zero deviation is replaced
 * by the deviation of all ratings (and by 1 if that is zero too, to avoid NaN).
 */
export class KNNWithZScore extends KNNWithMeans {
  override readonly kind = 'KNNWithZScore';

  protected override prepare(): void {
    super.prepare();
    const view = this.view as SymmetricView;
    const data = this.data as Interactions;
    const overall = populationStd(data.userRatings, 0, data.nRatings, data.globalMean);
    const sigmas = new Float64Array(view.nX);
    for (let x = 0; x < view.nX; x++) {
      const start = view.xPtr[x] as number;
      const end = view.xPtr[x + 1] as number;
      const sigma = populationStd(view.xValues, start, end, this.means[x] as number);
      sigmas[x] = sigma !== 0 ? sigma : overall !== 0 ? overall : 1;
    }
    this.sigmas = sigmas;
  }
}

function populationStd(values: Float64Array, start: number, end: number, mean: number): number {
  if (end <= start) return 0;
  let sum = 0;
  for (let p = start; p < end; p++) {
    const d = (values[p] as number) - mean;
    sum += d * d;
  }
  return Math.sqrt(sum / (end - start));
}

/**
 * Surprise's KNNBaseline: the baseline `mu + b_u + b_i` plus the similarity-weighted mean
 * of the neighbours' deviations from their baselines. Below `minK`, and for an unknown
 * user or item (whose bias counts as 0): the baseline.
 */
export class KNNBaseline extends KNNBase {
  readonly kind = 'KNNBaseline';

  protected override needsBaselines(): boolean {
    return true;
  }

  protected prepare(): void {}

  private biases(): [Float64Array, Float64Array] {
    const b = this.baselines as Baselines;
    return this.options.similarity.userBased ? [b.userBias, b.itemBias] : [b.itemBias, b.userBias];
  }

  protected override coldEstimate(u: number, i: number, d: PredictionDetails): number {
    const b = this.baselines as Baselines;
    d.reason = unknownReason(u, i);
    return (
      (this.data as Interactions).globalMean +
      (u >= 0 ? (b.userBias[u] as number) : 0) +
      (i >= 0 ? (b.itemBias[i] as number) : 0)
    );
  }

  protected combine(x: number, y: number, actualK: number): number {
    const [bx, by] = this.biases();
    const partial = (this.data as Interactions).globalMean + (by[y] as number);
    const baseline = partial + (bx[x] as number);
    if (actualK < this.options.minK) return baseline;
    let sumSim = 0;
    let sum = 0;
    const { candSim, candIdx, candRating } = this;
    for (let p = 0; p < actualK; p++) {
      const s = candSim[p] as number;
      sumSim += s;
      sum += s * ((candRating[p] as number) - (partial + (bx[candIdx[p] as number] as number)));
    }
    return baseline + sum / sumSim;
  }
}
