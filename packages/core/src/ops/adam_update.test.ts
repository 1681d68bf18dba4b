import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { initBackend, randomNormal, randomUniform } from '../index';
import { compareBackends, relativeError } from '../kernels/parity';
import { createRng } from '../rng';
import { type AdamUpdateAttrs, adamUpdate } from './adam_update';

const attrs: AdamUpdateAttrs = {
  learningRate: 0.01,
  beta1: 0.5,
  beta2: 0.999,
  epsilon: 1e-8,
  step: 3,
};

/** Adam from its definition, in float64, one value at a time. */
function reference(p: number, g: number, m: number, v: number, a: AdamUpdateAttrs) {
  const m2 = a.beta1 * m + (1 - a.beta1) * g;
  const v2 = a.beta2 * v + (1 - a.beta2) * g * g;
  const mHat = m2 / (1 - a.beta1 ** a.step);
  const vHat = v2 / (1 - a.beta2 ** a.step);
  return [p - (a.learningRate * mHat) / (Math.sqrt(vHat) + a.epsilon), m2, v2];
}

function state(seed: number, shape: number[]) {
  const rng = createRng(seed);
  return {
    p: randomNormal(rng, shape),
    g: randomNormal(rng, shape),
    m: randomNormal(rng, shape),
    v: randomUniform(rng, shape, 0, 2),
  };
}

describe('adamUpdate', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it("takes a first step of lr · sign(g) (Adam's bias correction)", async () => {
    const [p] = adamUpdate(
      tf.tensor1d([1, 1]),
      tf.tensor1d([0.5, -3]),
      tf.zeros([2]),
      tf.zeros([2]),
      {
        ...attrs,
        learningRate: 0.1,
        beta1: 0.9,
        step: 1,
      },
    );
    const values = await p.data();
    expect(values[0]).toBeCloseTo(0.9, 6);
    expect(values[1]).toBeCloseTo(1.1, 6);
  });

  it.each(['wasm', 'cpu'] as const)('equals the definition on %s (kernel)', async (backend) => {
    await tf.setBackend(backend);
    const { p, g, m, v } = state(1, [7, 5]);
    const [p2, m2, v2] = adamUpdate(p, g, m, v, attrs);
    const [pv, gv, mv, vv] = (await Promise.all(
      [p, g, m, v].map((t) => t.data()),
    )) as Float32Array[];
    const expected = [0, 1, 2].map(() => new Float64Array(35));
    for (let i = 0; i < 35; i++) {
      reference(pv![i]!, gv![i]!, mv![i]!, vv![i]!, attrs).forEach((x, k) => {
        expected[k]![i] = x;
      });
    }
    expect(relativeError(await p2.data(), expected[0]!)).toBeLessThan(1e-6);
    expect(relativeError(await m2.data(), expected[1]!)).toBeLessThan(1e-6);
    expect(relativeError(await v2.data(), expected[2]!)).toBeLessThan(1e-6);
    await tf.setBackend('wasm');
  });

  it('gives the same update on wasm as on cpu', async () => {
    const parity = await compareBackends((rng) => {
      const shape = [256, 784];
      return adamUpdate(
        randomNormal(rng, shape),
        randomNormal(rng, shape),
        randomNormal(rng, shape),
        randomUniform(rng, shape, 0, 1),
        attrs,
      );
    });
    expect(parity.error).toBeLessThan(1e-6);
  });

  it('rejects a gradient or moment of another shape, naming it', () => {
    const { p, m, v } = state(2, [3, 2]);
    expect(() => adamUpdate(p, tf.zeros([2, 3]), m, v, attrs)).toThrow(ShapeError);
    expect(() => adamUpdate(p, tf.zeros([2, 3]), m, v, attrs)).toThrow(
      "Argument 'g' passed to 'adamUpdate' must have the shape of 'p' [3, 2], but got [2, 3].",
    );
  });

  it('returns three new tensors and leaves nothing else behind', () => {
    const { p, g, m, v } = state(3, [4]);
    const before = tf.memory().numTensors;
    const out = adamUpdate(p, g, m, v, attrs);
    expect(tf.memory().numTensors).toBe(before + 3);
    tf.dispose(out);
  });
});
