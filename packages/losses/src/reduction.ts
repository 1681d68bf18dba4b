import { assertKnownOptions, assertOneOf } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * How a loss turns per-element (or per-example) values into its result:
 * `'mean'` (the default) and `'sum'` give a scalar, `'none'` returns the unreduced tensor.
 */
export type Reduction = 'mean' | 'sum' | 'none';

/** The `reduction` option shared by the classification and regression losses. */
export type ReductionOptions = {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
};

const REDUCTIONS: readonly Reduction[] = ['mean', 'sum', 'none'];

/** Checks `options` against `known` (which must include `reduction`) and returns the reduction. */
export function readReduction(
  where: string,
  options: { reduction?: Reduction } | undefined,
  known: readonly string[] = ['reduction'],
): Reduction {
  assertKnownOptions(where, options, known);
  const value = options?.reduction ?? 'mean';
  return assertOneOf(where, 'reduction', value, REDUCTIONS);
}

/** Applies `reduction` to a tensor of losses. */
export function reduce(losses: tf.Tensor, reduction: Reduction): tf.Tensor {
  if (reduction === 'mean') return tf.mean(losses);
  if (reduction === 'sum') return tf.sum(losses);
  return losses;
}
