import { initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { closedForm, randomRegression } from '../testing/reference';
import { LinearRegression } from './linear_regression';

beforeAll(async () => {
  await initBackend();
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Math.abs((actual[i] as number) - (expected[i] as number))).toBeLessThan(tol);
  }
}

describe('LinearRegression', () => {
  it('fits a line exactly', () => {
    const model = new LinearRegression().fit([[1], [2], [3], [4]], [3, 5, 7, 9]);
    expectClose(model.coef, [2], 1e-12);
    expect(model.intercept).toBeCloseTo(1, 12);
    expectClose(model.predict([[10]]), [21], 1e-10);
    expect(model.score([[1], [2], [3], [4]], [3, 5, 7, 9])).toBeCloseTo(1, 12);
  });

  it('equals the closed-form solution to 1e-6 on random well-conditioned data', () => {
    const { x, y } = randomRegression(200, 6, 1);
    const [b0, ...w] = closedForm(x, y);
    const model = new LinearRegression().fit(x, y);
    expectClose(model.coef, w, 1e-6);
    expect(Math.abs(model.intercept - b0!)).toBeLessThan(1e-6);
  });

  it('gradient descent reaches the same solution', () => {
    const { x, y } = randomRegression(200, 6, 2);
    const [b0, ...w] = closedForm(x, y);
    const model = new LinearRegression({ solver: 'gradient-descent' }).fit(x, y);
    expect(model.converged).toBe(true);
    expect(model.nIter).toBeGreaterThan(1);
    expectClose(model.coef, w, 1e-6);
    expect(Math.abs(model.intercept - b0!)).toBeLessThan(1e-6);
  });

  it('without an intercept fits through the origin', () => {
    const x = [[1], [2], [3]];
    const y = [1, 2, 4];
    const model = new LinearRegression({ fitIntercept: false }).fit(x, y);
    // w = Σxy / Σx² = (1 + 4 + 12) / 14
    expectClose(model.coef, [17 / 14], 1e-12);
    expect(model.intercept).toBe(0);
  });

  it('accepts tensors', () => {
    const x = tf.tensor2d([
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 3],
    ]);
    const y = tf.tensor1d([1, 1, 3, 9]);
    const model = new LinearRegression().fit(x, y);
    expectClose(model.coef, [2, 2], 1e-5);
    expect(model.intercept).toBeCloseTo(-1, 5);
    tf.dispose([x, y]);
  });

  it('rejects a rank-deficient design with a clear message', () => {
    const x = [
      [1, 2, 2],
      [2, 1, 4],
      [3, 5, 6],
      [4, 3, 8],
    ];
    const y = [1, 2, 3, 4];
    expect(() => new LinearRegression().fit(x, y)).toThrow(ValueError);
    expect(() => new LinearRegression().fit(x, y)).toThrow(
      "Argument 'x' passed to 'LinearRegression.fit' is rank-deficient: column 2 is a linear combination of the intercept and the columns before it, so the least-squares solution is not unique. Remove the dependent column or use Ridge (alpha > 0).",
    );
    // A constant column duplicates the intercept.
    expect(() =>
      new LinearRegression().fit(
        [
          [1, 5],
          [2, 5],
          [3, 5],
        ],
        [1, 2, 3],
      ),
    ).toThrow('column 1 is a linear combination of the intercept');
    // More columns than rows.
    expect(() =>
      new LinearRegression().fit(
        [
          [1, 2, 3],
          [4, 5, 7],
        ],
        [1, 2],
      ),
    ).toThrow('rank-deficient');
  });

  it('rejects bad input with typed errors', () => {
    const model = new LinearRegression();
    expect(() => model.predict([[1]])).toThrow(NotFittedError);
    expect(() => model.predict([[1]])).toThrow(
      "'LinearRegression.predict' was called before 'fit': fit the estimator first.",
    );
    expect(() => model.coef).toThrow(NotFittedError);
    expect(() => model.fit([], [])).toThrow(
      "Argument 'x' passed to 'LinearRegression.fit' must not be empty.",
    );
    expect(() => model.fit([[1], [Number.NaN]], [1, 2])).toThrow(
      "Argument 'x' passed to 'LinearRegression.fit' must contain only finite numbers, but entry 1 is NaN.",
    );
    expect(() => model.fit([[1], [2]], [1, 2, 3])).toThrow(ShapeError);
    expect(() => model.fit([[1], [2]], [1, 2, 3])).toThrow(
      "Argument 'y' passed to 'LinearRegression.fit' must have one entry per row of 'x' (2), but got 3.",
    );
    expect(() => model.fit([[1, 2], [2]], [1, 2])).toThrow(
      "Argument 'x' passed to 'LinearRegression.fit' must be rectangular: row 0 has 2 values but row 1 has 1.",
    );
    model.fit([[1], [2], [4]], [1, 2, 3]);
    expect(() => model.predict([[1, 2]])).toThrow(
      "Argument 'x' passed to 'LinearRegression.predict' must have shape [*, 1] (rank 2), but got shape [1, 2] (rank 2).",
    );
    expect(() => new LinearRegression({ solvr: 'qr' } as object)).toThrow(
      "Unknown option 'solvr' passed to 'LinearRegression'; expected one of: fitIntercept, solver, learningRate, maxIter, tol.",
    );
    expect(() => new LinearRegression({ solver: 'svd' as 'qr' })).toThrow(
      "Argument 'solver' passed to 'LinearRegression' must be one of 'qr', 'gradient-descent', but got \"svd\".",
    );
  });

  it('reports divergence of a too-large learning rate', () => {
    const { x, y } = randomRegression(50, 3, 3);
    expect(() =>
      new LinearRegression({ solver: 'gradient-descent', learningRate: 100, maxIter: 2000 }).fit(
        x,
        y,
      ),
    ).toThrow("Gradient descent diverged in 'LinearRegression.fit'");
  });
});
