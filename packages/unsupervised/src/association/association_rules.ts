import { assertKnownOptions, assertNumberInRange, assertOneOf, ValueError } from '@gankit/core';
import { compareItems, type FrequentItemset, type Item } from './transactions';

/** The measures a rule can be filtered on. */
export type RuleMetric = 'support' | 'confidence' | 'lift' | 'leverage' | 'conviction';

/** Options of {@link associationRules}. */
export interface AssociationRuleOptions {
  /** The measure `minThreshold` applies to. Default `'confidence'`. */
  metric?: RuleMetric;
  /** Keep rules whose `metric` is at least this. Default 0.8. */
  minThreshold?: number;
}

/** A rule antecedents -> consequents with its measures. */
export interface AssociationRule<T extends Item = Item> {
  antecedents: T[];
  consequents: T[];
  antecedentSupport: number;
  consequentSupport: number;
  /** Support of antecedents and consequents together. */
  support: number;
  /** support / antecedentSupport: P(consequents | antecedents). */
  confidence: number;
  /** confidence / consequentSupport: 1 when independent. */
  lift: number;
  /** support - antecedentSupport * consequentSupport: 0 when independent. */
  leverage: number;
  /** (1 - consequentSupport) / (1 - confidence): Infinity for a rule that always holds. */
  conviction: number;
}

/** 2^20 splits of one itemset is already a million rules. */
const MAX_RULE_ITEMS = 20;

const METRICS: readonly RuleMetric[] = ['support', 'confidence', 'lift', 'leverage', 'conviction'];

function keyOf(items: readonly Item[]): string {
  return JSON.stringify([...items].sort(compareItems));
}

/**
 * Association rules from frequent itemsets (as returned by `apriori` or `fpGrowth`): every
 * split of each itemset of two or more items into non-empty antecedents and consequents,
 * kept when its `metric` reaches `minThreshold`. Every subset of an itemset must be among
 * the itemsets too, as the miners guarantee.
 *
 * ```ts
 * associationRules(apriori(transactions, { minSupport: 0.6 }), { metric: 'lift', minThreshold: 1 });
 * ```
 */
export function associationRules<T extends Item>(
  itemsets: readonly FrequentItemset<T>[],
  options: AssociationRuleOptions = {},
): AssociationRule<T>[] {
  const where = 'associationRules';
  assertKnownOptions(where, options, ['metric', 'minThreshold']);
  const metric = assertOneOf(where, 'metric', options.metric ?? 'confidence', METRICS);
  const minThreshold = assertNumberInRange(where, 'minThreshold', options.minThreshold ?? 0.8);
  if (!Array.isArray(itemsets)) {
    throw new ValueError(
      `Argument 'itemsets' passed to '${where}' must be an array of frequent itemsets.`,
    );
  }
  const supports = new Map(itemsets.map((s) => [keyOf(s.items), s.support]));
  const supportOf = (items: T[]): number => {
    const s = supports.get(keyOf(items));
    if (s === undefined) {
      throw new ValueError(
        `Argument 'itemsets' passed to '${where}' lacks the support of [${items.join(', ')}], a subset of another itemset; pass every frequent itemset.`,
      );
    }
    return s;
  };
  const rules: AssociationRule<T>[] = [];
  for (const { items, support } of itemsets) {
    const sorted = [...items].sort(compareItems);
    if (sorted.length > MAX_RULE_ITEMS) {
      throw new ValueError(
        `Argument 'itemsets' passed to '${where}' holds an itemset of ${sorted.length} items; rules are split from itemsets of at most ${MAX_RULE_ITEMS} items (pass maxLen to the miner).`,
      );
    }
    for (const [antecedents, consequents] of splits(sorted)) {
      const rule = measure(
        antecedents,
        consequents,
        support,
        supportOf(antecedents),
        supportOf(consequents),
      );
      if (rule[metric] >= minThreshold) rules.push(rule);
    }
  }
  return rules;
}

/** Every split of `items` into two non-empty parts, antecedents first, smaller antecedents first. */
function splits<T>(items: T[]): [T[], T[]][] {
  const n = items.length;
  if (n < 2) return [];
  const out: [T[], T[]][] = [];
  for (let mask = 1; mask < (1 << n) - 1; mask++) {
    out.push([items.filter((_, i) => mask & (1 << i)), items.filter((_, i) => !(mask & (1 << i)))]);
  }
  return out.sort((a, b) => a[0].length - b[0].length);
}

function measure<T extends Item>(
  antecedents: T[],
  consequents: T[],
  support: number,
  antecedentSupport: number,
  consequentSupport: number,
): AssociationRule<T> {
  const confidence = support / antecedentSupport;
  return {
    antecedents,
    consequents,
    antecedentSupport,
    consequentSupport,
    support,
    confidence,
    lift: confidence / consequentSupport,
    leverage: support - antecedentSupport * consequentSupport,
    conviction:
      confidence >= 1 ? Number.POSITIVE_INFINITY : (1 - consequentSupport) / (1 - confidence),
  };
}
