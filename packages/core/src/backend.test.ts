import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from './index';

describe('initBackend', () => {
  it('starts wasm with SIMD and reports it', async () => {
    const info = await initBackend();
    expect(info).toEqual({ backend: 'wasm', simd: true, threads: 1 });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('is idempotent: the same options give the same promise', async () => {
    expect(initBackend()).toBe(initBackend());
  });

  it('switches to cpu and back', async () => {
    expect((await initBackend({ backend: 'cpu' })).backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await initBackend({ backend: 'wasm' })).backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects an unknown backend and unknown options', () => {
    expect(() => initBackend({ backend: 'webgl' as 'cpu' })).toThrow(
      "Argument 'backend' passed to 'initBackend' must be one of 'wasm', 'cpu', but got \"webgl\".",
    );
    expect(() => initBackend({ thread: 2 } as object)).toThrow(
      "Unknown option 'thread' passed to 'initBackend'; expected one of: backend, threads, xnnpackThreads, allowFallback, wasmPaths.",
    );
  });

  it('rejects xnnpackThreads without a thread count of 2 or more, or not a count', async () => {
    await expect(initBackend({ xnnpackThreads: 1 })).rejects.toThrow(
      "Argument 'xnnpackThreads' passed to 'initBackend' needs 'threads' to be a count of 2 or more, but 'threads' is not given.",
    );
    await expect(initBackend({ threads: 1, xnnpackThreads: 1 })).rejects.toThrow("'threads' is 1.");
    await expect(initBackend({ threads: 2, xnnpackThreads: 0 })).rejects.toThrow(
      "Argument 'xnnpackThreads' passed to 'initBackend' must be an integer >= 1, but got 0.",
    );
  });

  it('registers gradients and chained ops', async () => {
    await initBackend();
    const g = tf.grad((x: tf.Tensor) => x.square().sum())(tf.tensor1d([1, 2, 3]));
    expect(Array.from(await g.data())).toEqual([2, 4, 6]);
  });
});
