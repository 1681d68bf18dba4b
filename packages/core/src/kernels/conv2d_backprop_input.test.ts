import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
// [label, input shape (dx), filter shape, strides, pad]
type Case = [string, number[], number[], number | [number, number], Pad];

const cases: Case[] = [
  ['1x1 filter, batch 1, one channel', [1, 5, 5, 1], [1, 1, 1, 1], 1, 'valid'],
  ['3x3 same stride 1, odd sizes', [2, 7, 5, 3], [3, 3, 3, 4], 1, 'same'],
  ['3x3 valid stride 1', [2, 7, 5, 3], [3, 3, 3, 4], 1, 'valid'],
  ['3x3 same stride 2, odd input', [3, 7, 7, 2], [3, 3, 2, 5], 2, 'same'],
  ['3x3 valid stride 2', [3, 8, 9, 2], [3, 3, 2, 5], 2, 'valid'],
  ['4x4 same stride 2 (DCGAN)', [2, 14, 14, 3], [4, 4, 3, 6], 2, 'same'],
  ['5x5 same stride 2', [2, 8, 8, 4], [5, 5, 4, 3], 2, 'same'],
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
  ['one output channel, many input channels', [2, 9, 9, 6], [5, 5, 6, 1], 2, 'same'],
  // Eight or more input channels: the strided ones run as one convolution per phase.
  ['phases: 3x3 same stride 2, odd input', [2, 7, 7, 8], [3, 3, 8, 5], 2, 'same'],
  ['phases: 5x5 same stride 2', [2, 8, 8, 8], [5, 5, 8, 3], 2, 'same'],
  ['phases: stride 3, 4x4 filter (uneven taps per phase)', [2, 10, 11, 8], [4, 4, 8, 2], 3, 'same'],
  ['phases: stride 3, 2x2 filter (phases with no taps)', [2, 9, 9, 8], [2, 2, 8, 3], 3, 'valid'],
  ['phases: strides [1, 2], valid', [2, 6, 9, 9], [3, 4, 9, 3], [1, 2], 'valid'],
  ['phases: k4 s2 valid, odd input', [1, 9, 11, 8], [4, 4, 8, 3], 2, 'valid'],
  ['phases: numeric pad 2, 3x3 stride 2', [1, 8, 8, 8], [3, 3, 8, 4], 2, 2],
  ['DCGAN generator layer 7x7x128 -> 14x14x64', [4, 14, 14, 64], [4, 4, 64, 128], 2, 'same'],
  ['several chunks of images', [3, 48, 48, 64], [8, 8, 64, 1], 2, 'same'],
];

function geometry(c: Case): { dy: number[]; attrs: tf.NamedAttrMap } {
  const [, x, f, strides, pad] = c;
  const info = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    f as [number, number, number, number],
    strides,
    1,
    pad,
  );
  return { dy: info.outShape, attrs: { strides, pad, dataFormat: 'NHWC', inputShape: x } };
}

function inputGradient(c: Case, dy: tf.Tensor, filter: tf.Tensor): tf.Tensor {
  return tf
    .engine()
    .runKernel('Conv2DBackpropInput', { dy, filter }, geometry(c).attrs) as tf.Tensor;
}

describe('Conv2DBackpropInput fast path on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('matches cpu: %s', async (...c) => {
    const parity = await compareBackends((rng) =>
      inputGradient(c, randomNormal(rng, geometry(c).dy), randomNormal(rng, c[2])),
    );
    expect(parity.wasmShapes).toEqual([c[1]]);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it.each([
    ['k4 s2 same', [2, 7, 7, 8], [4, 4, 3, 8], [2, 14, 14, 3], 2, 'same'],
    ['k5 s2 same, odd output', [1, 4, 4, 2], [5, 5, 3, 2], [1, 7, 7, 3], 2, 'same'],
    ['k3 s1 valid', [3, 4, 5, 2], [3, 3, 1, 2], [3, 6, 7, 1], 1, 'valid'],
  ] as [string, number[], number[], number[], number, 'same' | 'valid'][])(
    'conv2dTranspose matches cpu: %s',
    async (_, xShape, fShape, outShape, stride, pad) => {
      const parity = await compareBackends((rng) =>
        tf.conv2dTranspose(
          randomNormal(rng, xShape) as tf.Tensor4D,
          randomNormal(rng, fShape) as tf.Tensor4D,
          outShape as [number, number, number, number],
          stride,
          pad,
        ),
      );
      expect(parity.wasmShapes).toEqual([outShape]);
      expect(parity.error).toBeLessThan(1e-4);
    },
  );

  it('computes a hand-checked stride-2 transposed convolution', async () => {
    // Each input pixel stamps the 2x2 filter [1 2; 3 4] times its value onto the output.
    const x = tf.tensor4d([1, 10], [1, 1, 2, 1]);
    const w = tf.tensor4d([1, 2, 3, 4], [2, 2, 1, 1]);
    const y = tf.conv2dTranspose(x, w, [1, 2, 4, 1], 2, 'valid');
    expect(Array.from(await y.data())).toEqual([1, 2, 10, 20, 3, 4, 30, 40]);
    tf.dispose([x, w, y]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const none = { tensors: 0, bytes: 0, buffers: 0 };
    for (const c of [cases[5]!, cases.at(-1)!]) {
      const dy = tf.randomNormal(geometry(c).dy);
      const w = tf.randomNormal(c[2]);
      expect(wasmLeftovers(() => inputGradient(c, dy, w))).toEqual(none);
      tf.dispose([dy, w]);
    }
  });
});
