import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

// [label, x shape, reps]
const cases: [string, number[], number[]][] = [
  ['rank 1', [3], [4]],
  ['reps of one change nothing', [2, 3], [1, 1]],
  ['rank 2, both axes', [2, 3], [3, 2]],
  ['channel vector over feature maps (batch norm gradient)', [1, 1, 1, 5], [4, 3, 3, 1]],
  ['odd sizes, inner axis only', [3, 1, 2], [1, 1, 5]],
  ['rank 5, mixed', [2, 1, 3, 1, 2], [1, 4, 2, 3, 1]],
  ['empty input', [0, 2], [3, 2]],
  ['a zero rep empties the output', [2, 3], [0, 2]],
];

describe('Tile fast path on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('matches cpu: %s', async (_, shape, reps) => {
    const parity = await compareBackends((rng) => tf.tile(randomNormal(rng, shape), reps));
    expect(parity.wasmShapes).toEqual(parity.cpuShapes);
    expect(parity.error).toBe(0);
  });

  it('tiles a hand-checked matrix', async () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const y = tf.tile(x, [2, 2]);
    expect(y.shape).toEqual([4, 4]);
    expect(Array.from(await y.data())).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4]);
  });

  it('keeps int32 and bool values', async () => {
    const ints = tf.tile(tf.tensor1d([7, -1], 'int32'), [2]);
    expect(ints.dtype).toBe('int32');
    expect(Array.from(await ints.data())).toEqual([7, -1, 7, -1]);
    const bools = tf.tile(tf.tensor2d([1, 0], [2, 1], 'bool'), [1, 3]);
    expect(bools.dtype).toBe('bool');
    expect(Array.from(await bools.data())).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const x = tf.randomNormal([1, 1, 1, 8]);
    expect(wasmLeftovers(() => tf.tile(x, [4, 3, 3, 1]))).toEqual({
      tensors: 0,
      bytes: 0,
      buffers: 0,
    });
    x.dispose();
  });
});
