import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  ShapeError,
  ValueError,
} from '@gankit/core';

/** An item in a transaction: a string or a finite number. */
export type Item = string | number;

/** A frequent itemset and the share of transactions that contain all of its items. */
export interface FrequentItemset<T extends Item = Item> {
  /** The items, in ascending order (numbers before strings). */
  items: T[];
  /** Fraction of the transactions that contain every item, in (0, 1]. */
  support: number;
}

/** Options of `apriori` and `fpGrowth`. */
export interface FrequentItemsetOptions {
  /** Smallest support an itemset needs, in (0, 1]. Default 0.5. */
  minSupport?: number;
  /** Largest itemset size searched. Default: no limit. */
  maxLen?: number;
}

/**
 * Transactions encoded for mining: items renamed 0..m-1 in ascending item order, each
 * transaction a sorted list of distinct item ids (an item repeated in one transaction
 * counts once).
 */
export interface EncodedTransactions<T extends Item> {
  readonly items: T[];
  readonly rows: Int32Array[];
  /** The least number of transactions a frequent itemset appears in. */
  readonly minCount: number;
  readonly maxLen: number;
}

/** Ascending order over items: numbers (numerically) before strings (by code unit). */
export function compareItems(a: Item, b: Item): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Checks the arguments of a miner and encodes the transactions. */
export function encodeTransactions<T extends Item>(
  where: string,
  transactions: readonly (readonly T[])[],
  options: FrequentItemsetOptions,
): EncodedTransactions<T> {
  assertKnownOptions(where, options, ['minSupport', 'maxLen']);
  const minSupport = assertNumberInRange(where, 'minSupport', options.minSupport ?? 0.5, 0, 1);
  if (minSupport === 0) {
    throw new ValueError(`Argument 'minSupport' passed to '${where}' must be > 0, but got 0.`);
  }
  const maxLen =
    options.maxLen === undefined
      ? Number.POSITIVE_INFINITY
      : assertInteger(where, 'maxLen', options.maxLen);
  if (!Array.isArray(transactions)) {
    throw new ShapeError(
      `Argument 'transactions' passed to '${where}' must be an array of arrays of items.`,
    );
  }
  if (transactions.length === 0) {
    throw new ValueError(`Argument 'transactions' passed to '${where}' must not be empty.`);
  }
  const distinct = new Set<T>();
  transactions.forEach((t: readonly T[], i) => {
    if (!Array.isArray(t)) {
      throw new ShapeError(
        `Argument 'transactions' passed to '${where}' must be an array of arrays of items, but entry ${i} is not an array.`,
      );
    }
    for (const item of t as readonly unknown[]) {
      if (typeof item !== 'string' && !(typeof item === 'number' && Number.isFinite(item))) {
        throw new ValueError(
          `Argument 'transactions' passed to '${where}' must hold strings or finite numbers, but transaction ${i} holds ${String(item)}.`,
        );
      }
      distinct.add(item as T);
    }
  });
  const items = [...distinct].sort(compareItems);
  const ids = new Map(items.map((item, id) => [item, id]));
  // An item repeated in one transaction counts once: remember in which transaction each id was last seen.
  const seenIn = new Int32Array(items.length).fill(-1);
  const rows = transactions.map((t: readonly T[], index) => {
    const row: number[] = [];
    for (const item of t) {
      const id = ids.get(item) as number;
      if (seenIn[id] !== index) {
        seenIn[id] = index;
        row.push(id);
      }
    }
    return Int32Array.from(row).sort();
  });
  return { items, rows, minCount: leastCount(minSupport, rows.length), maxLen };
}

/** The least integer c with c / m >= minSupport, compared as the support itself will be. */
function leastCount(minSupport: number, m: number): number {
  let c = Math.max(1, Math.ceil(minSupport * m));
  while (c > 1 && (c - 1) / m >= minSupport) c--;
  while (c / m < minSupport) c++;
  return c;
}

/** Itemsets as item-id lists with counts, turned into the public form, in canonical order. */
export function toFrequentItemsets<T extends Item>(
  found: { ids: number[]; count: number }[],
  encoded: EncodedTransactions<T>,
): FrequentItemset<T>[] {
  const m = encoded.rows.length;
  return found
    .map(({ ids, count }) => ({ ids: [...ids].sort((a, b) => a - b), count }))
    .sort((a, b) => a.ids.length - b.ids.length || compareIds(a.ids, b.ids))
    .map(({ ids, count }) => ({
      items: ids.map((id) => encoded.items[id] as T),
      support: count / m,
    }));
}

function compareIds(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}
