import { assertInteger, ValueError } from '@gankit/core';
import type { Id } from './interactions';

function checkPaired(where: string, actual: ArrayLike<number>, predicted: ArrayLike<number>) {
  if (actual.length !== predicted.length) {
    throw new ValueError(
      `Arguments 'actual' and 'predicted' passed to '${where}' must have the same length, but got ${actual.length} and ${predicted.length}.`,
    );
  }
  if (actual.length === 0) {
    throw new ValueError(`Argument 'actual' passed to '${where}' must not be empty.`);
  }
}

/** Root mean squared error of rating predictions. */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPaired('rmse', actual, predicted);
  let sum = 0;
  for (let n = 0; n < actual.length; n++) {
    const e = (actual[n] as number) - (predicted[n] as number);
    sum += e * e;
  }
  return Math.sqrt(sum / actual.length);
}

/** Mean absolute error of rating predictions. */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPaired('mae', actual, predicted);
  let sum = 0;
  for (let n = 0; n < actual.length; n++)
    sum += Math.abs((actual[n] as number) - (predicted[n] as number));
  return sum / actual.length;
}

/**
 * Recommended lists and relevant sets, one entry per user, for the ranking metrics.
 * Users with no relevant item are skipped by every metric (nothing to find).
 */
export interface RankingInput {
  /** Each user's recommended items, best first. */
  recommended: readonly (readonly Id[])[];
  /** Each user's relevant (held-out, liked) items. */
  relevant: readonly (readonly Id[])[];
}

/** Applies `perUser` to every user with relevant items and averages. */
function meanOverUsers(
  where: string,
  input: RankingInput,
  k: number,
  perUser: (top: readonly Id[], relevant: ReadonlySet<Id>) => number,
): number {
  assertInteger(where, 'k', k, 1);
  const { recommended, relevant } = input;
  if (recommended.length !== relevant.length) {
    throw new ValueError(
      `Arguments 'recommended' and 'relevant' passed to '${where}' must have one entry per user, but got ${recommended.length} and ${relevant.length}.`,
    );
  }
  let sum = 0;
  let users = 0;
  for (let u = 0; u < recommended.length; u++) {
    const rel = new Set(relevant[u]);
    if (rel.size === 0) continue;
    sum += perUser((recommended[u] as readonly Id[]).slice(0, k), rel);
    users++;
  }
  if (users === 0) {
    throw new ValueError(
      `Argument 'relevant' passed to '${where}' has no user with a relevant item.`,
    );
  }
  return sum / users;
}

function hits(top: readonly Id[], relevant: ReadonlySet<Id>): number {
  let h = 0;
  for (const item of top) if (relevant.has(item)) h++;
  return h;
}

/** Mean over users of (relevant items in the top k) / k. */
export function precisionAtK(input: RankingInput, k: number): number {
  return meanOverUsers('precisionAtK', input, k, (top, rel) => hits(top, rel) / k);
}

/** Mean over users of (relevant items in the top k) / (relevant items). */
export function recallAtK(input: RankingInput, k: number): number {
  return meanOverUsers('recallAtK', input, k, (top, rel) => hits(top, rel) / rel.size);
}

/** Mean over users of the fraction with at least one relevant item in the top k. */
export function hitRateAtK(input: RankingInput, k: number): number {
  return meanOverUsers('hitRateAtK', input, k, (top, rel) => (hits(top, rel) > 0 ? 1 : 0));
}

/**
 * Mean over users of binary-relevance nDCG: `sum_{hit at rank r} 1/log2(r+1)` divided by
 * the same sum for a perfect list of `min(k, relevant)` hits (ranks from 1).
 */
export function ndcgAtK(input: RankingInput, k: number): number {
  return meanOverUsers('ndcgAtK', input, k, (top, rel) => {
    let dcg = 0;
    top.forEach((item, r) => {
      if (rel.has(item)) dcg += 1 / Math.log2(r + 2);
    });
    let ideal = 0;
    for (let r = 0; r < Math.min(k, rel.size); r++) ideal += 1 / Math.log2(r + 2);
    return dcg / ideal;
  });
}

/**
 * Mean over users of average precision at k: the mean of precision@r over the ranks r of
 * the hits, divided by `min(k, relevant)`.
 */
export function mapAtK(input: RankingInput, k: number): number {
  return meanOverUsers('mapAtK', input, k, (top, rel) => {
    let found = 0;
    let sum = 0;
    top.forEach((item, r) => {
      if (rel.has(item)) {
        found++;
        sum += found / (r + 1);
      }
    });
    return sum / Math.min(k, rel.size);
  });
}

/** Fraction of the catalogue that appears in at least one user's top k. */
export function catalogueCoverage(
  recommended: readonly (readonly Id[])[],
  catalogueSize: number,
  k: number,
): number {
  assertInteger('catalogueCoverage', 'catalogueSize', catalogueSize, 1);
  assertInteger('catalogueCoverage', 'k', k, 1);
  const seen = new Set<Id>();
  for (const list of recommended) for (const item of list.slice(0, k)) seen.add(item);
  return seen.size / catalogueSize;
}
