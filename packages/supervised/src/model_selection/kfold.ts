import { assertInteger, assertKnownOptions, createRng, ValueError } from '@gankit/core';
import { type MatrixInput, readLabels, type VectorInput } from '../input';
import { lengthOf } from './take';

/** One fold of a cross-validation: the rows to train on and the rows to test on. */
export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/** Anything that splits n samples into folds: {@link KFold}, {@link StratifiedKFold}. */
export interface Splitter {
  readonly nSplits: number;
  split(x: MatrixInput | number, y?: VectorInput): Fold[];
}

/** Options of {@link KFold} and {@link StratifiedKFold}. */
export interface KFoldOptions {
  /** Number of folds, at least 2. Default 5. */
  nSplits?: number;
  /** Shuffle the samples (within each class for stratified) before folding. Default `false`. */
  shuffle?: boolean;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
}

function readOptions(where: string, options: KFoldOptions) {
  assertKnownOptions(where, options, ['nSplits', 'shuffle', 'seed']);
  return {
    nSplits: assertInteger(where, 'nSplits', options.nSplits ?? 5, 2),
    shuffle: options.shuffle ?? false,
    seed: options.seed ?? 0,
  };
}

function rowCount(where: string, x: MatrixInput | number, nSplits: number): number {
  const n = typeof x === 'number' ? assertInteger(where, 'x', x) : lengthOf(where, 'x', x);
  if (nSplits > n) {
    throw new ValueError(
      `Option 'nSplits' of '${where}' (${nSplits}) must not exceed the number of samples (${n}).`,
    );
  }
  return n;
}

/** Folds from a test-fold number per sample. */
function foldsFrom(assignment: Int32Array, nSplits: number): Fold[] {
  return Array.from({ length: nSplits }, (_, f) => {
    const test: number[] = [];
    const train: number[] = [];
    assignment.forEach((a, i) => {
      (a === f ? test : train).push(i);
    });
    return { train: Int32Array.from(train), test: Int32Array.from(test) };
  });
}

/**
 * K-fold cross-validation: consecutive (or shuffled) blocks of samples, each the test
 * set once. The first n % k folds have one sample more, as in scikit-learn.
 */
export class KFold implements Splitter {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(options: KFoldOptions = {}) {
    const o = readOptions('KFold', options);
    this.nSplits = o.nSplits;
    this.shuffle = o.shuffle;
    this.seed = o.seed;
  }

  /** The folds of `x` (a matrix, or just its number of rows). */
  split(x: MatrixInput | number): Fold[] {
    const n = rowCount('KFold.split', x, this.nSplits);
    const order = this.shuffle
      ? createRng(this.seed).permutation(n)
      : Int32Array.from({ length: n }, (_, i) => i);
    const assignment = new Int32Array(n);
    let start = 0;
    for (let f = 0; f < this.nSplits; f++) {
      const size = Math.floor(n / this.nSplits) + (f < n % this.nSplits ? 1 : 0);
      for (let k = start; k < start + size; k++) assignment[order[k] as number] = f;
      start += size;
    }
    return foldsFrom(assignment, this.nSplits);
  }
}

/**
 * K-fold cross-validation that keeps each class's share in every fold: the samples of
 * each class are dealt to the folds in turn.
 */
export class StratifiedKFold implements Splitter {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(options: KFoldOptions = {}) {
    const o = readOptions('StratifiedKFold', options);
    this.nSplits = o.nSplits;
    this.shuffle = o.shuffle;
    this.seed = o.seed;
  }

  /** The folds for labels `y` (`x` only gives the row count to check against). */
  split(x: MatrixInput | number, y?: VectorInput): Fold[] {
    const where = 'StratifiedKFold.split';
    const n = rowCount(where, x, this.nSplits);
    if (y === undefined)
      throw new ValueError(`Argument 'y' passed to '${where}' is required: the class labels.`);
    const labels = readLabels(where, 'y', y, n);
    const rng = createRng(this.seed);
    const classes = Int32Array.from(new Set(labels)).sort();
    const assignment = new Int32Array(n);
    let next = 0;
    for (const c of classes) {
      const members = Int32Array.from(labels.keys()).filter((i) => labels[i] === c);
      if (this.shuffle) rng.shuffle(members);
      for (const i of members) {
        assignment[i] = next;
        next = (next + 1) % this.nSplits;
      }
    }
    return foldsFrom(assignment, this.nSplits);
  }
}
