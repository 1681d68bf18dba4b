import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, type Optimizer, RMSprop, SGD } from '../index';

beforeAll(async () => {
  await initBackend();
});

/** How far one update of `optimizer` on loss sum(3 v) moves v from 1. */
function firstStep(optimizer: Optimizer): number {
  const v = tf.variable(tf.ones([2]));
  optimizer.minimize(() => tf.sum(tf.mul(v, 3)), [v]).dispose();
  const moved = 1 - (v.dataSync()[0] as number);
  optimizer.dispose();
  v.dispose();
  return moved;
}

describe('learningRateScale', () => {
  for (const make of [
    (scale: number) => Object.assign(new SGD({ learningRate: 0.1 }), { learningRateScale: scale }),
    (scale: number) => Object.assign(new Adam({ learningRate: 0.1 }), { learningRateScale: scale }),
    (scale: number) =>
      Object.assign(new RMSprop({ learningRate: 0.1 }), { learningRateScale: scale }),
  ]) {
    it(`multiplies the learning rate of ${make(1).kind}; 0 freezes the weights`, () => {
      const full = firstStep(make(1));
      expect(full).toBeGreaterThan(0);
      expect(firstStep(make(0.25))).toBeCloseTo(full / 4, 6);
      expect(firstStep(make(0))).toBe(0);
    });
  }

  it('reports the rate in use and refuses a negative or non-finite factor', () => {
    const adam = new Adam({ learningRate: 0.02 });
    expect(adam.learningRateScale).toBe(1);
    adam.learningRateScale = 0.5;
    expect(adam.currentLearningRate).toBeCloseTo(0.01, 12);
    expect(adam.learningRate).toBe(0.02);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => {
        adam.learningRateScale = bad;
      }).toThrow(
        new ValueError(`'adam.learningRateScale' must be a finite number >= 0, but got ${bad}.`),
      );
    }
    expect(adam.learningRateScale).toBe(0.5);
  });
});
