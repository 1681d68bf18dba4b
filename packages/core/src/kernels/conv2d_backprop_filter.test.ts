import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
type Case = [string, number[], number[], number | [number, number], Pad];

// [label, x shape, filter shape, strides, pad]
const cases: Case[] = [
  ['1x1 filter, batch 1, one channel', [1, 5, 5, 1], [1, 1, 1, 1], 1, 'valid'],
  ['3x3 same stride 1, odd sizes', [2, 7, 5, 3], [3, 3, 3, 4], 1, 'same'],
  ['3x3 valid stride 1', [2, 7, 5, 3], [3, 3, 3, 4], 1, 'valid'],
  ['3x3 same stride 2', [3, 7, 7, 2], [3, 3, 2, 5], 2, 'same'],
  ['3x3 valid stride 2', [3, 8, 9, 2], [3, 3, 2, 5], 2, 'valid'],
  ['4x4 same stride 2 (DCGAN)', [2, 14, 14, 3], [4, 4, 3, 6], 2, 'same'],
  ['2x3 filter, strides [2, 1]', [2, 6, 7, 3], [2, 3, 3, 2], [2, 1], 'same'],
  ['numeric pad 1', [1, 6, 6, 2], [3, 3, 2, 3], 2, 1],
  [
    'explicit asymmetric pads',
    [2, 5, 6, 2],
    [3, 2, 2, 3],
    1,
    [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  ],
  ['filter larger than stride, channels out 1', [2, 9, 9, 4], [5, 5, 4, 1], 2, 'same'],
  ['several chunks of images', [3, 48, 48, 12], [8, 8, 12, 1], 1, 'same'],
];

function shapes(c: Case): { dy: number[]; attrs: tf.NamedAttrMap } {
  const [, x, f, strides, pad] = c;
  const info = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    f as [number, number, number, number],
    strides,
    1,
    pad,
  );
  return {
    dy: info.outShape,
    attrs: { strides, pad, dataFormat: 'NHWC', filterShape: f },
  };
}

function filterGradient(c: Case, x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, shapes(c).attrs) as tf.Tensor;
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('matches cpu: %s', async (...c) => {
    const { dy } = shapes(c);
    const parity = await compareBackends((rng) =>
      filterGradient(c, randomNormal(rng, c[1]), randomNormal(rng, dy)),
    );
    expect(parity.wasmShapes).toEqual([c[2]]);
    expect(parity.cpuShapes).toEqual([c[2]]);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('computes a hand-checked 1x1 case', async () => {
    // x = [1, 2; 3, 4] (one channel), dy = [1, 0; 0, 2]: dw = 1*1 + 4*2 = 9.
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const dy = tf.tensor4d([1, 0, 0, 2], [1, 2, 2, 1]);
    const dw = filterGradient(['', [1, 2, 2, 1], [1, 1, 1, 1], 1, 'valid'], x, dy);
    expect(Array.from(await dw.data())).toEqual([9]);
    tf.dispose([x, dy, dw]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const c = cases[3]!;
    const { dy } = shapes(c);
    const x = tf.randomNormal(c[1]);
    const g = tf.randomNormal(dy);
    expect(wasmLeftovers(() => filterGradient(c, x, g))).toEqual({
      tensors: 0,
      bytes: 0,
      buffers: 0,
    });
    const big = cases.at(-1)!;
    const xb = tf.randomNormal(big[1]);
    const gb = tf.randomNormal(shapes(big).dy);
    expect(wasmLeftovers(() => filterGradient(big, xb, gb))).toEqual({
      tensors: 0,
      bytes: 0,
      buffers: 0,
    });
    tf.dispose([x, g, xb, gb]);
  });

  it('rejects NCHW with a clear message', () => {
    const x = tf.zeros([1, 2, 3, 3]);
    const dy = tf.zeros([1, 2, 3, 3]);
    expect(() =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [1, 1, 2, 2] },
        ),
    ).toThrow("gankit: Conv2DBackpropFilter on wasm supports dataFormat 'NHWC' only.");
    tf.dispose([x, dy]);
  });
});
