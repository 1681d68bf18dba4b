import { initBackend, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolynomialFeatures } from '../preprocessing/polynomial_features';
import { closedForm, randomRegression } from '../testing/reference';
import { LinearRegression } from './linear_regression';
import { Ridge } from './ridge';

beforeAll(async () => {
  await initBackend();
});

describe('Ridge', () => {
  it('equals the closed form (XᵀX + αI)⁻¹Xᵀy with an unpenalised intercept to 1e-6', () => {
    const { x, y } = randomRegression(100, 5, 4);
    const [b0, ...w] = closedForm(x, y, 2.5);
    const model = new Ridge({ alpha: 2.5 }).fit(x, y);
    model.coef.forEach((c, j) => {
      expect(Math.abs(c - w[j]!)).toBeLessThan(1e-6);
    });
    expect(Math.abs(model.intercept - b0!)).toBeLessThan(1e-6);
  });

  it('handles a rank-deficient design: a duplicated column shares the weight', () => {
    const { x, y } = randomRegression(60, 3, 5);
    const dup = x.map((r) => [...r, r[0]!]);
    expect(() => new LinearRegression().fit(dup, y)).toThrow(ValueError);
    const model = new Ridge({ alpha: 0.5 }).fit(dup, y);
    expect(model.coef[0]).toBeCloseTo(model.coef[3]!, 10);
    const [, ...w] = closedForm(dup, y, 0.5);
    model.coef.forEach((c, j) => {
      expect(Math.abs(c - w[j]!)).toBeLessThan(1e-6);
    });
    expect(model.score(dup, y)).toBeGreaterThan(0.99);
  });

  it('alpha = 0 matches least squares and rejects a singular design', () => {
    const { x, y } = randomRegression(40, 3, 6);
    const ols = new LinearRegression().fit(x, y);
    const ridge = new Ridge({ alpha: 0 }).fit(x, y);
    ridge.coef.forEach((c, j) => {
      expect(c).toBeCloseTo(ols.coef[j]!, 8);
    });
    expect(() =>
      new Ridge({ alpha: 0 }).fit(
        [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        [1, 2, 3],
      ),
    ).toThrow(
      "Argument 'x' passed to 'Ridge.fit' is rank-deficient and 'alpha' is 0: XᵀX + alpha·I is singular. Use alpha > 0.",
    );
  });

  it('rejects a negative alpha and predict before fit', () => {
    expect(() => new Ridge({ alpha: -1 })).toThrow(
      "Argument 'alpha' passed to 'Ridge' must be a finite number in [0, Infinity], but got -1.",
    );
    expect(() => new Ridge().predict([[1]])).toThrow("'Ridge.predict' was called before 'fit'");
  });
});

describe('PolynomialFeatures', () => {
  it("expands in scikit-learn's order", () => {
    const poly = new PolynomialFeatures({ degree: 2 });
    expect(poly.fitTransform([[2, 3]])).toEqual([[1, 2, 3, 4, 6, 9]]);
    expect(poly.featureNames()).toEqual(['1', 'x0', 'x1', 'x0^2', 'x0 x1', 'x1^2']);
    const inter = new PolynomialFeatures({ degree: 3, interactionOnly: true, includeBias: false });
    expect(inter.fitTransform([[2, 3, 5]])).toEqual([[2, 3, 5, 6, 10, 15, 30]]);
    expect(inter.powers).toEqual([[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]]);
  });

  it('lets a linear model fit a cubic exactly', () => {
    const x = Array.from({ length: 20 }, (_, i) => [i / 5 - 2]);
    const y = x.map(([t]) => 1 - 2 * t! + 0.5 * t! ** 3);
    const poly = new PolynomialFeatures({ degree: 3, includeBias: false });
    const model = new LinearRegression().fit(poly.fitTransform(x), y);
    [-2, 0, 0.5].forEach((c, j) => {
      expect(model.coef[j]).toBeCloseTo(c, 9);
    });
    expect(model.intercept).toBeCloseTo(1, 9);
  });

  it('rejects a different number of columns in transform', () => {
    const poly = new PolynomialFeatures().fit([[1, 2]]);
    expect(() => poly.transform([[1, 2, 3]])).toThrow(
      "Argument 'x' passed to 'PolynomialFeatures.transform' must have shape [*, 2] (rank 2)",
    );
  });
});
