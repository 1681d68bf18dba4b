import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, relativeError, wasmLeftovers } from './parity';

/** LeakyReLU from ops whose gradients are plain tfjs ones, as the reference. */
const composed = (x: tf.Tensor, alpha: number) => tf.maximum(x, tf.mul(x, alpha));

describe('LeakyReLU on wasm: forward fast path and one-kernel gradient', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('gives hand-computed values, NaN and infinities included', async () => {
    const x = tf.tensor1d([
      -2,
      -0,
      0,
      0.5,
      3,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    const y = Array.from(await tf.leakyRelu(x, 0.2).data());
    // The sign of a zero is not kept (the backend's Prelu returns +0 for -0).
    expect(y.slice(0, 5).map((v) => v + 0)).toEqual(
      [-2 * Math.fround(0.2), 0, 0, 0.5, 3].map(Math.fround),
    );
    expect(Number.isNaN(y[5])).toBe(true);
    expect(y.slice(6)).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it.each([0.2, 0, 1, 1.5])('matches cpu, forward and gradient (alpha %s)', async (alpha) => {
    const parity = await compareBackends((rng) => {
      const x = randomNormal(rng, [64, 14, 14, 8]);
      const w = randomNormal(rng, [64, 14, 14, 8]);
      return [
        tf.leakyRelu(x, alpha),
        tf.grad((v: tf.Tensor) => tf.sum(tf.mul(w, tf.leakyRelu(v, alpha))))(x),
      ];
    });
    expect(parity.error).toBeLessThan(1e-6);
  });

  it.each(['wasm', 'cpu'] as const)(
    'has the gradient and second derivative of the composed ops on %s',
    async (backend) => {
      await tf.setBackend(backend);
      const x = tf.tensor2d([-1.5, -0.2, 0.3, 2, -3, 0.7], [2, 3]);
      const k = tf.tensor2d([0.5, -1, 2, 0.1, -0.3, 0.8], [3, 2]);
      // A gradient penalty: d/dk of |d/dx sum(leakyRelu(x·k))|², as WGAN-GP takes it.
      const penalty = (f: (t: tf.Tensor) => tf.Tensor) => (kv: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.grad((xv: tf.Tensor) => tf.sum(f(tf.matMul(xv as tf.Tensor2D, kv as tf.Tensor2D))))(
              x,
            ),
          ),
        );
      const ours = await tf
        .grad(penalty((t) => tf.leakyRelu(t, 0.2)))(k)
        .data();
      const reference = await tf
        .grad(penalty((t) => composed(t, 0.2)))(k)
        .data();
      expect(relativeError(ours, reference)).toBeLessThan(1e-6);
      const first = await tf
        .grad((v: tf.Tensor) => tf.sum(tf.leakyRelu(v, 0.2)))(x)
        .data();
      expect(Array.from(first)).toEqual([0.2, 0.2, 1, 1, 0.2, 1].map(Math.fround));
      await tf.setBackend('wasm');
    },
  );

  it('runs the gradient as one kernel', async () => {
    const x = tf.randomNormal([16, 8]);
    const info = await tf.profile(() => {
      tf.grad((v: tf.Tensor) => tf.sum(tf.leakyRelu(v, 0.2)))(x).dispose();
    });
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('GankitLeakyReluGrad');
    expect(names).not.toContain('Select');
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const x = tf.randomNormal([8, 7, 7, 4]);
    expect(wasmLeftovers(() => tf.leakyRelu(x, 0.2))).toEqual({ tensors: 0, bytes: 0, buffers: 0 });
    expect(wasmLeftovers(() => tf.grad((v: tf.Tensor) => tf.sum(tf.leakyRelu(v, 0.2)))(x))).toEqual(
      { tensors: 0, bytes: 0, buffers: 0 },
    );
    x.dispose();
  });
});
