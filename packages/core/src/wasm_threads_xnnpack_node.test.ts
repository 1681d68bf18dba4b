import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, randomNormal } from './index';
import { relativeError } from './kernels/parity';
import { simdKernels } from './kernels/simd_kernels';
import { createRng } from './rng';

// Its own file: the threaded build replaces the `wasm` backend for the rest of the process.
describe('initBackend({ threads: 2, xnnpackThreads: 1 }) in Node', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('keeps one thread, saying why, while tensors exist on the wasm backend', async () => {
    await initBackend({ backend: 'wasm' });
    const kept = tf.tensor1d([1, 2, 3]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const info = await initBackend({ threads: 2, xnnpackThreads: 1 });
      expect(info.threads).toBe(1);
      expect(warn.mock.calls[0]?.[0]).toContain(
        "WASM threads must be chosen before any tensor exists on the 'wasm' backend",
      );
    } finally {
      warn.mockRestore();
    }
    expect(Array.from(await kept.data())).toEqual([1, 2, 3]);
    kept.dispose();
    await initBackend({ backend: 'cpu' });
  });

  it("runs the threaded build with one XNNPACK thread and gankit's products on two", async () => {
    const rng = createRng(4);
    const x = randomNormal(rng, [100, 784]);
    const w = randomNormal(rng, [784, 256]);
    const loss = (wv: tf.Tensor) => tf.sum(tf.square(tf.relu(tf.matMul(x, wv))));
    const expected = await tf.grad(loss)(w).data();
    const info = await initBackend({ threads: 2, xnnpackThreads: 1 });
    expect(info).toEqual({ backend: 'wasm', simd: true, threads: 2 });
    expect(getThreadsCount()).toBe(1);
    expect(simdKernels(tf.backend() as BackendWasm)?.shared).toBe(true);
    const [xw, ww] = [x, w].map((t) => tf.tensor(t.dataSync(), t.shape));
    const lossWasm = (wv: tf.Tensor) => tf.sum(tf.square(tf.relu(tf.matMul(xw!, wv))));
    const got = await tf.grad(lossWasm)(ww!).data();
    expect(relativeError(got, expected)).toBeLessThan(1e-4);
  });
});
