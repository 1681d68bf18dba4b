import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { initBackend, randomNormal } from '../index';
import { compareBackends, largestRelativeError } from '../kernels/parity';
import { createRng } from '../rng';
import { dense } from './dense';

/** The same layer from separate ops, as the reference. */
function composed(x: tf.Tensor2D, k: tf.Tensor2D, b: tf.Tensor1D, activation: 'linear' | 'relu') {
  const z = tf.add(tf.matMul(x, k), b);
  return activation === 'relu' ? tf.relu(z) : z;
}

function inputs(seed: number) {
  const rng = createRng(seed);
  return {
    x: randomNormal(rng, [6, 5]) as tf.Tensor2D,
    k: randomNormal(rng, [5, 4]) as tf.Tensor2D,
    b: randomNormal(rng, [4]) as tf.Tensor1D,
    w: randomNormal(rng, [6, 4]),
  };
}

describe('dense', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(['linear', 'relu'] as const)(
    '%s: forward and all gradients equal the composed ops',
    async (activation) => {
      const { x, k, b, w } = inputs(1);
      const loss =
        (f: typeof dense | typeof composed) => (xv: tf.Tensor, kv: tf.Tensor, bv: tf.Tensor) =>
          tf.sum(tf.mul(w, f(xv as tf.Tensor2D, kv as tf.Tensor2D, bv as tf.Tensor1D, activation)));
      const ours = tf.grads(loss(dense))([x, k, b]);
      const reference = tf.grads(loss(composed))([x, k, b]);
      expect(await largestRelativeError(ours, reference)).toBeLessThan(1e-6);
      expect(
        await largestRelativeError([dense(x, k, b, activation)], [composed(x, k, b, activation)]),
      ).toBeLessThan(1e-6);
    },
  );

  it('works without a bias', async () => {
    const { x, k } = inputs(2);
    const g = tf.grad((kv: tf.Tensor) => tf.sum(tf.square(dense(x, kv as tf.Tensor2D))))(k);
    const r = tf.grad((kv: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, kv as tf.Tensor2D))))(k);
    expect(await largestRelativeError([g], [r])).toBeLessThan(1e-6);
  });

  it('computes only the gradients asked for (one product for the kernel, none for the input)', async () => {
    const { x, k, b } = inputs(3);
    const kv = tf.variable(k);
    const products = async (f: () => tf.Scalar) => {
      const info = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(f, [kv]);
        tf.dispose([value, grads]);
      });
      return info.kernels.filter((kernel) => kernel.name === 'BatchMatMul').length;
    };
    expect(await products(() => tf.sum(dense(x, kv, b)))).toBe(1);
    expect(await products(() => tf.sum(tf.fused.matMul({ a: x, b: kv, bias: b })))).toBe(2);
    kv.dispose();
  });

  it('has exact second derivatives (a gradient penalty through a ReLU layer)', async () => {
    const { x, k, b } = inputs(4);
    const penalty = (f: typeof dense | typeof composed) => (kv: tf.Tensor) => {
      const dx = tf.grad((xv: tf.Tensor) =>
        tf.sum(f(xv as tf.Tensor2D, kv as tf.Tensor2D, b, 'relu')),
      )(x);
      return tf.sum(tf.square(dx));
    };
    const ours = tf.grad(penalty(dense))(k);
    const reference = tf.grad(penalty(composed))(k);
    expect(await largestRelativeError([ours], [reference])).toBeLessThan(1e-5);
  });

  it('matches cpu on wasm', async () => {
    const parity = await compareBackends((rng) => {
      const x = randomNormal(rng, [100, 784]) as tf.Tensor2D;
      const k = randomNormal(rng, [784, 256]) as tf.Tensor2D;
      const b = randomNormal(rng, [256]) as tf.Tensor1D;
      return [
        dense(x, k, b, 'relu'),
        ...tf.grads((kv: tf.Tensor, bv: tf.Tensor) =>
          tf.sum(dense(x, kv as tf.Tensor2D, bv as tf.Tensor1D, 'relu')),
        )([k, b]),
      ];
    });
    expect(parity.error).toBeLessThan(1e-5);
  });

  it('rejects mismatched shapes, naming the arguments', () => {
    const { x, k } = inputs(5);
    expect(() => dense(x, tf.zeros([4, 4]) as tf.Tensor2D)).toThrow(ShapeError);
    expect(() => dense(x, tf.zeros([4, 4]) as tf.Tensor2D)).toThrow(
      "Arguments 'x' and 'kernel' passed to 'dense' must have shapes [batch, in] and [in, out], but got [6, 5] and [4, 4].",
    );
    expect(() => dense(x, k, tf.zeros([3]) as tf.Tensor1D)).toThrow(
      "Argument 'bias' passed to 'dense' must have shape [4], but got [3].",
    );
  });

  it('leaves no tensors behind after a gradient step', () => {
    const { x, k, b } = inputs(6);
    const kv = tf.variable(k);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => tf.sum(dense(x, kv, b, 'relu')), [kv]);
    tf.dispose([value, grads]);
    expect(tf.memory().numTensors).toBe(before);
    kv.dispose();
  });
});
