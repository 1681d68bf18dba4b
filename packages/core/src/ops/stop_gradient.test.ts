import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, stopGradient } from '../index';

beforeAll(async () => {
  await initBackend();
});

describe('stopGradient', () => {
  it('passes values and stops gradients', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const y = stopGradient(x);
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3]);
    // d/dx sum(stop(x) · x) = stop(x) = x, not 2x.
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopGradient(t), t)))(x);
    expect(Array.from(g.dataSync())).toEqual([1, -2, 3]);
    const none = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(stopGradient(t), 2)))(x);
    expect(Array.from(none.dataSync())).toEqual([0, 0, 0]);
    tf.dispose([x, y, g, none]);
  });
});
