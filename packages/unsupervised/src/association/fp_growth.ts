import {
  encodeTransactions,
  type FrequentItemset,
  type FrequentItemsetOptions,
  type Item,
  toFrequentItemsets,
} from './transactions';

/**
 * An FP-tree in flat arrays: node i has an item, a count and a parent (node 0 is the root).
 * `nodesOf` is the header table: the nodes of each item. `order` lists the tree's frequent
 * items, least frequent first (the order they are mined in), with their counts.
 */
interface FpTree {
  item: number[];
  count: number[];
  parent: number[];
  nodesOf: Map<number, number[]>;
  order: { item: number; count: number }[];
}

/** Item-id paths (in any order) with how often each occurs. */
interface WeightedPaths {
  items: number[][];
  counts: number[];
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
  const paths: WeightedPaths = {
    items: encoded.rows.map((row) => Array.from(row)),
    counts: encoded.rows.map(() => 1),
  };
  const found: { ids: number[]; count: number }[] = [];
  mine(buildTree(paths, encoded.minCount), [], encoded.minCount, encoded.maxLen, found);
  return toFrequentItemsets(found, encoded);
}

function buildTree(paths: WeightedPaths, minCount: number): FpTree {
  const totals = new Map<number, number>();
  paths.items.forEach((items, p) => {
    const c = paths.counts[p] as number;
    for (const item of items) totals.set(item, (totals.get(item) ?? 0) + c);
  });
  // Most frequent first in the tree (ties by id) so that common prefixes share nodes.
  const frequent = [...totals.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rank = new Map(frequent.map(([item], position) => [item, position]));
  const tree: FpTree = { item: [-1], count: [0], parent: [-1], nodesOf: new Map(), order: [] };
  // Child of node n with item i, keyed n * width + rank(i).
  const width = frequent.length + 1;
  const children = new Map<number, number>();
  const ranks: number[] = [];
  paths.items.forEach((items, p) => {
    ranks.length = 0;
    for (const item of items) {
      const r = rank.get(item);
      if (r !== undefined) ranks.push(r);
    }
    ranks.sort((a, b) => a - b);
    const c = paths.counts[p] as number;
    let node = 0;
    for (const r of ranks) {
      const key = node * width + r;
      let child = children.get(key);
      if (child === undefined) {
        child = tree.item.length;
        const item = (frequent[r] as [number, number])[0];
        tree.item.push(item);
        tree.count.push(0);
        tree.parent.push(node);
        children.set(key, child);
        const list = tree.nodesOf.get(item);
        if (list === undefined) tree.nodesOf.set(item, [child]);
        else list.push(child);
      }
      tree.count[child] = (tree.count[child] as number) + c;
      node = child;
    }
  });
  for (let r = frequent.length - 1; r >= 0; r--) {
    const [item, count] = frequent[r] as [number, number];
    tree.order.push({ item, count });
  }
  return tree;
}

function mine(
  tree: FpTree,
  suffix: number[],
  minCount: number,
  maxLen: number,
  found: { ids: number[]; count: number }[],
): void {
  for (const { item, count } of tree.order) {
    const ids = [...suffix, item];
    found.push({ ids, count });
    if (ids.length >= maxLen) continue;
    const conditional = buildTree(prefixPaths(tree, tree.nodesOf.get(item) ?? []), minCount);
    if (conditional.order.length > 0) mine(conditional, ids, minCount, maxLen, found);
  }
}

/** The conditional pattern base of an item: the path above each of its nodes, weighted by the node's count. */
function prefixPaths(tree: FpTree, nodes: number[]): WeightedPaths {
  const items: number[][] = [];
  const counts: number[] = [];
  for (const node of nodes) {
    const path: number[] = [];
    for (let up = tree.parent[node] as number; up > 0; up = tree.parent[up] as number) {
      path.push(tree.item[up] as number);
    }
    if (path.length === 0) continue;
    items.push(path);
    counts.push(tree.count[node] as number);
  }
  return { items, counts };
}
