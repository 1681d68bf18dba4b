import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../index';

beforeAll(async () => {
  await initBackend();
});

/** d/dw of (d/dx f(w·x)) at x = 1, by tfjs's nested gradients. */
function secondOrder(f: (t: tf.Tensor) => tf.Tensor, w0: number): number {
  const w = tf.variable(tf.scalar(w0));
  const x = tf.scalar(1);
  const { grads } = tf.variableGrads(() => {
    const dfdx = tf.grad((v: tf.Tensor) => tf.sum(f(tf.mul(w, v))))(x);
    return tf.sum(dfdx) as tf.Scalar;
  }, [w]);
  const value = (grads[w.name] as tf.Tensor).dataSync()[0] as number;
  tf.dispose([w, x, grads[w.name] as tf.Tensor]);
  return value;
}

describe('second-order gradients', () => {
  // g(w) = d/dx f(wx) at x=1 = w·f'(w); dg/dw = f'(w) + w·f''(w).
  it.each([
    [
      'tanh',
      tf.tanh,
      (w: number) => 1 - Math.tanh(w) ** 2 - 2 * w * Math.tanh(w) * (1 - Math.tanh(w) ** 2),
    ],
    [
      'sigmoid',
      tf.sigmoid,
      (w: number) => {
        const s = 1 / (1 + Math.exp(-w));
        return s * (1 - s) + w * s * (1 - s) * (1 - 2 * s);
      },
    ],
    ['exp', tf.exp, (w: number) => Math.exp(w) + w * Math.exp(w)],
    ['leakyRelu', (t: tf.Tensor) => tf.leakyRelu(t, 0.2), () => 1],
    ['maximum', (t: tf.Tensor) => tf.maximum(t, 0), () => 1],
  ] as [string, (t: tf.Tensor) => tf.Tensor, (w: number) => number][])('%s', (_name, f, exact) => {
    expect(secondOrder(f, 0.5)).toBeCloseTo(exact(0.5), 4);
  });
});
