import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../index';

describe('Identity fast path on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('clones without copying: the clone outlives the original with the same values', async () => {
    const backend = tf.backend() as BackendWasm;
    const buffers = backend.numDataIds();
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tf.clone(x);
    expect(backend.numDataIds()).toBe(buffers + 1);
    x.dispose();
    expect(y.shape).toEqual([2, 3]);
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4, 5, 6]);
    y.dispose();
    expect(backend.numDataIds()).toBe(buffers);
  });

  it('keeps int32 and bool tensors and gradients that save their inputs right', async () => {
    const i = tf.tensor1d([1, -2, 3], 'int32');
    expect(Array.from(await tf.clone(i).data())).toEqual([1, -2, 3]);
    const b = tf.tensor1d([1, 0], 'bool');
    expect(tf.clone(b).dtype).toBe('bool');
    // d/dx sum(x·x·x) = 3x² (the gradient saves x, which tfjs clones).
    const x = tf.tensor1d([1, 2, -3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.mul(v, v), v)))(x);
    expect(Array.from(await g.data())).toEqual([3, 12, 27]);
    tf.dispose([i, b, x, g]);
  });

  it('leaves no tensors or buffers behind', () => {
    const backend = tf.backend() as BackendWasm;
    const x = tf.randomNormal([10, 10]);
    const before = { tensors: tf.memory().numTensors, buffers: backend.numDataIds() };
    for (let k = 0; k < 3; k++) tf.clone(x).dispose();
    expect({ tensors: tf.memory().numTensors, buffers: backend.numDataIds() }).toEqual(before);
    x.dispose();
  });
});
