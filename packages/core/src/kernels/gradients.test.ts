import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, initBackend, type Rng, randomNormal } from '../index';
import { compareBackends } from './parity';

type Fn = (...xs: tf.Tensor[]) => tf.Tensor;

/**
 * Central-difference check of `tf.grads` on wasm for the loss `Σ f(xs) · r` (r fixed random):
 * samples `coords` coordinates of each input (float32, eps 1e-2) and returns the worst
 * `max |numeric − analytic| / max |analytic|` over the inputs.
 */
function gradientError(f: Fn, inputs: tf.Tensor[], rng: Rng, coords = 10, eps = 1e-2): number {
  const r = tf.tidy(() => randomNormal(rng, f(...inputs).shape));
  const loss = (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r));
  const analytic = tf
    .grads(loss)(inputs)
    .map((g) => {
      const v = g.dataSync().slice();
      g.dispose();
      return v;
    });
  let worst = 0;
  inputs.forEach((x, i) => {
    const base = x.dataSync().slice();
    const grad = analytic[i]!;
    let diff = 0;
    let scale = 0;
    for (let n = 0; n < Math.min(coords, base.length); n++) {
      const j = rng.int(base.length);
      const at = (delta: number) => {
        const moved = base.slice();
        moved[j] = moved[j]! + delta;
        return tf.tidy(() => {
          const xs = inputs.map((y, k) => (k === i ? tf.tensor(moved, x.shape) : y));
          return loss(...xs).dataSync()[0]!;
        });
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      diff = Math.max(diff, Math.abs(numeric - grad[j]!));
      scale = Math.max(scale, Math.abs(grad[j]!));
    }
    worst = Math.max(worst, scale === 0 ? diff : diff / scale);
  });
  r.dispose();
  return worst;
}

function normalize(x: tf.Tensor, axes: number[], gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, axes);
  return tf.batchNorm(x, mean, variance, beta, gamma, 1e-3);
}

const leaky = (x: tf.Tensor) => tf.leakyRelu(x, 0.2);

// [label, input shapes, f]; integer inputs are made by the case itself.
const cases: [string, number[][], Fn][] = [
  [
    'conv2d stride 2 same',
    [
      [2, 7, 7, 3],
      [3, 3, 3, 4],
    ],
    (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'),
  ],
  [
    'conv2d stride 1 valid',
    [
      [1, 6, 5, 2],
      [2, 3, 2, 3],
    ],
    (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid'),
  ],
  [
    'conv2dTranspose k4 stride 2 same',
    [
      [2, 4, 4, 3],
      [4, 4, 2, 3],
    ],
    (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 8, 8, 2], 2, 'same'),
  ],
  [
    'conv2dTranspose k3 stride 1 valid',
    [
      [1, 4, 3, 2],
      [3, 3, 3, 2],
    ],
    (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [1, 6, 5, 3], 1, 'valid'),
  ],
  [
    'depthwiseConv2d stride 1 same, multiplier 2',
    [
      [2, 5, 5, 3],
      [3, 3, 3, 2],
    ],
    (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
  ],
  [
    'depthwiseConv2d stride 2 valid',
    [
      [1, 7, 6, 2],
      [3, 3, 2, 1],
    ],
    (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid'),
  ],
  [
    'embedding lookup (gather with repeated ids)',
    [[10, 4]],
    (table) => tf.gather(table, tf.tensor2d([1, 3, 3, 0, 9, 1], [2, 3], 'int32')),
  ],
  [
    'batch norm on a batch of vectors (training statistics)',
    [[6, 4], [4], [4]],
    (x, gamma, beta) => tf.tanh(normalize(x, [0], gamma, beta)),
  ],
  [
    'batch norm on feature maps',
    [[2, 3, 3, 2], [2], [2]],
    (x, gamma, beta) => tf.tanh(normalize(x, [0, 1, 2], gamma, beta)),
  ],
  [
    'conv net: conv s2, leaky relu, conv transpose s2, tanh',
    [
      [2, 6, 6, 1],
      [4, 4, 1, 3],
      [4, 4, 1, 3],
    ],
    (x, w1, w2) => {
      const h = leaky(tf.conv2d(x as tf.Tensor4D, w1 as tf.Tensor4D, 2, 'same'));
      return tf.tanh(
        tf.conv2dTranspose(h as tf.Tensor4D, w2 as tf.Tensor4D, [2, 6, 6, 1], 2, 'same'),
      );
    },
  ],
];

describe('gradients through the wasm kernels', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('match central differences on wasm: %s', (_, shapes, f) => {
    expect(tf.getBackend()).toBe('wasm');
    const rng = createRng(3);
    const inputs = shapes.map((s) => randomNormal(rng, s));
    const before = tf.memory().numTensors;
    expect(gradientError(f, inputs, rng)).toBeLessThan(1e-2);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
  });

  it.each(cases)('match the cpu backend: %s', async (_, shapes, f) => {
    const parity = await compareBackends((rng) => {
      const inputs = shapes.map((s) => randomNormal(rng, s));
      const r = randomNormal(rng, f(...inputs).shape);
      return tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r)))(inputs);
    }, 5);
    expect(parity.error).toBeLessThan(1e-4);
  });
});
