import { createRng, initBackend, randomNormal, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, Dense, GaussianNoise, initializeFromData, ReLU, Sequential } from './index';

beforeAll(async () => {
  await initBackend();
});

/** A weight-normalised model: Dense 6 (fixed scale), ReLU, Dense 3 (trained scale). */
function model(seed = 1): Sequential {
  return new Sequential({
    inputShape: [5],
    seed,
    layers: [
      new Dense({ units: 6, weightNorm: true, trainScale: false }),
      new ReLU(),
      new Dense({ units: 3, weightNorm: true }),
    ],
  });
}

/** Per-unit mean and standard deviation over the batch of `t`. */
function moments(t: tf.Tensor): { mean: number[]; std: number[] } {
  const m = tf.moments(t, 0);
  const mean = Array.from(m.mean.dataSync());
  const std = Array.from(m.variance.dataSync(), Math.sqrt);
  tf.dispose([m.mean, m.variance]);
  return { mean, std };
}

describe('initializeFromData', () => {
  it("gives every weight-normalised layer's units mean 0 and std 1 on the batch, layer after layer", () => {
    const m = model();
    // Inputs far from mean 0 / std 1, so an untouched layer would not pass by chance.
    const x = tf.tidy(() => tf.add(tf.mul(randomNormal(createRng(2), [200, 5]), 4), 3));
    const before = tf.memory().numTensors;
    expect(initializeFromData(m, x)).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    const [first, relu, last] = m.layers as [Dense, ReLU, Dense];
    const h1 = first.call(x, true);
    const h2 = relu.call(h1, true);
    const h3 = last.call(h2, true);
    for (const h of [h1, h3]) {
      const { mean, std } = moments(h);
      for (const v of mean) expect(Math.abs(v)).toBeLessThan(1e-4);
      for (const v of std) expect(Math.abs(v - 1)).toBeLessThan(1e-3);
    }
    tf.dispose([x, h1, h2, h3]);
    m.dispose();
  });

  it('initialises through noise layers with the noise on (training mode)', () => {
    const m = new Sequential({
      inputShape: [4],
      seed: 5,
      layers: [new GaussianNoise({ stddev: 10 }), new Dense({ units: 3, weightNorm: true })],
    });
    const x = tf.zeros([400, 4]);
    initializeFromData(m, x);
    // On zeros, only the noise varies: unit std must come from it.
    const scale = m.weights.find((w) => w.name.endsWith('scale'))?.variable.dataSync() ?? [];
    for (const s of scale) expect(s).toBeGreaterThan(0.05); // 1 / std of noise ≈ 0.1
    for (const s of scale) expect(s).toBeLessThan(0.2);
    x.dispose();
    m.dispose();
  });

  it('keeps a fixed scale (trainScale false) out of training, and trains a free one', () => {
    const m = model();
    const x = randomNormal(createRng(3), [50, 5]);
    initializeFromData(m, x);
    const scales = m.weights.filter((w) => w.name.endsWith('/scale'));
    expect(scales.map((w) => [w.name, w.trainable])).toEqual([
      ['dense_0/scale', false],
      ['dense_2/scale', true],
    ]);
    expect(m.trainableVariables).not.toContain(scales[0]?.variable);
    const fixed = Array.from(scales[0]?.variable.dataSync() ?? []);
    const free = Array.from(scales[1]?.variable.dataSync() ?? []);
    const adam = new Adam({ learningRate: 0.1 });
    adam.minimize(() => tf.sum(tf.square(m.apply(x))), m.trainableVariables).dispose();
    expect(Array.from(scales[0]?.variable.dataSync() ?? [])).toEqual(fixed);
    expect(Array.from(scales[1]?.variable.dataSync() ?? [])).not.toEqual(free);
    adam.dispose();
    x.dispose();
    m.dispose();
  });

  it('rejects bad input with errors that name the argument and the function', () => {
    const m = model();
    const one = tf.ones([1, 5]);
    const wide = tf.ones([10, 6]);
    expect(() => initializeFromData(m, one)).toThrow(ShapeError);
    expect(() => initializeFromData(m, one)).toThrow(
      "Argument 'x' passed to 'initializeFromData' must have shape [batch >= 2, 5]",
    );
    expect(() => initializeFromData(m, wide)).toThrow('but got [10, 6]');
    const plain = new Sequential({ inputShape: [6], layers: [new Dense({ units: 2 })] });
    expect(() => initializeFromData(plain, wide)).toThrow(ValueError);
    expect(() => initializeFromData(plain, wide)).toThrow(
      "Argument 'model' passed to 'initializeFromData' has no Dense layer with weightNorm",
    );
    expect(() => new Dense({ units: 2, trainScale: false })).toThrow(
      "Option 'trainScale' of 'Dense' works with weightNorm only",
    );
    expect(() => new Dense({ units: 2, weightNorm: true, trainScale: 0 as never })).toThrow(
      /'trainScale' passed to 'Dense' must be a boolean/,
    );
    const noBias = new Sequential({
      inputShape: [6],
      layers: [new Dense({ units: 2, weightNorm: true, useBias: false })],
    });
    expect(() => initializeFromData(noBias, wide)).toThrow(
      "'dense_0.initializeFromData' needs a layer built with weightNorm and a bias, but 'dense_0' has no bias",
    );
    tf.dispose([one, wide]);
    for (const n of [m, plain, noBias]) n.dispose();
  });
});
