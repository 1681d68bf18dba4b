import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, Dense, Sequential, WeightAverage } from './index';
import { flatValues } from './test_util';

beforeAll(async () => {
  await initBackend();
});

function model() {
  return new Sequential({
    inputShape: [2],
    seed: 3,
    layers: [new Dense({ units: 2 }), new BatchNorm(), new Dense({ units: 1 })],
  });
}

/** Sets every trainable weight of `m` to the constant `c`. */
function fill(m: Sequential, c: number) {
  for (const v of m.trainableVariables) v.assign(tf.fill(v.shape, c));
}

describe('WeightAverage', () => {
  it('is the bias-corrected exponential average of the weights it was shown', () => {
    const m = model();
    const average = new WeightAverage(m, { decay: 0.5 });
    for (const c of [1, 2, 4]) {
      fill(m, c);
      average.update();
    }
    // sums: 0.5 -> 0.5*0.5 + 0.5*2 = 1.25 -> 0.625 + 2 = 2.625; / (1 - 0.125) = 3
    const averaged = average.averaged();
    for (const value of flatValues(averaged)) expect(value).toBeCloseTo(3, 5);
    expect(average.updates).toBe(3);
    tf.dispose(averaged);
    average.dispose();
    m.dispose();
  });

  it('use() runs with the averaged weights and puts the trained ones back, also on a throw', () => {
    const m = model();
    const average = new WeightAverage(m, { decay: 0.9 });
    fill(m, 1);
    average.update();
    fill(m, 5);
    const moving = m.weights.filter((w) => !w.trainable).map((w) => w.variable);
    const before = flatValues(moving);
    const inside = average.use(() => flatValues(m.trainableVariables));
    for (const value of inside) expect(value).toBeCloseTo(1, 5);
    for (const value of flatValues(m.trainableVariables)) expect(value).toBe(5);
    expect(flatValues(moving)).toEqual(before);
    expect(() =>
      average.use(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    for (const value of flatValues(m.trainableVariables)) expect(value).toBe(5);
    average.dispose();
    m.dispose();
  });

  it('before any update, use() sees the current weights', () => {
    const m = model();
    const average = new WeightAverage(m);
    fill(m, 2);
    for (const value of average.use(() => flatValues(m.trainableVariables))) expect(value).toBe(2);
    average.dispose();
    m.dispose();
  });

  it('getState / setState carry the average to a new WeightAverage', () => {
    const m = model();
    const a = new WeightAverage(m, { decay: 0.7 });
    fill(m, 1);
    a.update();
    fill(m, 3);
    a.update();
    const state = a.getState();
    const b = new WeightAverage(m, { decay: 0.7 });
    b.setState(state);
    expect(b.updates).toBe(2);
    const [x, y] = [a.averaged(), b.averaged()];
    expect(flatValues(y)).toEqual(flatValues(x));
    tf.dispose([...x, ...y, ...state.map((s) => s.tensor)]);
    expect(() => b.setState([])).toThrow(/weightAverage\/updates/);
    a.dispose();
    b.dispose();
    m.dispose();
  });

  it('leaks no tensors per update or use, and dispose frees all it made', () => {
    const m = model();
    const start = tf.memory().numTensors;
    const average = new WeightAverage(m);
    average.update();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      average.update();
      average.use(() => undefined);
    }
    expect(tf.memory().numTensors).toBe(before);
    average.dispose();
    expect(tf.memory().numTensors).toBe(start);
    m.dispose();
  });

  it('rejects a decay outside (0, 1) and unknown options, naming them', () => {
    const m = model();
    for (const decay of [0, 1, -0.5, Number.NaN]) {
      expect(() => new WeightAverage(m, { decay })).toThrow(ValueError);
    }
    expect(() => new WeightAverage(m, { decay: 1 })).toThrow(/'decay'.*'WeightAverage'/);
    expect(() => new WeightAverage(m, { rate: 0.9 } as never)).toThrow(/rate/);
    m.dispose();
  });
});
