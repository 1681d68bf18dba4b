import {
  encodeTransactions,
  type FrequentItemset,
  type FrequentItemsetOptions,
  type Item,
  toFrequentItemsets,
} from './transactions';

interface FpNode {
  item: number;
  count: number;
  parent: FpNode | undefined;
  children: Map<number, FpNode>;
}

/** An FP-tree with its header table: the nodes of each item. */
interface FpTree {
  root: FpNode;
  nodes: Map<number, FpNode[]>;
  /** Frequent items of this tree, least frequent first (the order they are mined in). */
  order: number[];
  counts: Map<number, number>;
}

/** A path of item ids (in tree order) that occurs `count` times. */
interface WeightedPath {
  items: number[];
  count: number;
}

/**
 * Frequent itemsets by FP-Growth (Han, Pei and Yin 2000): the transactions go into a
 * prefix tree ordered by item frequency, then each item's conditional tree is mined
 * recursively, with no candidate generation. Returns the same itemsets as `apriori`, in
 * the same order.
 */
export function fpGrowth<T extends Item>(
  transactions: readonly (readonly T[])[],
  options: FrequentItemsetOptions = {},
): FrequentItemset<T>[] {
  const encoded = encodeTransactions('fpGrowth', transactions, options);
  const paths = encoded.rows.map((row) => ({ items: Array.from(row), count: 1 }));
  const found: { ids: number[]; count: number }[] = [];
  mine(buildTree(paths, encoded.minCount), [], encoded.minCount, encoded.maxLen, found);
  return toFrequentItemsets(found, encoded);
}

function buildTree(paths: WeightedPath[], minCount: number): FpTree {
  const counts = new Map<number, number>();
  for (const { items, count } of paths)
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + count);
  const frequent = [...counts.entries()].filter(([, c]) => c >= minCount);
  // Most frequent first in the tree (ties by id) so that common prefixes share nodes.
  frequent.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rank = new Map(frequent.map(([item], position) => [item, position]));
  const root: FpNode = { item: -1, count: 0, parent: undefined, children: new Map() };
  const nodes = new Map<number, FpNode[]>();
  for (const { items, count } of paths) {
    const ranks: number[] = [];
    for (const item of items) {
      const r = rank.get(item);
      if (r !== undefined) ranks.push(r);
    }
    ranks.sort((a, b) => a - b);
    let node = root;
    for (const r of ranks) {
      const item = (frequent[r] as [number, number])[0];
      let child = node.children.get(item);
      if (child === undefined) {
        child = { item, count: 0, parent: node, children: new Map() };
        node.children.set(item, child);
        const list = nodes.get(item);
        if (list === undefined) nodes.set(item, [child]);
        else list.push(child);
      }
      child.count += count;
      node = child;
    }
  }
  const order = frequent.map(([item]) => item).reverse();
  return { root, nodes, order, counts: new Map(frequent) };
}

function mine(
  tree: FpTree,
  suffix: number[],
  minCount: number,
  maxLen: number,
  found: { ids: number[]; count: number }[],
): void {
  for (const item of tree.order) {
    const ids = [...suffix, item];
    found.push({ ids, count: tree.counts.get(item) as number });
    if (ids.length >= maxLen) continue;
    const conditional = buildTree(prefixPaths(tree.nodes.get(item) ?? []), minCount);
    if (conditional.order.length > 0) mine(conditional, ids, minCount, maxLen, found);
  }
}

/** The conditional pattern base of an item: the path above each of its nodes, weighted by the node's count. */
function prefixPaths(nodes: FpNode[]): WeightedPath[] {
  return nodes.map((node) => {
    const items: number[] = [];
    for (let up = node.parent; up !== undefined && up.item !== -1; up = up.parent)
      items.push(up.item);
    return { items: items.reverse(), count: node.count };
  });
}
