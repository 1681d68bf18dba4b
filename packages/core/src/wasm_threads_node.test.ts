import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initBackend, randomNormal } from './index';
import { relativeError } from './kernels/parity';
import { createRng } from './rng';

// Its own file: the threaded build replaces the `wasm` backend for the rest of the process.
describe('initBackend({ threads: 2 }) in Node: the threaded WASM build', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });

  it('starts with two threads and computes what cpu computes', async () => {
    const rng = createRng(1);
    const x = randomNormal(rng, [16, 14, 14, 32]) as tf.Tensor4D;
    const f = randomNormal(rng, [4, 4, 32, 64]) as tf.Tensor4D;
    const a = randomNormal(rng, [200, 300]) as tf.Tensor2D;
    const b = randomNormal(rng, [300, 100]) as tf.Tensor2D;
    const compute = () => [
      tf.conv2d(x, f, 2, 'same'),
      tf.matMul(a, b),
      tf.matMul(a, a, false, true),
    ];
    const expected = await Promise.all(compute().map((t) => t.data()));
    const info = await initBackend({ threads: 2 });
    expect(info).toEqual({ backend: 'wasm', simd: true, threads: 2 });
    expect(tf.getBackend()).toBe('wasm');
    const [xw, fw, aw, bw] = [x, f, a, b].map((t) => tf.tensor(t.dataSync(), t.shape));
    const got = [
      tf.conv2d(xw as tf.Tensor4D, fw as tf.Tensor4D, 2, 'same'),
      tf.matMul(aw as tf.Tensor2D, bw as tf.Tensor2D),
      tf.matMul(aw as tf.Tensor2D, aw as tf.Tensor2D, false, true),
    ];
    for (let i = 0; i < got.length; i++) {
      expect(relativeError(await got[i]!.data(), expected[i]!)).toBeLessThan(1e-5);
    }
  });

  it('trains: a gradient step through a convolution on two threads matches one on cpu', async () => {
    const rng = createRng(2);
    const xv = randomNormal(rng, [8, 10, 10, 4]).dataSync();
    const fv = randomNormal(rng, [3, 3, 4, 8]).dataSync();
    const grad = () => {
      const x = tf.tensor4d(xv, [8, 10, 10, 4]);
      const f = tf.tensor4d(fv, [3, 3, 4, 8]);
      return tf.grad((w: tf.Tensor) =>
        tf.sum(tf.square(tf.conv2d(x, w as tf.Tensor4D, 1, 'same'))),
      )(f);
    };
    const threaded = await grad().data();
    await tf.setBackend('cpu');
    const reference = await grad().data();
    await tf.setBackend('wasm');
    expect(relativeError(threaded, reference)).toBeLessThan(1e-4);
  });

  it('rejects a thread count that is not a positive integer, naming it', async () => {
    await expect(initBackend({ threads: 0 })).rejects.toThrow(
      "Argument 'threads' passed to 'initBackend' must be an integer >= 1, but got 0.",
    );
    await expect(initBackend({ threads: 1.5 })).rejects.toThrow(
      "Argument 'threads' passed to 'initBackend'",
    );
  });

  it('asked for one thread after the threaded build started: keeps two threads and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const info = await initBackend({ threads: 1 });
      expect(info.threads).toBe(2);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/asked for one thread.*keeping 2/));
    } finally {
      warn.mockRestore();
    }
  });
});
