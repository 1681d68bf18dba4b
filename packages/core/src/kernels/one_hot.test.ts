import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

describe('OneHot on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('writes float32 values as asked (the stock kernel wrote int32 bits)', async () => {
    const out = tf.oneHot(tf.tensor1d([0, 2, -1, 3], 'int32'), 3, 0.9, 0.05, 'float32');
    expect(out.dtype).toBe('float32');
    expect(Array.from(await out.data()).map((v) => Number(v.toFixed(6)))).toEqual([
      0.9, 0.05, 0.05, 0.05, 0.05, 0.9, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05,
    ]);
  });

  it('matches cpu for float32 and int32, rank 2 indices', async () => {
    for (const dtype of ['float32', 'int32'] as const) {
      const parity = await compareBackends(() =>
        tf.oneHot(tf.tensor2d([1, 0, 4, 2, 3, 3], [2, 3], 'int32'), 5, 1, 0, dtype),
      );
      expect(parity.wasmShapes).toEqual([[2, 3, 5]]);
      expect(parity.error).toBe(0);
    }
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const indices = tf.tensor1d([1, 2], 'int32');
    expect(wasmLeftovers(() => tf.oneHot(indices, 4, 1, 0, 'float32'))).toEqual({
      tensors: 0,
      bytes: 0,
      buffers: 0,
    });
    indices.dispose();
  });
});
