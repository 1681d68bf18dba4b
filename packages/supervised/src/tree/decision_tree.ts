import { assertInteger, assertKnownOptions, assertOneOf, createRng, type Rng } from '@gankit/core';
import {
  assertColumns,
  assertSameLength,
  type Dense,
  encodeLabels,
  fitted,
  type MatrixInput,
  readLabels,
  readMatrix,
  type VectorInput,
} from '../input';
import { accuracy } from '../metrics/classification';
import { bestSplit, type SplitContext } from './best_split';
import type { Criterion } from './impurity';

/** The d × n transpose of an n × d matrix. */
function transpose(m: Dense): Dense {
  const data = new Float64Array(m.data.length);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) data[j * m.rows + i] = m.data[i * m.cols + j] as number;
  return { data, rows: m.cols, cols: m.rows };
}

/** Options of {@link DecisionTreeClassifier}. */
export interface DecisionTreeOptions {
  /** `'gini'` (default) or `'entropy'`. */
  criterion?: Criterion;
  /** Deepest level a leaf may sit at (the root is depth 0). Default: unlimited. */
  maxDepth?: number;
  /** A node with fewer samples becomes a leaf. Default 2. */
  minSamplesSplit?: number;
  /** Every leaf keeps at least this many samples. Default 1. */
  minSamplesLeaf?: number;
  /** Seed of the feature order at each node, which decides between equally good splits. Default 0. */
  seed?: number;
}

/** The fitted tree in flat arrays: node i splits on `feature[i]` (-1 for a leaf). */
interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Class shares of the training samples in each node. */
  value: Float64Array[];
  depth: number;
}

interface Fitted {
  readonly tree: Tree;
  readonly classes: Int32Array;
  readonly nFeatures: number;
  readonly importances: Float64Array;
}

/**
 * A CART classification tree: binary splits x[f] <= t chosen greedily to reduce Gini
 * impurity or entropy the most, grown until pure or stopped by `maxDepth`,
 * `minSamplesSplit` or `minSamplesLeaf`. Features are tried in a seeded random order at
 * each node, so ties between equally good splits are broken reproducibly.
 *
 * ```ts
 * const tree = new DecisionTreeClassifier({ maxDepth: 3, seed: 0 }).fit(x, y);
 * tree.predict(xNew);
 * ```
 */
export class DecisionTreeClassifier {
  readonly criterion: Criterion;
  readonly maxDepth: number;
  readonly minSamplesSplit: number;
  readonly minSamplesLeaf: number;
  readonly seed: number;
  private state?: Fitted;

  constructor(options: DecisionTreeOptions = {}) {
    const where = 'DecisionTreeClassifier';
    assertKnownOptions(where, options, [
      'criterion',
      'maxDepth',
      'minSamplesSplit',
      'minSamplesLeaf',
      'seed',
    ]);
    this.criterion = assertOneOf(where, 'criterion', options.criterion ?? 'gini', [
      'gini',
      'entropy',
    ]);
    this.maxDepth =
      options.maxDepth === undefined
        ? Number.POSITIVE_INFINITY
        : assertInteger(where, 'maxDepth', options.maxDepth, 0);
    this.minSamplesSplit = assertInteger(where, 'minSamplesSplit', options.minSamplesSplit ?? 2, 2);
    this.minSamplesLeaf = assertInteger(where, 'minSamplesLeaf', options.minSamplesLeaf ?? 1, 1);
    this.seed = options.seed ?? 0;
    createRng(this.seed); // validates the seed now rather than in fit
  }

