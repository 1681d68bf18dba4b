import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
// [label, x shape, filter shape [fh, fw, ci, multiplier], strides, pad, dilations]
type Case = [string, number[], number[], number, Pad, number];

const cases: Case[] = [
  ['3x3 same stride 1, multiplier 1', [2, 5, 5, 3], [3, 3, 3, 1], 1, 'same', 1],
  ['3x3 valid stride 1, multiplier 2', [1, 6, 5, 2], [3, 3, 2, 2], 1, 'valid', 1],
  ['3x3 same stride 2, odd sizes', [3, 7, 9, 2], [3, 3, 2, 1], 2, 'same', 1],
  ['2x2 valid stride 2, one channel', [2, 6, 6, 1], [2, 2, 1, 3], 2, 'valid', 1],
  ['dilation 2, same', [2, 7, 7, 2], [3, 3, 2, 2], 1, 'same', 2],
  ['dilation 2, valid', [1, 9, 8, 3], [3, 2, 3, 1], 1, 'valid', 2],
  ['numeric pad 1', [2, 5, 6, 2], [3, 3, 2, 1], 2, 1, 1],
  [
    'explicit pads',
    [1, 5, 5, 2],
    [2, 3, 2, 2],
    1,
    [
      [0, 0],
      [0, 1],
      [2, 1],
      [0, 0],
    ],
    1,
  ],
];

function geometry(c: Case) {
  const [, x, f, strides, pad, dilations] = c;
  const info = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    f as [number, number, number, number],
    strides,
    dilations,
    pad,
    undefined,
    true,
  );
  return { dy: info.outShape, attrs: { strides, pad, dilations } };
}

function filterGradient(c: Case, x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  const attrs = { ...geometry(c).attrs, filterShape: c[2] };
  return tf
    .engine()
    .runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, attrs) as tf.Tensor;
}

function inputGradient(c: Case, dy: tf.Tensor, filter: tf.Tensor): tf.Tensor {
  const attrs = { ...geometry(c).attrs, inputShape: c[1] };
  return tf
    .engine()
    .runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter }, attrs) as tf.Tensor;
}

// The cpu backend's depthwise gradients ignore dilations, so dilated cases are checked
// against the forward op instead (the adjoint identity below), not against cpu.
const undilated = cases.filter((c) => c[5] === 1);

function dot(a: ArrayLike<number>, b: ArrayLike<number>): { value: number; scale: number } {
  let value = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    value += a[i]! * b[i]!;
    scale += Math.abs(a[i]! * b[i]!);
  }
  return { value, scale };
}

describe('depthwise convolution gradients on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)(
    'are the adjoints of the forward op: <conv(x, w), dy> = <x, dx> = <w, dw>: %s',
    async (...c) => {
      const [, xShape, fShape, strides, pad, dilations] = c;
      const rng = createRng(7);
      const x = randomNormal(rng, xShape);
      const w = randomNormal(rng, fShape);
      const dy = randomNormal(rng, geometry(c).dy);
      const y = tf.depthwiseConv2d(
        x as tf.Tensor4D,
        w as tf.Tensor4D,
        strides,
        pad,
        'NHWC',
        dilations,
      );
      const [yv, dyv, xv, wv] = await Promise.all([y, dy, x, w].map((t) => t.data()));
      const dxv = await inputGradient(c, dy, w).data();
      const dwv = await filterGradient(c, x, dy).data();
      const forward = dot(yv!, dyv!);
      const viaInput = dot(xv!, dxv);
      const viaFilter = dot(wv!, dwv);
      expect(Math.abs(viaInput.value - forward.value) / forward.scale).toBeLessThan(1e-5);
      expect(Math.abs(viaFilter.value - forward.value) / forward.scale).toBeLessThan(1e-5);
    },
  );

  it.each(undilated)('DepthwiseConv2dNativeBackpropFilter matches cpu: %s', async (...c) => {
    const { dy } = geometry(c);
    const parity = await compareBackends((rng) =>
      filterGradient(c, randomNormal(rng, c[1]), randomNormal(rng, dy)),
    );
    expect(parity.wasmShapes).toEqual([c[2]]);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it.each(undilated)('DepthwiseConv2dNativeBackpropInput matches cpu: %s', async (...c) => {
    const { dy } = geometry(c);
    const parity = await compareBackends((rng) =>
      inputGradient(c, randomNormal(rng, dy), randomNormal(rng, c[2])),
    );
    expect(parity.wasmShapes).toEqual([c[1]]);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('computes a hand-checked case', async () => {
    // One 2x2 image, 1x1 filter with multiplier 2: w = [2, -1].
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const w = tf.tensor4d([2, -1], [1, 1, 1, 2]);
    const dy = tf.tensor4d([1, 1, 0, 1, 2, 0, 0, 3], [1, 2, 2, 2]);
    const c: Case = ['', [1, 2, 2, 1], [1, 1, 1, 2], 1, 'valid', 1];
    // dw[q] = Σ x · dy[..., q]: q=0: 1+0+6+0 = 7, q=1: 1+2+0+12 = 15.
    expect(Array.from(await filterGradient(c, x, dy).data())).toEqual([7, 15]);
    // dx = 2·dy0 − dy1 = [1, -1, 4, -3].
    expect(Array.from(await inputGradient(c, dy, w).data())).toEqual([1, -1, 4, -3]);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const c = cases[4]!;
    const x = tf.randomNormal(c[1]);
    const w = tf.randomNormal(c[2]);
    const dy = tf.randomNormal(geometry(c).dy);
    const none = { tensors: 0, bytes: 0, buffers: 0 };
    expect(wasmLeftovers(() => filterGradient(c, x, dy))).toEqual(none);
    expect(wasmLeftovers(() => inputGradient(c, dy, w))).toEqual(none);
    tf.dispose([x, w, dy]);
  });
});
