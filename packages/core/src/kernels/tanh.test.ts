import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

describe('Tanh fast path on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each([
    ['unit normal', 1],
    ['wide (saturating) values', 8],
    ['tiny values', 1e-3],
  ])('matches cpu within 1e-6: %s', async (_, scale) => {
    const parity = await compareBackends((rng) =>
      tf.tanh(tf.mul(randomNormal(rng, [100, 784]), scale)),
    );
    expect(parity.wasmShapes).toEqual([[100, 784]]);
    expect(parity.error).toBeLessThan(1e-6);
  });

  it('keeps relative accuracy element by element, at the switch and at the extremes', async () => {
    const xs = [0, 1e-30, -1e-7, 0.0499999, 0.05, -0.05, 0.1, 0.5, -1, 3, 9, -9, 40, -40, 1e4];
    const y = await tf.tanh(tf.tensor1d(xs)).data();
    xs.forEach((x, i) => {
      const expected = Math.tanh(x);
      const scale = Math.max(Math.abs(expected), 1e-30);
      expect(Math.abs((y[i] as number) - expected) / scale).toBeLessThan(3e-6);
    });
  });

  it('passes NaN and infinities through as tanh does', async () => {
    // Eight values: the first four go through the SIMD module, the rest through JavaScript.
    const special = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.01];
    const y = await tf.tanh(tf.tensor1d([...special, ...special])).data();
    for (const at of [0, 4]) {
      expect(Number.isNaN(y[at])).toBe(true);
      expect([y[at + 1], y[at + 2]]).toEqual([1, -1]);
      expect(y[at + 3]).toBeCloseTo(Math.tanh(0.01), 8);
    }
  });

  it('has the gradient 1 − tanh² (through the fast kernel)', async () => {
    const x = tf.tensor1d([-2, -0.01, 0, 0.3, 1.5]);
    const g = await tf
      .grad((v: tf.Tensor) => tf.sum(tf.tanh(v)))(x)
      .data();
    [-2, -0.01, 0, 0.3, 1.5].forEach((v, i) => {
      expect(g[i]).toBeCloseTo(1 - Math.tanh(v) ** 2, 6);
    });
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const x = tf.randomNormal([64, 28, 28, 1]);
    expect(wasmLeftovers(() => tf.tanh(x))).toEqual({ tensors: 0, bytes: 0, buffers: 0 });
    x.dispose();
  });
});
