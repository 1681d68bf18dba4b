// In its own file because it registers a gradient in tfjs's global registry.
import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { gradientPenalty } from './index';
import { expectAllClose } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

function penaltyGradients(activation: (h: tf.Tensor) => tf.Tensor): number[] {
  return tf.tidy(() => {
    const w1 = tf.tensor2d([0.5, -1.0, 0.3, 0.8, 0.2, -0.6], [2, 3]);
    const w2 = tf.tensor2d([0.7, -1.3, 0.9], [3, 1]);
    const real = tf.tensor2d([1, 0.5, -0.5, 0.2], [2, 2]);
    const fake = tf.tensor2d([-0.4, 0.3, 0.9, 1.2], [2, 2]);
    const penalty = (w: tf.Tensor) =>
      gradientPenalty(
        (x) =>
          tf.matMul(activation(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D)) as tf.Tensor2D, w2),
        real,
        fake,
        {
          seed: 9,
        },
      );
    return Array.from(tf.grad(penalty)(w1).dataSync());
  });
}

it('a tf.leakyRelu critic needs a gradient for the Greater kernel, and is right with a zero one', () => {
  const composite = penaltyGradients((h) => tf.add(tf.mul(0.2, h), tf.mul(0.8, tf.relu(h))));
  if (tf.getGradient('Greater') === undefined) {
    expect(() => penaltyGradients((h) => tf.leakyRelu(h, 0.2))).toThrow(
      'Cannot compute gradient: gradient function not found for Greater.',
    );
    // What @gankit/core should register: a comparison is piecewise constant, gradient zero.
    tf.registerGradient({
      kernelName: 'Greater',
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => ({
        a: () => tf.zerosLike(saved[0] as tf.Tensor),
        b: () => tf.zerosLike(saved[1] as tf.Tensor),
      }),
    });
  }
  expectAllClose(
    penaltyGradients((h) => tf.leakyRelu(h, 0.2)),
    composite,
    1e-5,
  );
  expectAllClose(
    penaltyGradients((h) => tf.prelu(h, tf.scalar(0.2))),
    composite,
    1e-5,
  );
});
