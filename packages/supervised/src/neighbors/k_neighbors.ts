import { assertInteger, assertKnownOptions, assertOneOf, ValueError } from '@gankit/core';
import { bestClasses } from '../best_class';
import {
  assertColumns,
  assertSameLength,
  encodeLabels,
  fitted,
  type MatrixInput,
  matrixTensor,
  readLabels,
  readVector,
  toRows,
  type VectorInput,
} from '../input';
import { accuracy } from '../metrics/classification';
import { r2 } from '../metrics/regression';
import {
  buildIndex,
  kNearest,
  type Neighbors,
  neighbourWeights,
  type SearchIndex,
} from './brute_force';

/** How the k neighbours' votes (or targets) are weighted. */
export type NeighbourWeighting = 'uniform' | 'distance';

/** Options of {@link KNeighborsClassifier} and {@link KNeighborsRegressor}. */
export interface KNeighborsOptions {
  /** k, the number of neighbours consulted. Default 5. */
  nNeighbors?: number;
  /** `'uniform'` (default): equal votes. `'distance'`: votes weighted by 1/distance. */
  weights?: NeighbourWeighting;
}

function readOptions(where: string, options: KNeighborsOptions) {
  assertKnownOptions(where, options, ['nNeighbors', 'weights']);
  return {
    nNeighbors: assertInteger(where, 'nNeighbors', options.nNeighbors ?? 5),
    weights: assertOneOf(where, 'weights', options.weights ?? 'uniform', ['uniform', 'distance']),
  };
}

/** Stores checked training rows as a search index, rejecting k > n. */
function indexRows(where: string, x: MatrixInput, k: number): SearchIndex {
  const xt = matrixTensor(where, 'x', x);
  try {
    if (k > xt.shape[0]) {
      throw new ValueError(
        `Option 'nNeighbors' (${k}) passed to '${where}' must not exceed the number of training rows (${xt.shape[0]}).`,
      );
    }
    return buildIndex(xt);
  } finally {
    xt.dispose();
  }
}

function search(where: string, index: SearchIndex, x: MatrixInput, k: number): Neighbors {
  const xt = matrixTensor(where, 'x', x);
  try {
    assertColumns(where, 'x', xt.shape, index.cols);
    return kNearest(index, xt, k);
  } finally {
    xt.dispose();
  }
}

/** The nearest neighbours returned by `kneighbors`: one row per query, nearest first. */
export interface KNeighborsResult {
  readonly distances: Float64Array[];
  readonly indices: Int32Array[];
}

function asRows(found: Neighbors, k: number): KNeighborsResult {
  const q = found.indices.length / k;
  return {
    distances: toRows(found.distances, q, k),
    indices: Array.from({ length: q }, (_, i) => found.indices.slice(i * k, (i + 1) * k)),
  };
}

/**
 * k-nearest-neighbour classification by exact brute-force search on tensors (one matMul
 * per block of queries on the wasm backend). Ties in the vote go to the smaller label.
 *
 * ```ts
 * const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(xTrain, yTrain);
 * knn.score(xTest, yTest);
 * ```
 */
export class KNeighborsClassifier {
  readonly nNeighbors: number;
  readonly weights: NeighbourWeighting;
  private state?: { index: SearchIndex; classes: Int32Array; codes: Int32Array };

  constructor(options: KNeighborsOptions = {}) {
    const o = readOptions('KNeighborsClassifier', options);
    this.nNeighbors = o.nNeighbors;
    this.weights = o.weights;
  }

  /** Stores the training rows `x` and integer labels `y`; returns this. */
  fit(x: MatrixInput, y: VectorInput): this {
    const where = 'KNeighborsClassifier.fit';
    const index = indexRows(where, x, this.nNeighbors);
    const { classes, codes } = encodeLabels(readLabels(where, 'y', y, index.rows));
    this.state = { index, classes, codes };
    return this;
  }

  /** The distinct labels seen in `fit`, ascending: the column order of {@link predictProba}. */
  get classes(): Int32Array {
    return fitted('KNeighborsClassifier.classes', this.state).classes;
  }

  /** The k nearest training rows of each row of `x` and their distances. */
  kneighbors(x: MatrixInput): KNeighborsResult {
    const s = fitted('KNeighborsClassifier.kneighbors', this.state);
    return asRows(
      search('KNeighborsClassifier.kneighbors', s.index, x, this.nNeighbors),
      this.nNeighbors,
    );
  }

