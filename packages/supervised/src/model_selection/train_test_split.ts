import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  createRng,
  type Rng,
  ValueError,
} from '@gankit/core';
import { assertSameLength, type MatrixInput, readLabels, type VectorInput } from '../input';
import { lengthOf, takeRows } from './take';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** The test share: a fraction in (0, 1), or a number of samples (an integer >= 1). Default 0.25. */
  testSize?: number;
  /** Shuffle before splitting. Default `true`. */
  shuffle?: boolean;
  /** Keep the class proportions of `y` (integer labels) in both parts. Needs `shuffle`. Default `false`. */
  stratify?: boolean;
  /** Seed of the shuffle. Default 0. */
  seed?: number;
}

/** The four parts returned by {@link trainTestSplit}, each in the kind of its input. */
export interface TrainTestSplit<X, Y> {
  readonly xTrain: X;
  readonly xTest: X;
  readonly yTrain: Y;
  readonly yTest: Y;
}

function testCount(where: string, testSize: number, n: number): number {
  const count = testSize < 1 ? Math.ceil(testSize * n) : assertInteger(where, 'testSize', testSize);
  if (count >= n) {
    throw new ValueError(
      `Argument 'testSize' passed to '${where}' leaves no training samples: ${count} test samples of ${n}.`,
    );
  }
  return count;
}

/** Test indices drawn class by class, so each class gets its share (largest remainders first). */
function stratifiedTest(labels: Int32Array, nTest: number, rng: Rng): Int32Array {
  const byClass = new Map<number, number[]>();
  labels.forEach((c, i) => {
    const list = byClass.get(c) ?? [];
    list.push(i);
    byClass.set(c, list);
  });
  const groups = [...byClass.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => rng.shuffle(g));
  const exact = groups.map((g) => (g.length * nTest) / labels.length);
  const counts = exact.map(Math.floor);
  let missing = nTest - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((_, k) => k)
    .sort((a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!) || a - b);
  for (const k of order) {
    if (missing === 0) break;
    counts[k] = counts[k]! + 1;
    missing--;
  }
  const test = groups.flatMap((g, k) => g.slice(0, counts[k]));
  return rng.shuffle(Int32Array.from(test));
}

/**
 * Splits rows of `x` and entries of `y` into a training and a test part, shuffled with a
 * seed, optionally stratified by the labels in `y`. Tensors come back as new tensors
 * (dispose them), arrays as arrays.
 *
 * ```ts
 * const { xTrain, xTest, yTrain, yTest } = trainTestSplit(x, y, { testSize: 0.2, stratify: true, seed: 42 });
 * ```
 */
export function trainTestSplit<X extends MatrixInput, Y extends VectorInput>(
  x: X,
  y: Y,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<X, Y> {
  const where = 'trainTestSplit';
  assertKnownOptions(where, options, ['testSize', 'shuffle', 'stratify', 'seed']);
  const n = lengthOf(where, 'x', x);
  assertSameLength(where, 'y', lengthOf(where, 'y', y), n);
  if (n < 2)
    throw new ValueError(
      `Argument 'x' passed to '${where}' must have at least 2 rows, but got ${n}.`,
    );
  const nTest = testCount(
    where,
    assertNumberInRange(where, 'testSize', options.testSize ?? 0.25, Number.MIN_VALUE),
    n,
  );
  const shuffle = options.shuffle ?? true;
  const rng = createRng(options.seed ?? 0);
  let test: Int32Array;
  let train: Int32Array;
  if (options.stratify) {
    if (!shuffle) throw new ValueError(`Option 'stratify' of '${where}' needs 'shuffle: true'.`);
    test = stratifiedTest(readLabels(where, 'y', y, n), nTest, rng);
    const inTest = new Uint8Array(n);
    for (const i of test) inTest[i] = 1;
    train = rng.shuffle(Int32Array.from({ length: n }, (_, i) => i).filter((i) => inTest[i] === 0));
  } else {
    const order = shuffle ? rng.permutation(n) : Int32Array.from({ length: n }, (_, i) => i);
    // Like scikit-learn: the test part comes first in the shuffled order.
    test = order.slice(0, nTest);
    train = order.slice(nTest);
  }
  return {
    xTrain: takeRows(x, train),
    xTest: takeRows(x, test),
    yTrain: takeRows(y, train),
    yTest: takeRows(y, test),
  };
}
