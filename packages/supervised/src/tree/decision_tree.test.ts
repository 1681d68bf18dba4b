import { createRng, initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DecisionTreeClassifier } from './decision_tree';

beforeAll(async () => {
  await initBackend();
});

function gini(labels: number[]): number {
  const counts = new Map<number, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return 1 - [...counts.values()].reduce((s, c) => s + (c / labels.length) ** 2, 0);
}

/** Reference: the best single split by trying every feature and every midpoint. */
function bestRootSplit(x: number[][], y: number[]) {
  let best = { feature: -1, threshold: 0, impurity: Number.POSITIVE_INFINITY };
  for (let f = 0; f < x[0]!.length; f++) {
    const values = [...new Set(x.map((r) => r[f]!))].sort((a, b) => a - b);
    for (let i = 0; i + 1 < values.length; i++) {
      const t = (values[i]! + values[i + 1]!) / 2;
      const left = y.filter((_, k) => x[k]![f]! <= t);
      const right = y.filter((_, k) => x[k]![f]! > t);
      const imp = (left.length * gini(left) + right.length * gini(right)) / y.length;
      if (imp < best.impurity - 1e-12) best = { feature: f, threshold: t, impurity: imp };
    }
  }
  return best;
}

describe('DecisionTreeClassifier', () => {
  it('splits at the midpoint that separates the classes', () => {
    const tree = new DecisionTreeClassifier().fit(
      [[1], [2], [3], [4], [5], [6]],
      [0, 0, 0, 1, 1, 1],
    );
    expect(tree.depth).toBe(1);
    expect(tree.nLeaves).toBe(2);
    expect(Array.from(tree.predict([[3.4], [3.6]]))).toEqual([0, 1]);
  });

  it('a depth-1 tree makes the split an exhaustive search finds', () => {
    const rng = createRng(7);
    const x = Array.from({ length: 80 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const y = x.map((r) => (r[1]! + 0.3 * r[2]! > 0.2 ? 1 : 0));
    const ref = bestRootSplit(x, y);
    const stump = new DecisionTreeClassifier({ maxDepth: 1 }).fit(x, y);
    expect(Array.from(stump.featureImportances).indexOf(1)).toBe(ref.feature);
    const probe = x.map((r) => r.map((v, f) => (f === ref.feature ? v : 0)));
    const sides = probe.map((r) => r[ref.feature]! <= ref.threshold);
    const predicted = stump.predictProba(probe);
    sides.forEach((left, i) => {
      expect(predicted[i]).toEqual(predicted[sides.indexOf(left)]);
    });
  });

  it('grows until pure (XOR needs depth 2) and respects maxDepth', () => {
    const x = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
      [1, 1],
    ];
    const y = [0, 1, 1, 0, 0, 0];
    const full = new DecisionTreeClassifier({ criterion: 'entropy' }).fit(x, y);
    expect(full.score(x, y)).toBe(1);
    const shallow = new DecisionTreeClassifier({ maxDepth: 1 }).fit(x, y);
    expect(shallow.depth).toBe(1);
    expect(shallow.score(x, y)).toBeLessThan(1);
  });

  it('minSamplesLeaf and minSamplesSplit stop growth', () => {
    const x = [[1], [2], [3], [4], [5], [6]];
    const y = [0, 1, 1, 1, 1, 1];
    // With one sample per leaf allowed, x <= 1.5 isolates the 0.
    expect(new DecisionTreeClassifier().fit(x, y).predictProba([[1]])[0]).toEqual(
      Float64Array.from([1, 0]),
    );
    // With two, the best split is x <= 2.5, leaving a mixed leaf.
    const leafy = new DecisionTreeClassifier({ minSamplesLeaf: 2 }).fit(x, y);
    expect(Array.from(leafy.predictProba([[1]])[0]!)).toEqual([0.5, 0.5]);
    expect(new DecisionTreeClassifier({ minSamplesSplit: 7 }).fit(x, y).nLeaves).toBe(1);
  });

  it('breaks ties between identical features by the seed, reproducibly', () => {
    const x = [
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ];
    const y = [0, 0, 1, 1];
    const chosen = new Set<number>();
    for (let seed = 0; seed < 12; seed++) {
      const a = new DecisionTreeClassifier({ seed }).fit(x, y).featureImportances;
      const b = new DecisionTreeClassifier({ seed }).fit(x, y).featureImportances;
      expect(Array.from(a)).toEqual(Array.from(b));
      chosen.add(a[0] === 1 ? 0 : 1);
    }
    expect(chosen.size).toBe(2);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => new DecisionTreeClassifier().predict([[1]])).toThrow(NotFittedError);
    expect(() => new DecisionTreeClassifier({ maxDepth: -1 })).toThrow(
      "Argument 'maxDepth' passed to 'DecisionTreeClassifier' must be an integer >= 0, but got -1.",
    );
    expect(() => new DecisionTreeClassifier({ minSamplesSplit: 1 })).toThrow(ValueError);
    expect(() => new DecisionTreeClassifier({ criterion: 'mse' as 'gini' })).toThrow(ValueError);
    expect(() => new DecisionTreeClassifier().fit([[1], [2]], [1, 2, 3])).toThrow(ShapeError);
    expect(() => new DecisionTreeClassifier().fit([[Number.NaN]], [1])).toThrow(
      "Argument 'x' passed to 'DecisionTreeClassifier.fit' must contain only finite numbers, but entry 0 is NaN.",
    );
  });
});
