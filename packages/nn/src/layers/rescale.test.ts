import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense, Rescale, Sequential } from '../index';

beforeAll(async () => {
  await initBackend();
});

describe('Rescale', () => {
  it('computes x * scale + offset in both modes, with no weights', () => {
    const model = new Sequential({
      inputShape: [3],
      layers: [new Rescale({ scale: 0.5, offset: 0.5 })],
    });
    const x = tf.tensor2d([[-1, 0, 1]]);
    for (const training of [true, false]) {
      const out = model.apply(x, { training });
      expect(Array.from(out.dataSync())).toEqual([0, 0.5, 1]);
      out.dispose();
    }
    expect(model.weights).toHaveLength(0);
    expect(model.outputShape).toEqual([3]);
    x.dispose();
    model.dispose();
  });

  it('passes gradients through scaled', () => {
    const layer = new Sequential({
      inputShape: [2],
      layers: [new Rescale({ scale: 2, offset: -1 })],
    });
    const x = tf.tensor2d([[0.25, 0.75]]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v)))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 2]);
    tf.dispose([x, g]);
  });

  it('leaves no tensors behind', () => {
    const model = new Sequential({
      inputShape: [2],
      layers: [new Rescale({ scale: 3 }), new Dense({ units: 1 })],
    });
    const x = tf.ones([4, 2]);
    const before = tf.memory().numTensors;
    model.apply(x).dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('rejects a scale or offset that is not a finite number, and unknown options, naming them', () => {
    expect(() => new Rescale({ scale: Number.NaN })).toThrow(ValueError);
    expect(() => new Rescale({ scale: Number.NaN })).toThrow(/'scale' passed to 'Rescale'/);
    expect(() => new Rescale({ scale: 1, offset: Number.POSITIVE_INFINITY })).toThrow(
      /'offset' passed to 'Rescale'/,
    );
    expect(() => new Rescale({ scale: 1, shift: 2 } as never)).toThrow(/shift/);
  });
});
