import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';
import { leadingAxes } from './reduce_leading_axes';

// [label, shape, axis]: leading axes take the fast path, the others the backend's kernel.
const cases: [string, number[], number | number[]][] = [
  ['batch statistics of feature maps', [4, 3, 5, 6], [0, 1, 2]],
  ['batch statistics at DCGAN size', [64, 14, 14, 64], [0, 1, 2]],
  ['axes given out of order and negative', [4, 3, 5, 6], [2, -3, 0]],
  ['rows of a matrix', [7, 5], 0],
  ['first two of rank 3', [2, 3, 4], [0, 1]],
  ['batch of one', [1, 9], [0]],
  ['inner axis (backend kernel)', [4, 5], 1],
  ['all axes (backend kernel)', [3, 4], [0, 1]],
  ['middle axis (backend kernel)', [3, 4, 2], 1],
];

describe('Sum and Mean over leading axes on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('recognises leading axes only', () => {
    expect(leadingAxes([0, 1, 2], [2, 3, 4, 5])).toBe(3);
    expect(leadingAxes([1, 0], [2, 3, 4])).toBe(2);
    expect(leadingAxes(-2, [2, 3])).toBe(1);
    expect(leadingAxes([0, 2], [2, 3, 4])).toBeUndefined();
    expect(leadingAxes([0, 1], [2, 3])).toBeUndefined();
    expect(leadingAxes(1, [2, 3])).toBeUndefined();
  });

  it.each(cases)('sum matches cpu: %s', async (_, shape, axis) => {
    for (const keepDims of [false, true]) {
      const parity = await compareBackends((rng) =>
        tf.sum(randomNormal(rng, shape), axis, keepDims),
      );
      expect(parity.wasmShapes).toEqual(parity.cpuShapes);
      expect(parity.error).toBeLessThan(1e-4);
    }
  });

  it.each(cases)('mean matches cpu: %s', async (_, shape, axis) => {
    for (const keepDims of [false, true]) {
      const parity = await compareBackends((rng) =>
        tf.mean(randomNormal(rng, shape), axis, keepDims),
      );
      expect(parity.wasmShapes).toEqual(parity.cpuShapes);
      expect(parity.error).toBeLessThan(1e-4);
    }
  });

  it('computes hand-checked column sums and means', async () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    expect(Array.from(await tf.sum(x, [0, 1]).data())).toEqual([16, 20]);
    expect(Array.from(await tf.mean(x, [0, 1]).data())).toEqual([4, 5]);
    expect(tf.mean(x, [0, 1], true).shape).toEqual([1, 1, 2]);
    // Four columns: summed in the SIMD module.
    const m = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 4]);
    expect(Array.from(await tf.sum(m, 0).data())).toEqual([15, 18, 21, 24]);
    expect(Array.from(await tf.mean(m, 0).data())).toEqual([5, 6, 7, 8]);
  });

  it('leaves int32 sums to the backend and keeps their dtype', async () => {
    const s = tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0);
    expect(s.dtype).toBe('int32');
    expect(Array.from(await s.data())).toEqual([4, 6]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const x = tf.randomNormal([4, 3, 3, 8]);
    const none = { tensors: 0, bytes: 0, buffers: 0 };
    expect(wasmLeftovers(() => tf.sum(x, [0, 1, 2]))).toEqual(none);
    expect(wasmLeftovers(() => tf.mean(x, [0, 1, 2], true))).toEqual(none);
    x.dispose();
  });
});
