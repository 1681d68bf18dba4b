import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense, GaussianNoise, Sequential } from '../index';

beforeAll(async () => {
  await initBackend();
});

function noisy(seed: number, stddev = 0.5) {
  return new Sequential({
    inputShape: [4],
    seed,
    layers: [new GaussianNoise({ stddev }), new Dense({ units: 2 })],
  });
}

describe('GaussianNoise', () => {
  it('adds noise of the given spread in training and none in eval mode', () => {
    const layer = noisy(1, 0.3).layers[0] as GaussianNoise;
    const x = tf.zeros([2000, 4]);
    const out = layer.call(x, true);
    const values = out.dataSync() as Float32Array;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.sqrt(variance)).toBeCloseTo(0.3, 2);
    expect(layer.call(x, false)).toBe(x);
    tf.dispose([x, out]);
  });

  it('the same seed gives the same noise; another seed or the next call does not', () => {
    const x = tf.ones([3, 4]);
    const draw = (model: Sequential) => Array.from(model.apply(x).dataSync());
    const a = noisy(7);
    const b = noisy(7);
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(a)).not.toEqual(first);
    expect(draw(noisy(8))).not.toEqual(first);
    x.dispose();
  });

  it('lets gradients through unchanged and leaks no tensors', () => {
    const layer = noisy(2).layers[0] as GaussianNoise;
    const x = tf.randomNormal([5, 4]);
    const before = tf.memory().numTensors;
    const grad = tf.grad((v: tf.Tensor) => tf.sum(layer.call(v, true)))(x);
    expect(Array.from(grad.dataSync())).toEqual(new Array(20).fill(1));
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('rejects a negative or missing stddev and unknown options, naming them', () => {
    expect(() => new GaussianNoise({ stddev: -1 })).toThrow(ValueError);
    expect(() => new GaussianNoise({ stddev: -1 })).toThrow(/stddev.*GaussianNoise/);
    expect(() => new GaussianNoise({} as { stddev: number })).toThrow(/stddev/);
    expect(() => new GaussianNoise({ stddev: 1, rate: 2 } as never)).toThrow(/rate/);
  });
});
