import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcganDiscriminator, dcganGenerator } from './architectures';
import { DCGAN } from './dcgan';
import { LSGAN } from './lsgan';

describe('DCGAN networks: image shape and width', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('builds other shapes and widths: G makes the image shape, D reads it', () => {
    const g = dcganGenerator({ latentDim: 4, imageShape: [32, 16, 3], width: 6, dense: 0 });
    const d = dcganDiscriminator({ imageShape: [32, 16, 3], width: 6 });
    const before = tf.memory().numTensors;
    const z = tf.zeros([2, 4]);
    const image = g.predict(z);
    expect(image.shape).toEqual([2, 32, 16, 3]);
    const logit = d.predict(image);
    expect(logit.shape).toEqual([2, 1]);
    tf.dispose([z, image, logit]);
    expect(tf.memory().numTensors).toBe(before);
    g.dispose();
    d.dispose();
  });

  it('refuses a width that is not an even integer >= 2, naming the argument and the caller', () => {
    for (const width of [7, 0, -2, 2.5, Number.NaN]) {
      expect(() => new DCGAN({ width })).toThrow(ValueError);
      expect(() => new DCGAN({ width })).toThrow(/Argument 'width' passed to 'DCGAN'/);
    }
    expect(() => new LSGAN({ width: 7 })).toThrow(
      "Argument 'width' passed to 'LSGAN' must be even (D's first convolution has width / 2 channels), but got 7.",
    );
    expect(() => dcganDiscriminator({ width: 0 })).toThrow(
      "Argument 'width' passed to 'dcganDiscriminator' must be an integer >= 2, but got 0.",
    );
  });

  it('refuses an image shape whose height or width is not a multiple of 4, or not of rank 3', () => {
    const message =
      "Argument 'imageShape' passed to 'DCGAN' must be [height, width, channels] of positive integers with height and width multiples of 4, but got [30,28,1].";
    expect(() => new DCGAN({ imageShape: [30, 28, 1] })).toThrow(message);
    expect(() =>
      dcganGenerator({ imageShape: [28, 28] as unknown as [number, number, number] }),
    ).toThrow(/Argument 'imageShape' passed to 'dcganGenerator'/);
    expect(() => dcganGenerator({ imageShape: [28, 28, 0] })).toThrow(ValueError);
  });
});
