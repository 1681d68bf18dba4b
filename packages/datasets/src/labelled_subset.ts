import { assertInteger, assertKnownOptions, createRng, ValueError } from '@gankit/core';

/** Options of {@link labelledSubset}. */
export interface LabelledSubsetOptions {
  /** How many examples of each class keep their label (an integer >= 1). */
  nPerClass: number;
  /** Seed of the draw. Default 0. */
  seed?: number | string;
}

/** Indices of the examples that keep their labels, and of all the others, both ascending. */
export interface LabelledSubset {
  readonly labelled: Int32Array;
  readonly unlabelled: Int32Array;
}

function indicesByClass(labels: ArrayLike<number>): Map<number, number[]> {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (!Number.isInteger(c) || c < 0) {
      throw new ValueError(
        `Argument 'labels' passed to 'labelledSubset' must hold integer classes >= 0, but entry ${i} is ${c}.`,
      );
    }
    const list = byClass.get(c);
    if (list) list.push(i);
    else byClass.set(c, [i]);
  }
  return byClass;
}

/**
 * Picks `nPerClass` random examples of every class to keep their labels, for
 * semi-supervised learning (for example 10 labelled digits per class out of MNIST's
 * 60,000). Every class present in `labels` must have at least `nPerClass` examples.
 */
export function labelledSubset(
  labels: ArrayLike<number>,
  options: LabelledSubsetOptions,
): LabelledSubset {
  assertKnownOptions('labelledSubset', options, ['nPerClass', 'seed']);
  const nPerClass = assertInteger('labelledSubset', 'nPerClass', options?.nPerClass);
  const rng = createRng(options.seed ?? 0);
  const byClass = indicesByClass(labels);
  if (byClass.size === 0) {
    throw new ValueError(`Argument 'labels' passed to 'labelledSubset' must not be empty.`);
  }
  const keep = new Uint8Array(labels.length);
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(c) as number[];
    if (members.length < nPerClass) {
      throw new ValueError(
        `Argument 'nPerClass' passed to 'labelledSubset' must be at most the size of every class, but class ${c} has only ${members.length} examples (nPerClass ${nPerClass}).`,
      );
    }
    rng.shuffle(members);
    for (let j = 0; j < nPerClass; j++) keep[members[j] as number] = 1;
  }
  const labelled: number[] = [];
  const unlabelled: number[] = [];
  keep.forEach((k, i) => {
    (k ? labelled : unlabelled).push(i);
  });
  return { labelled: Int32Array.from(labelled), unlabelled: Int32Array.from(unlabelled) };
}
