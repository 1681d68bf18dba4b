import { createRng, ShapeError, ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { apriori } from './apriori';
import { associationRules } from './association_rules';
import { fpGrowth } from './fp_growth';

/** The classic example of mlxtend's documentation (Onion appears twice in the last basket). */
const BASKETS = [
  ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
  ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
  ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
];

/** Counted by hand from the five baskets: 5 single items, 5 pairs and 1 triple reach 3 of 5. */
const EXPECTED = [
  [['Eggs'], 0.8],
  [['Kidney Beans'], 1],
  [['Milk'], 0.6],
  [['Onion'], 0.6],
  [['Yogurt'], 0.6],
  [['Eggs', 'Kidney Beans'], 0.8],
  [['Eggs', 'Onion'], 0.6],
  [['Kidney Beans', 'Milk'], 0.6],
  [['Kidney Beans', 'Onion'], 0.6],
  [['Kidney Beans', 'Yogurt'], 0.6],
  [['Eggs', 'Kidney Beans', 'Onion'], 0.6],
];

/** Brute force: the support of every subset of the items that appear, by direct counting. */
function bruteForce(transactions: number[][], minSupport: number): string[] {
  const items = [...new Set(transactions.flat())].sort((a, b) => a - b);
  const out: string[] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) {
    const set = items.filter((_, i) => mask & (1 << i));
    const count = transactions.filter((t) => set.every((item) => t.includes(item))).length;
    if (count / transactions.length >= minSupport) out.push(`${set.join(',')}:${count}`);
  }
  return out.sort();
}

describe('apriori and fpGrowth', () => {
  for (const [name, mine] of [
    ['apriori', apriori],
    ['fpGrowth', fpGrowth],
  ] as const) {
    it(`${name} finds exactly the 11 frequent itemsets of the classic example at support 0.6`, () => {
      const found = mine(BASKETS, { minSupport: 0.6 });
      expect(found.map((s) => [s.items, s.support])).toEqual(EXPECTED);
    });

    it(`${name} counts an item repeated in one transaction once`, () => {
      const found = mine([['a', 'a', 'a'], ['b']], { minSupport: 0.5 });
      expect(found).toEqual([
        { items: ['a'], support: 0.5 },
        { items: ['b'], support: 0.5 },
      ]);
    });

    it(`${name} respects maxLen and accepts numeric items`, () => {
      const found = mine(
        [
          [3, 1, 2],
          [1, 2, 3],
          [2, 3],
        ],
        { minSupport: 0.5, maxLen: 2 },
      );
      expect(found.map((s) => s.items)).toEqual([[1], [2], [3], [1, 2], [1, 3], [2, 3]]);
    });
  }

  it('agree with each other and with brute force on random transactions (seeded)', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 25; trial++) {
      const items = 4 + rng.int(7);
      const transactions = Array.from({ length: 5 + rng.int(40) }, () =>
        Array.from({ length: 1 + rng.int(items) }, () => rng.int(items)),
      );
      const minSupport = 0.05 + 0.5 * rng.next();
      const a = apriori(transactions, { minSupport });
      const f = fpGrowth(transactions, { minSupport });
      expect(f).toEqual(a);
      const asCounts = a.map(
        (s) => `${s.items.join(',')}:${Math.round(s.support * transactions.length)}`,
      );
      expect(asCounts.sort()).toEqual(bruteForce(transactions, minSupport));
    }
  });

  it('reject bad input with named errors', () => {
    expect(() => apriori([], { minSupport: 0.5 })).toThrow(
      new ValueError("Argument 'transactions' passed to 'apriori' must not be empty."),
    );
    expect(() => fpGrowth(BASKETS, { minSupport: 1.5 })).toThrow(
      new ValueError(
        "Argument 'minSupport' passed to 'fpGrowth' must be a finite number in [0, 1], but got 1.5.",
      ),
    );
    expect(() => apriori(BASKETS, { minSupport: 0 })).toThrow(
      new ValueError("Argument 'minSupport' passed to 'apriori' must be > 0, but got 0."),
    );
    expect(() => apriori([['a'], 'b' as unknown as string[]])).toThrow(
      new ShapeError(
        "Argument 'transactions' passed to 'apriori' must be an array of arrays of items, but entry 1 is not an array.",
      ),
    );
    expect(() => fpGrowth([['a', null as unknown as string]])).toThrow(
      new ValueError(
        "Argument 'transactions' passed to 'fpGrowth' must hold strings or finite numbers, but transaction 0 holds null.",
      ),
    );
    expect(() => apriori(BASKETS, { min_support: 0.5 } as object)).toThrow(
      "Unknown option 'min_support' passed to 'apriori'; expected one of: minSupport, maxLen.",
    );
  });
});

describe('associationRules', () => {
  const itemsets = apriori(BASKETS, { minSupport: 0.6 });

  it('gives {Onion} -> {Eggs} with support 0.6, confidence 1, lift 1.25', () => {
    const rules = associationRules(itemsets, { metric: 'confidence', minThreshold: 0.7 });
    const rule = rules.find(
      (r) => r.antecedents.join() === 'Onion' && r.consequents.join() === 'Eggs',
    );
    expect(rule).toEqual({
      antecedents: ['Onion'],
      consequents: ['Eggs'],
      antecedentSupport: 0.6,
      consequentSupport: 0.8,
      support: 0.6,
      confidence: 1,
      lift: 1.25,
      leverage: expect.closeTo(0.12, 12),
      conviction: Number.POSITIVE_INFINITY,
    });
  });

  it('measures every split and filters on the chosen metric', () => {
    const all = associationRules(itemsets, { metric: 'support', minThreshold: 0 });
    // 5 pairs give 2 rules each, the triple gives 6.
    expect(all).toHaveLength(16);
    const eggsToBeans = all.find(
      (r) => r.antecedents.join() === 'Eggs' && r.consequents.join() === 'Kidney Beans',
    );
    expect(eggsToBeans?.confidence).toBe(1);
    expect(eggsToBeans?.lift).toBe(1);
    expect(eggsToBeans?.leverage).toBe(0);
    const beansToEggs = all.find(
      (r) => r.antecedents.join() === 'Kidney Beans' && r.consequents.join() === 'Eggs',
    );
    expect(beansToEggs?.confidence).toBeCloseTo(0.8, 12);
    // conviction = (1 - 0.8) / (1 - 0.8) = 1 for independent items.
    expect(beansToEggs?.conviction).toBeCloseTo(1, 12);
    const lifted = associationRules(itemsets, { metric: 'lift', minThreshold: 1.2 });
    expect(lifted.every((r) => r.lift >= 1.2)).toBe(true);
    expect(lifted.map((r) => `${r.antecedents}->${r.consequents}`).sort()).toEqual(
      [
        'Eggs->Onion',
        'Onion->Eggs',
        'Eggs->Kidney Beans,Onion',
        'Kidney Beans,Onion->Eggs',
        'Eggs,Kidney Beans->Onion',
        'Onion->Eggs,Kidney Beans',
      ].sort(),
    );
  });

  it('rejects an unknown metric and incomplete itemsets', () => {
    expect(() => associationRules(itemsets, { metric: 'zhang' as 'lift' })).toThrow(
      "Argument 'metric' passed to 'associationRules' must be one of 'support', 'confidence', 'lift', 'leverage', 'conviction', but got \"zhang\".",
    );
    expect(() => associationRules([{ items: ['a', 'b'], support: 0.5 }])).toThrow(
      new ValueError(
        "Argument 'itemsets' passed to 'associationRules' lacks the support of [a], a subset of another itemset; pass every frequent itemset.",
      ),
    );
  });
});
