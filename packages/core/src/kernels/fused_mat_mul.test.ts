import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { compareBackends, wasmLeftovers } from './parity';

type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu' | 'prelu';

// [label, a shape, b shape (as multiplied), transposeA, transposeB]
const shapes: [string, number[], number[], boolean, boolean][] = [
  ['matrix x matrix', [5, 7], [7, 3], false, false],
  ['transposeA', [5, 7], [7, 3], true, false],
  ['transposeB', [6, 4], [4, 9], false, true],
  ['both transposed', [6, 4], [4, 9], true, true],
  ['batch x matrix, transposeB', [3, 5, 7], [7, 4], false, true],
  ['batch x batch, transposeA', [2, 33, 40], [2, 40, 35], true, false],
];
const activations: Activation[] = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'sigmoid',
  'leakyrelu',
  'prelu',
];

const swapLast = (s: number[]) => [...s.slice(0, -2), s.at(-1)!, s.at(-2)!];

describe('_FusedMatMul fast path on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  const cases = shapes.flatMap(([label, a, b, ta, tb]) =>
    activations.map(
      (act, i) =>
        [`${label}, ${act}, bias ${i % 2 === 0}`, a, b, ta, tb, act, i % 2 === 0] as const,
    ),
  );

  it.each(cases)('matches cpu: %s', async (_, a, b, ta, tb, activation, withBias) => {
    const n = b.at(-1)!;
    const parity = await compareBackends((rng) =>
      tf.fused.matMul({
        a: randomNormal(rng, ta ? swapLast(a) : a) as tf.Tensor2D,
        b: randomNormal(rng, tb ? swapLast(b) : b) as tf.Tensor2D,
        transposeA: ta,
        transposeB: tb,
        bias: withBias ? randomNormal(rng, [n]) : undefined,
        activation,
        preluActivationWeights: activation === 'prelu' ? randomNormal(rng, [n]) : undefined,
        leakyreluAlpha: 0.3,
      }),
    );
    expect(parity.wasmShapes).toEqual(parity.cpuShapes);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('leaves no tensors or WASM buffers behind', () => {
    const a = tf.randomNormal([2, 40, 30]);
    const b = tf.randomNormal([2, 20, 40]);
    const bias = tf.randomNormal([20]);
    const none = { tensors: 0, bytes: 0, buffers: 0 };
    const run = (x: tf.Tensor, y: tf.Tensor) => () =>
      tf.fused.matMul({
        a: x as tf.Tensor3D,
        b: y as tf.Tensor3D,
        transposeA: true,
        transposeB: true,
        bias,
        activation: 'relu',
      });
    expect(wasmLeftovers(run(a, b))).toEqual(none);
    expect(wasmLeftovers(run(a, b.slice([0, 0, 0], [1, 20, 40])))).toEqual(none);
    tf.dispose([a, b, bias]);
  });
});
