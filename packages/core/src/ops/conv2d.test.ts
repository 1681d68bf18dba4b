import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { initBackend, randomNormal } from '../index';
import { compareBackends, largestRelativeError } from '../kernels/parity';
import { createRng } from '../rng';
import { conv2d } from './conv2d';

type Activation = 'linear' | 'relu';

/** The same layer from separate ops, as the reference. */
function composed(
  x: tf.Tensor4D,
  f: tf.Tensor4D,
  b: tf.Tensor1D,
  strides: [number, number],
  activation: Activation,
) {
  const z = tf.add(tf.conv2d(x, f, strides, 'same'), b);
  return activation === 'relu' ? tf.relu(z) : z;
}

function inputs(seed: number) {
  const rng = createRng(seed);
  return {
    x: randomNormal(rng, [2, 6, 6, 3]) as tf.Tensor4D,
    f: randomNormal(rng, [4, 4, 3, 5]) as tf.Tensor4D,
    b: randomNormal(rng, [5]) as tf.Tensor1D,
    w: randomNormal(rng, [2, 3, 3, 5]),
  };
}

describe('conv2d', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(['linear', 'relu'] as const)(
    '%s, stride 2, same: forward and all gradients equal the composed ops',
    async (activation) => {
      const { x, f, b, w } = inputs(1);
      const loss =
        (reference: boolean) =>
        (xv: tf.Tensor, fv: tf.Tensor, bv: tf.Tensor): tf.Scalar => {
          const y = reference
            ? composed(xv as tf.Tensor4D, fv as tf.Tensor4D, bv as tf.Tensor1D, [2, 2], activation)
            : conv2d(xv as tf.Tensor4D, fv as tf.Tensor4D, bv as tf.Tensor1D, {
                strides: [2, 2],
                padding: 'same',
                activation,
              });
          return tf.sum(tf.mul(w, y));
        };
      expect(
        await largestRelativeError(
          tf.grads(loss(false))([x, f, b]),
          tf.grads(loss(true))([x, f, b]),
        ),
      ).toBeLessThan(1e-5);
    },
  );

  it('defaults to stride 1, valid padding, no bias', async () => {
    const { x, f } = inputs(2);
    expect(await largestRelativeError([conv2d(x, f)], [tf.conv2d(x, f, 1, 'valid')])).toBeLessThan(
      1e-6,
    );
  });

  it('computes only the gradients asked for (the filter, not the input)', async () => {
    const { x, f, b } = inputs(3);
    const fv = tf.variable(f);
    const count = async (loss: () => tf.Scalar) => {
      const info = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(loss, [fv]);
        tf.dispose([value, grads]);
      });
      return info.kernels.filter((k) => k.name === 'Conv2DBackpropInput').length;
    };
    expect(await count(() => tf.sum(conv2d(x, fv, b, { strides: [2, 2], padding: 'same' })))).toBe(
      0,
    );
    expect(
      await count(() =>
        tf.sum(tf.fused.conv2d({ x, filter: fv, bias: b, strides: 2, pad: 'same' })),
      ),
    ).toBe(1);
    fv.dispose();
  });

  it('matches cpu on wasm (a DCGAN discriminator layer and its gradients)', async () => {
    const parity = await compareBackends((rng) => {
      const x = randomNormal(rng, [8, 14, 14, 16]) as tf.Tensor4D;
      const f = randomNormal(rng, [4, 4, 16, 32]) as tf.Tensor4D;
      const b = randomNormal(rng, [32]) as tf.Tensor1D;
      const loss = (xv: tf.Tensor, fv: tf.Tensor, bv: tf.Tensor) =>
        tf.sum(
          tf.square(
            conv2d(xv as tf.Tensor4D, fv as tf.Tensor4D, bv as tf.Tensor1D, {
              strides: [2, 2],
              padding: 'same',
              activation: 'relu',
            }),
          ),
        );
      return tf.grads(loss)([x, f, b]);
    });
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('rejects mismatched shapes, naming the arguments', () => {
    const { x, f } = inputs(4);
    expect(() => conv2d(x, tf.zeros([3, 3, 2, 5]) as tf.Tensor4D)).toThrow(ShapeError);
    expect(() => conv2d(x, tf.zeros([3, 3, 2, 5]) as tf.Tensor4D)).toThrow(
      "Arguments 'x' and 'filter' passed to 'conv2d' must have shapes [batch, h, w, in] and [kh, kw, in, out], but got [2, 6, 6, 3] and [3, 3, 2, 5].",
    );
    expect(() => conv2d(x, f, tf.zeros([4]) as tf.Tensor1D)).toThrow(
      "Argument 'bias' passed to 'conv2d' must have shape [5], but got [4].",
    );
  });

  it('leaves no tensors behind after a gradient step', () => {
    const { x, f, b } = inputs(5);
    const fv = tf.variable(f);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(conv2d(x, fv, b, { activation: 'relu' })),
      [fv],
    );
    tf.dispose([value, grads]);
    expect(tf.memory().numTensors).toBe(before);
    fv.dispose();
  });
});
