import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2D, Dense, Sequential } from '../index';

beforeAll(async () => {
  await initBackend();
});

/** Largest singular value and its vectors of a rows × cols matrix, by 200 power steps in JS. */
function topSingular(w: number[][]): { sigma: number; u: number[]; v: number[] } {
  const cols = (w[0] as number[]).length;
  let u = Array.from({ length: cols }, (_, j) => 1 + j);
  let v: number[] = [];
  const normed = (a: number[]) => {
    const n = Math.hypot(...a);
    return a.map((x) => x / n);
  };
  for (let step = 0; step < 200; step++) {
    v = normed(w.map((row) => row.reduce((s, x, j) => s + x * (u[j] as number), 0)));
    u = normed(
      Array.from({ length: cols }, (_, j) =>
        w.reduce((s, row, i) => s + (row[j] as number) * (v[i] as number), 0),
      ),
    );
  }
  const sigma = w.reduce(
    (s, row, i) => s + (v[i] as number) * row.reduce((t, x, j) => t + x * (u[j] as number), 0),
    0,
  );
  return { sigma, u, v };
}

const W = [
  [1, 2],
  [3, 4],
  [0, 1],
];

/** A Dense 3 → 2 without bias, spectrally normalised, with kernel W. */
function denseWithKernel(): { model: Sequential; kernel: tf.Variable; u: tf.Variable } {
  const model = new Sequential({
    inputShape: [3],
    seed: 1,
    layers: [new Dense({ units: 2, useBias: false, spectralNorm: true })],
  });
  const [kernel, u] = model.weights.map((w) => w.variable) as [tf.Variable, tf.Variable];
  kernel.assign(tf.tensor2d(W));
  return { model, kernel, u };
}

describe('spectral normalisation', () => {
  it('divides the kernel by its largest singular value once the power iteration settles', () => {
    const { model, u } = denseWithKernel();
    expect(model.weights.map((w) => [w.name.split('/')[1], w.trainable])).toEqual([
      ['kernel', true],
      ['sn_u', false],
    ]);
    const x = tf.eye(3);
    for (let i = 0; i < 30; i++) tf.dispose(model.apply(x, { training: true }));
    const { sigma } = topSingular(W);
    const out = model.predict(x).arraySync() as number[][];
    for (const [i, row] of W.entries())
      for (const [j, value] of row.entries()) expect(out[i]?.[j]).toBeCloseTo(value / sigma, 5);
    // Eval mode reads u and leaves it.
    const before = Array.from(u.dataSync());
    tf.dispose(model.predict(x));
    expect(Array.from(u.dataSync())).toEqual(before);
    x.dispose();
    model.dispose();
  });

  it('gives the gradient of W / σ: xᵀc / σ − f / σ² · v uᵀ (u and v held, as Miyato et al.)', () => {
    const { model, kernel } = denseWithKernel();
    const x = tf.tensor2d([
      [0.5, -1, 2],
      [1, 0, -0.5],
    ]);
    const c = tf.tensor2d([
      [1, -2],
      [0.5, 3],
    ]);
    for (let i = 0; i < 30; i++) tf.dispose(model.apply(x, { training: true }));
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(model.apply(x, { training: true }), c)) as tf.Scalar,
      [kernel],
    );
    // L = f / σ with f = Σ c ⊙ (xW): dL/dW = xᵀc / σ − f / σ² · v uᵀ.
    const { sigma, u, v } = topSingular(W);
    const xs = x.arraySync() as number[][];
    const cs = c.arraySync() as number[][];
    const xtc = W.map((_, i) =>
      [0, 1].map((j) =>
        xs.reduce((s, row, b) => s + (row[i] as number) * (cs[b]?.[j] as number), 0),
      ),
    );
    const f = xtc.reduce(
      (s, row, i) => s + row.reduce((t, g, j) => t + g * (W[i]?.[j] as number), 0),
      0,
    );
    const got = grads[kernel.name]?.arraySync() as number[][];
    for (const [i, row] of xtc.entries())
      for (const [j, g] of row.entries())
        expect(got[i]?.[j]).toBeCloseTo(
          g / sigma - (f / sigma ** 2) * (v[i] as number) * (u[j] as number),
          4,
        );
    tf.dispose([x, c, ...Object.values(grads)]);
    model.dispose();
  });

  it('normalises a convolution kernel as a [kh·kw·in, filters] matrix', () => {
    const model = new Sequential({
      inputShape: [3, 3, 1],
      seed: 2,
      layers: [
        new Conv2D({
          filters: 2,
          kernelSize: 2,
          padding: 'valid',
          useBias: false,
          spectralNorm: true,
        }),
      ],
    });
    const [kernel] = model.weights.map((w) => w.variable) as [tf.Variable];
    const rows = [
      [1, 0],
      [2, -1],
      [0, 3],
      [1, 1],
    ];
    kernel.assign(tf.tensor4d(rows.flat(), [2, 2, 1, 2]));
    const x = tf.tensor4d(
      Array.from({ length: 9 }, (_, i) => i - 4),
      [1, 3, 3, 1],
    );
    for (let i = 0; i < 30; i++) tf.dispose(model.apply(x, { training: true }));
    const { sigma } = topSingular(rows);
    const expected = tf.conv2d(x, tf.div(kernel, sigma) as tf.Tensor4D, 1, 'valid');
    const got = model.predict(x);
    const e = Array.from(expected.dataSync());
    for (const [i, value] of Array.from(got.dataSync()).entries())
      expect(value).toBeCloseTo(e[i] as number, 4);
    tf.dispose([x, expected, got]);
    model.dispose();
  });

  it('refuses spectralNorm with weightNorm, and a non-boolean', () => {
    expect(() => new Dense({ units: 2, spectralNorm: true, weightNorm: true })).toThrow(
      "Options 'spectralNorm' and 'weightNorm' of 'Dense' cannot be combined",
    );
    expect(() => new Conv2D({ filters: 2, kernelSize: 2, spectralNorm: 1 as never })).toThrow(
      ValueError,
    );
  });
});
