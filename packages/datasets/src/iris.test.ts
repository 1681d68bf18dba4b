import { describe, expect, it } from 'vitest';
import { loadIris } from './index';

describe('loadIris', () => {
  const iris = loadIris();

  it('has 150 flowers, 4 features, 50 of each species', () => {
    expect(iris.features.length).toBe(150);
    expect(iris.features.every((row) => row.length === 4)).toBe(true);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(iris.featureNames).toEqual([
      'sepal length',
      'sepal width',
      'petal length',
      'petal width',
    ]);
    const counts = [0, 0, 0];
    for (const c of iris.labels) counts[c] = (counts[c] ?? 0) + 1;
    expect(counts).toEqual([50, 50, 50]);
  });

  it("has Fisher's first flower and the known per-species means", () => {
    // Row 1 of Fisher's table: 5.1, 3.5, 1.4, 0.2, setosa.
    expect(Array.from(iris.features[0] as Float32Array)).toEqual(
      Array.from(Float32Array.from([5.1, 3.5, 1.4, 0.2])),
    );
    expect(iris.labels[0]).toBe(0);
    // Published means of petal length: setosa 1.462, versicolor 4.260, virginica 5.552.
    const sums = [0, 0, 0];
    iris.features.forEach((row, i) => {
      sums[iris.labels[i] as number] = (sums[iris.labels[i] as number] ?? 0) + (row[2] as number);
    });
    expect(sums.map((s) => s / 50)).toEqual([
      expect.closeTo(1.462, 5),
      expect.closeTo(4.26, 5),
      expect.closeTo(5.552, 5),
    ]);
  });

  it('returns a fresh copy each call', () => {
    const a = loadIris();
    (a.features[0] as Float32Array)[0] = 99;
    expect(loadIris().features[0]?.[0]).toBeCloseTo(5.1, 5);
  });
});
