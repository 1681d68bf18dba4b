import { createRng, initBackend, randomNormal, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense, Sequential } from '../index';
import { maxRelativeError } from '../test_util';

beforeAll(async () => {
  await initBackend();
});

describe('Dense with weightNorm', () => {
  it('computes x · (scale * v / ‖v‖) + bias, starting with unit-length columns', () => {
    const model = new Sequential({
      inputShape: [5],
      seed: 3,
      layers: [
        new Dense({
          units: 3,
          weightNorm: true,
          biasInitializer: { normal: { mean: 0.5, std: 0 } },
        }),
      ],
    });
    const names = model.weights.map((w) => w.name);
    expect(names).toEqual(['dense_0/kernel', 'dense_0/bias', 'dense_0/scale']);
    const [kernel, , scale] = model.weights.map((w) => w.variable);
    scale?.assign(tf.tensor1d([1, 2, 0.5]));
    const x = randomNormal(createRng(4), [4, 5]);
    const expected = tf.tidy(() => {
      const v = kernel as tf.Tensor2D;
      const unit = tf.div(v, tf.sqrt(tf.sum(tf.square(v), 0)));
      return tf.add(tf.matMul(x, tf.mul(unit, scale as tf.Tensor)), 0.5);
    });
    const out = model.apply(x);
    expect(maxRelativeError(out.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, expected, out]);
    model.dispose();
  });

  it('leaks no tensors in a forward pass', () => {
    const model = new Sequential({
      inputShape: [5],
      layers: [new Dense({ units: 3, activation: 'relu', weightNorm: true })],
    });
    const x = tf.ones([2, 5]);
    const before = tf.memory().numTensors;
    model.apply(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('rejects a weightNorm that is not a boolean, naming it', () => {
    expect(() => new Dense({ units: 3, weightNorm: 1 as never })).toThrow(ValueError);
    expect(() => new Dense({ units: 3, weightNorm: 'yes' as never })).toThrow(
      /'weightNorm' passed to 'Dense' must be a boolean/,
    );
    expect(() => new Dense({ units: 3, weightNorm: true, kernelInitializer: 'zeros' })).toThrow(
      /'kernelInitializer' passed to 'Dense' cannot be 'zeros' with weightNorm/,
    );
  });
});
