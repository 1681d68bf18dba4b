import {
  type EncodedTransactions,
  encodeTransactions,
  type FrequentItemset,
  type FrequentItemsetOptions,
  type Item,
  toFrequentItemsets,
} from './transactions';

interface Level {
  ids: number[];
  /** Which transactions contain every item, one bit per transaction. */
  bits: Uint32Array;
  count: number;
}

/**
 * Frequent itemsets by Apriori (Agrawal and Srikant 1994): level by level, candidates of
 * size k+1 join two frequent k-itemsets sharing their first k-1 items and are dropped when
 * any k-subset is infrequent. Support is counted on per-itemset transaction bitsets.
 *
 * ```ts
 * apriori([['milk', 'eggs'], ['eggs']], { minSupport: 0.6 }); // [{ items: ['eggs'], support: 1 }]
 * ```
 */
export function apriori<T extends Item>(
  transactions: readonly (readonly T[])[],
  options: FrequentItemsetOptions = {},
): FrequentItemset<T>[] {
  const encoded = encodeTransactions('apriori', transactions, options);
  const found: { ids: number[]; count: number }[] = [];
  let level = frequentSingles(encoded);
  while (level.length > 0) {
    found.push(...level.map(({ ids, count }) => ({ ids, count })));
    if ((level[0] as Level).ids.length >= encoded.maxLen) break;
    level = nextLevel(level, encoded.minCount);
  }
  return toFrequentItemsets(found, encoded);
}

function frequentSingles<T extends Item>(encoded: EncodedTransactions<T>): Level[] {
  const words = Math.ceil(encoded.rows.length / 32);
  const bits = encoded.items.map(() => new Uint32Array(words));
  encoded.rows.forEach((row, t) => {
    for (const id of row) (bits[id] as Uint32Array)[t >>> 5]! |= 1 << (t & 31);
  });
  return bits
    .map((b, id) => ({ ids: [id], bits: b, count: popcount(b) }))
    .filter((level) => level.count >= encoded.minCount);
}

function nextLevel(level: Level[], minCount: number): Level[] {
  const known = new Set(level.map((l) => l.ids.join(',')));
  const next: Level[] = [];
  for (let a = 0; a < level.length; a++) {
    for (let b = a + 1; b < level.length; b++) {
      const x = level[a] as Level;
      const y = level[b] as Level;
      if (!samePrefix(x.ids, y.ids)) break;
      const ids = [...x.ids, y.ids[y.ids.length - 1] as number];
      if (!allSubsetsFrequent(ids, known)) continue;
      const bits = x.bits.map((w, i) => w & (y.bits[i] as number));
      const count = popcount(bits);
      if (count >= minCount) next.push({ ids, bits, count });
    }
  }
  return next;
}

/** Whether two sorted k-itemsets share their first k-1 ids (the lists are in ascending order). */
function samePrefix(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}

function allSubsetsFrequent(ids: number[], known: Set<string>): boolean {
  for (let skip = 0; skip < ids.length - 2; skip++) {
    if (!known.has(ids.filter((_, i) => i !== skip).join(','))) return false;
  }
  return true;
}

function popcount(bits: Uint32Array): number {
  let count = 0;
  for (let w of bits) {
    w -= (w >>> 1) & 0x55555555;
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    count += Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  return count;
}
