import { assertNoLeaks, initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blobs, solve } from '../testing/reference';
import { LogisticRegression } from './logistic_regression';

beforeAll(async () => {
  await initBackend();
});

/** scikit-learn's binary objective Σ log(1 + e^{-s z}) + ||w||²/(2C), minimised by Newton's method in float64. */
function newtonBinary(x: number[][], y: number[], C: number): number[] {
  const rows = x.map((r) => [...r, 1]);
  const p = rows[0]!.length;
  let theta = new Array<number>(p).fill(0);
  for (let it = 0; it < 50; it++) {
    const g = new Array<number>(p).fill(0);
    const h = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    rows.forEach((r, i) => {
      const z = r.reduce((s, v, j) => s + v * theta[j]!, 0);
      const q = 1 / (1 + Math.exp(-z));
      for (let j = 0; j < p; j++) {
        g[j]! += (q - y[i]!) * r[j]!;
        for (let k = 0; k < p; k++) h[j]![k]! += q * (1 - q) * r[j]! * r[k]!;
      }
    });
    for (let j = 0; j < p - 1; j++) {
      g[j]! += theta[j]! / C;
      h[j]![j]! += 1 / C;
    }
    const step = solve(h, g);
    theta = theta.map((t, j) => t - step[j]!);
  }
  return theta;
}

/** Largest entry of the float64 gradient of the mean softmax loss + ||W||²/(2Cn). */
function softmaxGradientNorm(
  x: number[][],
  y: number[],
  coef: Float64Array[],
  b: Float64Array,
  C: number,
) {
  const k = coef.length;
  const d = x[0]!.length;
  const n = x.length;
  const gw = coef.map((row) => row.map((w) => w / (C * n)));
  const gb = new Float64Array(k);
  x.forEach((r, i) => {
    const z = coef.map((row, c) => r.reduce((s, v, j) => s + v * row[j]!, b[c]!));
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const sum = e.reduce((a, v) => a + v, 0);
    for (let c = 0; c < k; c++) {
      const diff = (e[c]! / sum - (y[i] === c ? 1 : 0)) / n;
      gb[c]! += diff;
      for (let j = 0; j < d; j++) gw[c]![j]! += diff * r[j]!;
    }
  });
  return Math.max(...gw.flatMap((row) => Array.from(row, Math.abs)), ...Array.from(gb, Math.abs));
}

describe('LogisticRegression', () => {
  it('binary: matches a float64 Newton solution of the same objective', async () => {
    const { x, y } = blobs(
      40,
      [
        [0, 0],
        [1.5, 1],
      ],
      1,
    );
    const [w0, w1, b] = newtonBinary(x, y, 0.5);
    const model = await new LogisticRegression({ C: 0.5, tol: 1e-7, maxIter: 500 }).fit(x, y);
    expect(model.coef.length).toBe(1);
    expect(model.coef[0]![0]).toBeCloseTo(w0!, 4);
    expect(model.coef[0]![1]).toBeCloseTo(w1!, 4);
    expect(model.intercept[0]).toBeCloseTo(b!, 4);
    const p = model.predictProba([[0.5, 0.5]])[0]!;
    const z = 0.5 * w0! + 0.5 * w1! + b!;
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-z)), 5);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 6);
  });

  it('multinomial: the gradient vanishes at the solution and blobs are separated', async () => {
    const { x, y } = blobs(
      30,
      [
        [0, 0, 0],
        [4, 0, 1],
        [0, 4, -1],
        [3, 3, 3],
      ],
      2,
    );
    const model = await new LogisticRegression({ tol: 1e-5, maxIter: 300 }).fit(x, y);
    expect(model.converged).toBe(true);
    expect(model.coef.length).toBe(4);
    expect(softmaxGradientNorm(x, y, model.coef, model.intercept, 1)).toBeLessThan(1e-4);
    expect(model.score(x, y)).toBeGreaterThan(0.95);
    const proba = model.predictProba(x.slice(0, 3));
    for (const row of proba) expect(row.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
  });

  it('keeps arbitrary integer labels', async () => {
    const { x, y } = blobs(
      20,
      [
        [0, 0],
        [5, 5],
        [0, 5],
      ],
      3,
    );
    const labels = y.map((v) => [-1, 7, 3][v]!);
    const model = await new LogisticRegression().fit(x, labels);
    expect(Array.from(model.classes)).toEqual([-1, 3, 7]);
    expect(
      Array.from(
        model.predict([
          [5, 5],
          [0, 5],
          [0, 0],
        ]),
      ),
    ).toEqual([7, 3, -1]);
  });

  it('a larger C fits harder (larger weights)', async () => {
    const { x, y } = blobs(
      30,
      [
        [0, 0],
        [1, 1],
      ],
      4,
    );
    const weak = await new LogisticRegression({ C: 0.01 }).fit(x, y);
    const strong = await new LogisticRegression({ C: 100 }).fit(x, y);
    expect(Math.abs(strong.coef[0]![0]!)).toBeGreaterThan(Math.abs(weak.coef[0]![0]!));
  });

  it('leaks no tensors', async () => {
    const { x, y } = blobs(
      10,
      [
        [0, 0],
        [3, 3],
        [0, 3],
      ],
      5,
    );
    const model = new LogisticRegression({ maxIter: 5 });
    await assertNoLeaks(async () => {
      await model.fit(x, y);
      model.predictProba(x);
      model.score(x, y);
    });
  });

  it('stops on abort without leaking', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    const before = tf.memory().numTensors;
    await expect(
      new LogisticRegression({ signal: controller.signal }).fit([[0], [1]], [0, 1]),
    ).rejects.toThrow('stop now');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad input with typed errors', async () => {
    const model = new LogisticRegression();
    expect(() => model.predict([[1, 2]])).toThrow(NotFittedError);
    expect(() => model.predict([[1, 2]])).toThrow(
      "'LogisticRegression.predict' was called before 'fit'",
    );
    await expect(model.fit([[1], [2]], [0, 1, 1])).rejects.toThrow(ShapeError);
    await expect(model.fit([[1], [2]], [0, 1, 1])).rejects.toThrow(
      "Argument 'y' passed to 'LogisticRegression.fit' must have one entry per row of 'x' (2), but got 3.",
    );
    await expect(model.fit([[1], [Number.NaN]], [0, 1])).rejects.toThrow(
      "Argument 'x' passed to 'LogisticRegression.fit' must contain only finite numbers, but entry 1 is NaN.",
    );
    await expect(model.fit([[1], [2]], [1, 1])).rejects.toThrow(
      "Argument 'y' passed to 'LogisticRegression.fit' must contain at least 2 classes, but got only 1 (1).",
    );
    await expect(model.fit([], [])).rejects.toThrow(ValueError);
    expect(() => new LogisticRegression({ C: 0 })).toThrow(
      "Argument 'C' passed to 'LogisticRegression' must be a finite number in [5e-324, Infinity], but got 0.",
    );
    expect(() => new LogisticRegression({ alpha: 1 } as object)).toThrow(
      "Unknown option 'alpha' passed to 'LogisticRegression'; expected one of: C, penalty, fitIntercept, maxIter, tol, signal.",
    );
    await model.fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
    expect(() => model.predict([[1, 2]])).toThrow(
      "Argument 'x' passed to 'LogisticRegression.predict' must have shape [*, 1] (rank 2), but got shape [1, 2] (rank 2).",
    );
  });
});
