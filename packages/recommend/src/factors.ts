import { assertInteger, ValueError } from '@gankit/core';
import type { Id, IdIndex } from './interactions';
import type { SimilarEntry } from './prediction';
import { TopN } from './top_k';

/** Dot product of rows `a` and `b` (length `f`) of two row-major factor matrices. */
export function dotRows(
  left: Float64Array,
  a: number,
  right: Float64Array,
  b: number,
  f: number,
): number {
  let s = 0;
  const oa = a * f;
  const ob = b * f;
  for (let k = 0; k < f; k++) s += (left[oa + k] as number) * (right[ob + k] as number);
  return s;
}

/**
 * The `n` rows of `factors` with the highest cosine similarity to the row of `id`
 * (the row itself excluded). Used for "similar items" in factor models.
 */
export function similarByFactors(
  where: string,
  factors: Float64Array,
  f: number,
  index: IdIndex,
  id: Id,
  n: number,
): SimilarEntry[] {
  assertInteger(where, 'n', n, 1);
  const x = index.indexOf(id);
  if (x < 0) {
    throw new ValueError(
      `Argument 'item' passed to '${where}' is not in the training data: ${JSON.stringify(id)}.`,
    );
  }
  const norms = new Float64Array(index.size);
  for (let r = 0; r < index.size; r++) norms[r] = Math.sqrt(dotRows(factors, r, factors, r, f));
  const top = new TopN(Math.min(n, index.size - 1));
  for (let r = 0; r < index.size; r++) {
    if (r === x) continue;
    const den = (norms[x] as number) * (norms[r] as number);
    top.push(den === 0 ? 0 : dotRows(factors, x, factors, r, f) / den, r);
  }
  return top.sorted().map(({ score, index: r }) => ({ id: index.ids[r] as Id, similarity: score }));
}

/** Callbacks and cancellation for the training loops of factor models. */
export interface TrainOptions {
  /** Stops training between epochs; `fit` then rejects with the signal's reason. */
  signal?: AbortSignal;
  onTrainBegin?: () => void;
  /** Called after each epoch with the training loss of that epoch. */
  onEpochEnd?: (epoch: number, logs: { loss: number }) => void | Promise<void>;
  onTrainEnd?: () => void;
}