  /** Grows the tree on rows `x` and integer labels `y`; returns this. */
  fit(x: MatrixInput, y: VectorInput): this {
    const where = 'DecisionTreeClassifier.fit';
    const m = readMatrix(where, 'x', x);
    const { classes, codes } = encodeLabels(readLabels(where, 'y', y, m.rows));
    const ctx: SplitContext = {
      columns: transpose(m),
      codes,
      nClasses: classes.length,
      criterion: this.criterion,
      minSamplesLeaf: this.minSamplesLeaf,
    };
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [], depth: 0 };
    const importances = new Float64Array(m.cols);
    const rng = createRng(this.seed);
    const all = Int32Array.from({ length: m.rows }, (_, i) => i);
    this.grow(ctx, tree, importances, rng, all, 0);
    const total = importances.reduce((a, b) => a + b, 0);
    if (total > 0)
      for (let j = 0; j < importances.length; j++)
        importances[j] = (importances[j] as number) / total;
    this.state = { tree, classes, nFeatures: m.cols, importances };
    return this;
  }

  /** Adds the node for `samples` (and, recursively, its children); returns its index. */
  private grow(
    ctx: SplitContext,
    tree: Tree,
    importances: Float64Array,
    rng: Rng,
    samples: Int32Array,
    depth: number,
  ): number {
    const counts = new Float64Array(ctx.nClasses);
    for (const i of samples)
      counts[ctx.codes[i] as number] = (counts[ctx.codes[i] as number] as number) + 1;
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(counts.map((c) => c / samples.length));
    tree.depth = Math.max(tree.depth, depth);
    const pure = counts.some((c) => c === samples.length);
    if (
      pure ||
      depth >= this.maxDepth ||
      samples.length < this.minSamplesSplit ||
      samples.length < 2 * this.minSamplesLeaf
    ) {
      return node;
    }
    const split = bestSplit(ctx, samples, counts, rng.permutation(ctx.columns.rows));
    if (split === undefined) return node;
    importances[split.feature] =
      (importances[split.feature] as number) + split.decrease * samples.length;
    const goesLeft = (i: number) =>
      (ctx.columns.data[split.feature * ctx.columns.cols + i] as number) <= split.threshold;
    const leftSamples = samples.filter(goesLeft);
    const rightSamples = samples.filter((i) => !goesLeft(i));
    tree.feature[node] = split.feature;
    tree.threshold[node] = split.threshold;
    tree.left[node] = this.grow(ctx, tree, importances, rng, leftSamples, depth + 1);
    tree.right[node] = this.grow(ctx, tree, importances, rng, rightSamples, depth + 1);
    return node;
  }

  /** The distinct labels seen in `fit`, ascending. */
  get classes(): Int32Array {
    return fitted('DecisionTreeClassifier.classes', this.state).classes;
  }

  /** Depth of the deepest leaf (0 for a single leaf). */
  get depth(): number {
    return fitted('DecisionTreeClassifier.depth', this.state).tree.depth;
  }

  /** Number of leaves. */
  get nLeaves(): number {
    return fitted('DecisionTreeClassifier.nLeaves', this.state).tree.feature.filter((f) => f < 0)
      .length;
  }

  /** Total impurity decrease brought by each feature, normalised to sum to 1. */
  get featureImportances(): Float64Array {
    return fitted('DecisionTreeClassifier.featureImportances', this.state).importances;
  }

  /** The training class shares of the leaf each row falls in, columns in {@link classes} order. */
  predictProba(x: MatrixInput): Float64Array[] {
    const where = 'DecisionTreeClassifier.predictProba';
    const s = fitted(where, this.state);
    return this.leaves(where, s, x).map((leaf) =>
      Float64Array.from(s.tree.value[leaf] as Float64Array),
    );
  }

  /** The majority class of the leaf each row falls in. */
  predict(x: MatrixInput): Int32Array {
    const where = 'DecisionTreeClassifier.predict';
    const s = fitted(where, this.state);
    return Int32Array.from(this.leaves(where, s, x), (leaf) => {
      const v = s.tree.value[leaf] as Float64Array;
      let best = 0;
      for (let c = 1; c < v.length; c++) if ((v[c] as number) > (v[best] as number)) best = c;
      return s.classes[best] as number;
    });
  }

  /** Accuracy of {@link predict} on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const where = 'DecisionTreeClassifier.score';
    fitted(where, this.state);
    const yt = readLabels(where, 'y', y);
    const yp = this.predict(x);
    assertSameLength(where, 'y', yt.length, yp.length);
    return accuracy(yt, yp);
  }

  private leaves(where: string, s: Fitted, x: MatrixInput): number[] {
    const m = readMatrix(where, 'x', x);
    assertColumns(where, 'x', [m.rows, m.cols], s.nFeatures);
    const { feature, threshold, left, right } = s.tree;
    return Array.from({ length: m.rows }, (_, i) => {
      let node = 0;
      while ((feature[node] as number) >= 0) {
        const f = feature[node] as number;
        node =
          (m.data[i * m.cols + f] as number) <= (threshold[node] as number)
            ? (left[node] as number)
            : (right[node] as number);
      }
      return node;
    });
  }
}
