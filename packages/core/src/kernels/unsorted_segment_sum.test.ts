import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

describe('UnsortedSegmentSum on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('sums rows by segment, drops ids out of range, leaves empty segments at zero', async () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 2]);
    const ids = tf.tensor1d([2, 0, 2, -1, 4], 'int32');
    const out = tf.unsortedSegmentSum(x, ids, 4);
    expect(out.shape).toEqual([4, 2]);
    expect(Array.from(await out.data())).toEqual([3, 4, 0, 0, 6, 8, 0, 0]);
    tf.dispose([x, ids, out]);
  });

  it('keeps int32 values int32', async () => {
    const x = tf.tensor1d([1, 2, 3], 'int32');
    const out = tf.unsortedSegmentSum(x, tf.tensor1d([1, 1, 0], 'int32'), 2);
    expect(out.dtype).toBe('int32');
    expect(Array.from(await out.data())).toEqual([3, 3]);
  });

  it.each([
    ['rank 1', [7], 3],
    ['rank 2, more segments than ids', [6, 5], 9],
    ['rank 4, batch 1', [1, 3, 2, 2], 1],
    ['rank 3, many repeats', [40, 3, 4], 5],
  ] as [string, number[], number][])('matches cpu: %s', async (_, shape, numSegments) => {
    const parity = await compareBackends((rng) => {
      const x = randomNormal(rng, shape);
      const ids = Int32Array.from({ length: shape[0]! }, () => rng.int(numSegments + 2) - 1);
      return tf.unsortedSegmentSum(x, tf.tensor1d(ids, 'int32'), numSegments);
    });
    expect(parity.wasmShapes).toEqual([[numSegments, ...shape.slice(1)]]);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('rejects segment ids that are not 1-D', () => {
    const x = tf.zeros([2, 2]);
    const ids = tf.zeros([2, 2], 'int32');
    expect(() =>
      tf.engine().runKernel('UnsortedSegmentSum', { x, segmentIds: ids }, { numSegments: 2 }),
    ).toThrow(
      'gankit: UnsortedSegmentSum on wasm expects 1-D segmentIds of length 2, but got shape [2,2].',
    );
    tf.dispose([x, ids]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const x = tf.randomNormal([10, 3]);
    const ids = tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3, 4, 4], 'int32');
    expect(wasmLeftovers(() => tf.unsortedSegmentSum(x, ids, 5))).toEqual({
      tensors: 0,
      bytes: 0,
      buffers: 0,
    });
    tf.dispose([x, ids]);
  });
});