  /** The (weighted) share of each class among the k neighbours, columns in {@link classes} order. */
  predictProba(x: MatrixInput): Float64Array[] {
    const where = 'KNeighborsClassifier.predictProba';
    const s = fitted(where, this.state);
    const votes = this.votes(where, s, x);
    const k = s.classes.length;
    return toRows(votes, votes.length / k, k);
  }

  /** The class with the most (weighted) votes among the k neighbours. */
  predict(x: MatrixInput): Int32Array {
    const where = 'KNeighborsClassifier.predict';
    const s = fitted(where, this.state);
    const votes = this.votes(where, s, x);
    return bestClasses(votes, s.classes);
  }

  /** Accuracy of {@link predict} on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const where = 'KNeighborsClassifier.score';
    fitted(where, this.state);
    const yt = readLabels(where, 'y', y);
    const yp = this.predict(x);
    assertSameLength(where, 'y', yt.length, yp.length);
    return accuracy(yt, yp);
  }

  private votes(
    where: string,
    s: NonNullable<KNeighborsClassifier['state']>,
    x: MatrixInput,
  ): Float64Array {
    const k = this.nNeighbors;
    const found = search(where, s.index, x, k);
    const nClasses = s.classes.length;
    const q = found.indices.length / k;
    const votes = new Float64Array(q * nClasses);
    for (let i = 0; i < q; i++) {
      const w = neighbourWeights(found.distances, i * k, k, this.weights);
      let total = 0;
      for (let j = 0; j < k; j++) {
        const c = s.codes[found.indices[i * k + j] as number] as number;
        votes[i * nClasses + c] = (votes[i * nClasses + c] as number) + (w[j] as number);
        total += w[j] as number;
      }
      for (let c = 0; c < nClasses; c++)
        votes[i * nClasses + c] = (votes[i * nClasses + c] as number) / total;
    }
    return votes;
  }
}

/**
 * k-nearest-neighbour regression: the (1/distance-weighted) mean target of the k nearest
 * training rows, found by brute-force search on tensors.
 */
export class KNeighborsRegressor {
  readonly nNeighbors: number;
  readonly weights: NeighbourWeighting;
  private state?: { index: SearchIndex; targets: Float64Array };

  constructor(options: KNeighborsOptions = {}) {
    const o = readOptions('KNeighborsRegressor', options);
    this.nNeighbors = o.nNeighbors;
    this.weights = o.weights;
  }

  /** Stores the training rows `x` and targets `y`; returns this. */
  fit(x: MatrixInput, y: VectorInput): this {
    const where = 'KNeighborsRegressor.fit';
    const index = indexRows(where, x, this.nNeighbors);
    const targets = readVector(where, 'y', y);
    assertSameLength(where, 'y', targets.length, index.rows);
    this.state = { index, targets };
    return this;
  }

  /** The k nearest training rows of each row of `x` and their distances. */
  kneighbors(x: MatrixInput): KNeighborsResult {
    const s = fitted('KNeighborsRegressor.kneighbors', this.state);
    return asRows(
      search('KNeighborsRegressor.kneighbors', s.index, x, this.nNeighbors),
      this.nNeighbors,
    );
  }

  /** The (weighted) mean target of the k neighbours of each row. */
  predict(x: MatrixInput): Float64Array {
    const where = 'KNeighborsRegressor.predict';
    const s = fitted(where, this.state);
    const k = this.nNeighbors;
    const found = search(where, s.index, x, k);
    const out = new Float64Array(found.indices.length / k);
    for (let i = 0; i < out.length; i++) {
      const w = neighbourWeights(found.distances, i * k, k, this.weights);
      let sum = 0;
      let total = 0;
      for (let j = 0; j < k; j++) {
        sum += (w[j] as number) * (s.targets[found.indices[i * k + j] as number] as number);
        total += w[j] as number;
      }
      out[i] = sum / total;
    }
    return out;
  }

  /** R² of {@link predict} on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const where = 'KNeighborsRegressor.score';
    fitted(where, this.state);
    const yt = readVector(where, 'y', y);
    const yp = this.predict(x);
    assertSameLength(where, 'y', yt.length, yp.length);
    return r2(yt, yp);
  }
}
