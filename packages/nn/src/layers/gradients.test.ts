import { createRng, initBackend, randomNormal } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BatchNorm,
  Conv2D,
  Conv2DTranspose,
  Dense,
  Embedding,
  LeakyReLU,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
} from '../index';
import type { Layer } from '../layer';

beforeAll(async () => {
  await initBackend();
});

/**
 * Compares tfjs's gradient of sum(f(x) * r) with respect to every trainable weight against
 * central finite differences, on a few entries of each weight. float32 arithmetic limits
 * the agreement, hence the 2e-2 tolerance on the relative error.
 */
export function checkLayer(layer: Layer, inputShape: number[], batch: number, input?: tf.Tensor) {
  const model = new Sequential({ inputShape, layers: [layer], seed: 1 });
  const rng = createRng(2);
  const x = input ?? randomNormal(rng, [batch, ...inputShape]);
  const r = randomNormal(rng, [batch, ...model.outputShape]);
  const loss = () => tf.sum(tf.mul(model.apply(x, { training: true }), r)) as tf.Scalar;
  const vars = model.trainableVariables;
  const { grads } = tf.variableGrads(loss, vars);
  // Small enough not to cross LeakyReLU's kink on these inputs, large enough for float32.
  const eps = 1e-3;
  let worst = 0;
  for (const v of vars) {
    const analytic = (grads[v.name] as tf.Tensor).dataSync();
    const base = v.dataSync().slice();
    for (let k = 0; k < Math.min(6, base.length); k++) {
      const i = Math.floor((k * base.length) / 6);
      const at = (delta: number) => {
        const p = base.slice();
        p[i] = (p[i] as number) + delta;
        v.assign(tf.tensor(p, v.shape));
        const l = tf.tidy(loss);
        const value = l.dataSync()[0] as number;
        l.dispose();
        return value;
      };
      const numeric = (at(eps) - at(-eps)) / (2 * eps);
      v.assign(tf.tensor(base, v.shape));
      const a = analytic[i] as number;
      worst = Math.max(worst, Math.abs(a - numeric) / Math.max(1, Math.abs(numeric)));
    }
  }
  tf.dispose(grads);
  tf.dispose([x, r]);
  model.dispose();
  return worst;
}

describe('layer gradients on wasm match finite differences', () => {
  it.each([
    ['Dense + leakyRelu', () => new Dense({ units: 5, activation: 'leakyRelu' }), [7], 3],
    ['Dense + sigmoid (fused)', () => new Dense({ units: 4, activation: 'sigmoid' }), [6], 3],
    [
      'Dense, weight-normalised, relu',
      () => new Dense({ units: 4, activation: 'relu', weightNorm: true }),
      [6],
      3,
    ],
    ['Conv2D s2 same', () => new Conv2D({ filters: 3, kernelSize: 3, strides: 2 }), [7, 7, 2], 2],
    [
      'Conv2D s1 valid dilation 2',
      () => new Conv2D({ filters: 2, kernelSize: 3, padding: 'valid', dilation: 2 }),
      [7, 7, 2],
      1,
    ],
    [
      'Conv2DTranspose s2 same',
      () => new Conv2DTranspose({ filters: 2, kernelSize: 4, strides: 2 }),
      [3, 3, 3],
      2,
    ],
    [
      'Conv2DTranspose s2 valid',
      () => new Conv2DTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }),
      [3, 3, 2],
      2,
    ],
    ['BatchNorm (training)', () => new BatchNorm(), [4, 4, 3], 4],
  ] as [string, () => Layer, number[], number][])('%s', (_name, make, shape, batch) => {
    expect(checkLayer(make(), shape, batch)).toBeLessThan(2e-2);
  });

  it('Embedding', () => {
    const ids = tf.tensor2d(
      [
        [0, 3, 3],
        [1, 4, 0],
      ],
      [2, 3],
      'int32',
    );
    expect(checkLayer(new Embedding({ inputDim: 5, outputDim: 4 }), [3], 2, ids)).toBeLessThan(
      2e-2,
    );
  });

  it('activation layers have no weights and the right values', () => {
    const x = tf.tensor2d([[-2, 0, 3]]);
    const run = (layer: Layer) => {
      const m = new Sequential({ inputShape: [3], layers: [layer] });
      const y = Array.from(m.apply(x).dataSync());
      expect(m.countParams()).toBe(0);
      return y;
    };
    expect(run(new LeakyReLU({ alpha: 0.1 }))).toEqual([-0.2, 0, 3].map((v) => Math.fround(v)));
    expect(run(new Tanh())[2]).toBeCloseTo(Math.tanh(3), 6);
    expect(run(new Sigmoid())[0]).toBeCloseTo(1 / (1 + Math.exp(2)), 6);
    const s = run(new Softmax());
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    x.dispose();
  });
});
