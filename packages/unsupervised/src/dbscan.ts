import { assertInteger, assertKnownOptions, type Matrix } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { assertFitted, type Dense, readMatrix } from './internal/input';
import { checkPositive } from './internal/options';
import { forEachSquaredDistanceBlock } from './internal/pairwise';

/** Options of {@link DBSCAN}. */
export interface DBSCANOptions {
  /** Neighbourhood radius (euclidean). Default 0.5. */
  eps?: number;
  /** Rows within `eps` (the row itself included) that make a row a core row. Default 5. */
  minSamples?: number;
}

/**
 * Density-based clustering (DBSCAN), after scikit-learn's: core rows have at least
 * `minSamples` rows within `eps`; clusters are the core rows reachable from each other plus
 * their neighbours; every other row is noise, labelled -1. Neighbourhoods come from exact
 * pairwise distances on the backend, in blocks.
 */
export class DBSCAN {
  readonly eps: number;
  readonly minSamples: number;
  private fitted: { labels: Int32Array; core: Int32Array } | undefined;

  constructor(options: DBSCANOptions = {}) {
    assertKnownOptions('DBSCAN', options, ['eps', 'minSamples']);
    this.eps = checkPositive('DBSCAN', 'eps', options.eps ?? 0.5);
    this.minSamples = assertInteger('DBSCAN', 'minSamples', options.minSamples ?? 5);
  }

  /** Clusters the rows of `x` (n x d). Returns this estimator, fitted. */
  fit(x: Matrix | tf.Tensor): this {
    const data = readMatrix('DBSCAN.fit', 'x', x);
    const neighbours = neighbourhoods(data, this.eps);
    const isCore = neighbours.map((list) => list.length >= this.minSamples);
    const labels = expandClusters(neighbours, isCore);
    const core = Int32Array.from(isCore.flatMap((c, i) => (c ? [i] : [])));
    this.fitted = { labels, core };
    return this;
  }

  /** Fits and returns the labels. */
  fitPredict(x: Matrix | tf.Tensor): Int32Array {
    return this.fit(x).labels;
  }

  /** The cluster of each training row; -1 for noise. */
  get labels(): Int32Array {
    return assertFitted('DBSCAN.labels', this.fitted).labels;
  }

  /** Indices of the core rows, ascending. */
  get coreSampleIndices(): Int32Array {
    return assertFitted('DBSCAN.coreSampleIndices', this.fitted).core;
  }
}

/** For each row, the rows within `eps` of it (itself included), ascending. */
function neighbourhoods(data: Dense, eps: number): number[][] {
  const eps2 = eps * eps;
  const lists: number[][] = [];
  forEachSquaredDistanceBlock(data, data, (start, rows, d2) => {
    for (let r = 0; r < rows; r++) {
      const list: number[] = [];
      const offset = r * data.n;
      for (let j = 0; j < data.n; j++) if ((d2[offset + j] as number) <= eps2) list.push(j);
      lists[start + r] = list;
    }
  });
  return lists;
}

/**
 * Labels clusters in the order scikit-learn does: scan the rows; from each unlabelled core
 * row, a depth-first walk labels every row reachable through core rows.
 */
function expandClusters(neighbours: number[][], isCore: boolean[]): Int32Array {
  const labels = new Int32Array(neighbours.length).fill(-1);
  let cluster = 0;
  for (let start = 0; start < neighbours.length; start++) {
    if (labels[start] !== -1 || !isCore[start]) continue;
    const stack = [start];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (labels[i] !== -1) continue;
      labels[i] = cluster;
      if (!isCore[i]) continue;
      for (const j of neighbours[i] as number[]) if (labels[j] === -1) stack.push(j);
    }
    cluster++;
  }
  return labels;
}
