import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, initBackend, type Rng, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

type Pad = 'same' | 'valid' | number;
// [label, x shape, filter size, strides, pad]
type Case = [string, number[], number, number, Pad];

const cases: Case[] = [
  ['2x2 stride 2 valid, batch 1, one channel', [1, 4, 4, 1], 2, 2, 'valid'],
  ['2x2 stride 2 same, odd sizes', [2, 5, 7, 3], 2, 2, 'same'],
  ['3x3 stride 1 same (overlapping windows)', [2, 5, 5, 2], 3, 1, 'same'],
  ['3x3 stride 2 valid', [3, 7, 9, 2], 3, 2, 'valid'],
  ['3x3 stride 2, numeric pad 1', [1, 6, 6, 4], 3, 2, 1],
];

/** Values from a small set, so windows often hold ties. */
function tied(rng: Rng, shape: number[]): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.int(4) - 2),
    shape,
  );
}

function poolGradient(c: Case, x: tf.Tensor, rng: Rng): tf.Tensor {
  const [, , size, stride, pad] = c;
  const dy = randomNormal(rng, tf.maxPool(x as tf.Tensor4D, size, stride, pad).shape);
  return tf.grad((input: tf.Tensor) =>
    tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, size, stride, pad), dy)),
  )(x);
}

describe('MaxPoolGrad replacement on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('matches cpu on random values: %s', async (...c) => {
    const parity = await compareBackends((rng) => poolGradient(c, randomNormal(rng, c[1]), rng));
    expect(parity.error).toBeLessThan(1e-4);
  });

  it.each(cases)('matches cpu on negative values: %s', async (...c) => {
    const parity = await compareBackends((rng) =>
      poolGradient(c, tf.sub(tf.neg(tf.abs(randomNormal(rng, c[1]))), 1), rng),
    );
    expect(parity.error).toBeLessThan(1e-4);
  });

  it.each(cases)('matches cpu with ties (first maximum wins): %s', async (...c) => {
    const parity = await compareBackends((rng) => poolGradient(c, tied(rng, c[1]), rng));
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('sends each window gradient to its maximum, hand-checked', async () => {
    // Two 2x2 windows of negatives: maxima at -1 (position 3) and -2 (position 0, first of a tie).
    const x = tf.tensor4d([-4, -3, -2, -2, -5, -1, -3, -2], [1, 2, 4, 1]);
    const dy = tf.tensor4d([10, 20], [1, 1, 2, 1]);
    const dx = tf
      .engine()
      .runKernel(
        'MaxPoolGrad',
        { dy, input: x, output: tf.maxPool(x, 2, 2, 'valid') },
        { filterSize: 2, strides: 2, pad: 'valid' },
      ) as tf.Tensor;
    expect(Array.from(await dx.data())).toEqual([0, 0, 20, 0, 0, 10, 0, 0]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const rng = createRng(1);
    const x = randomNormal(rng, [2, 6, 6, 3]);
    const dy = randomNormal(rng, [2, 3, 3, 3]);
    const y = tf.maxPool(x as tf.Tensor4D, 2, 2, 'same');
    const run = () =>
      tf
        .engine()
        .runKernel(
          'MaxPoolGrad',
          { dy, input: x, output: y },
          { filterSize: 2, strides: 2, pad: 'same' },
        ) as tf.Tensor;
    expect(wasmLeftovers(run)).toEqual({ tensors: 0, bytes: 0, buffers: 0 });
    tf.dispose([x, dy, y]);
  });
});
