import { createRng, initBackend, randomNormal, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionalGAN, DCGAN, GAN, packSamples } from './index';
import { ringRadiusBeforeAndAfter, tinyGenerator, tinyNet } from './testing/toys';

beforeAll(async () => {
  await initBackend();
});

describe('packSamples', () => {
  it('puts each group of flat samples side by side', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const packed = packSamples(x, 2);
    expect(packed.shape).toEqual([2, 4]);
    expect(Array.from(packed.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    tf.dispose([x, packed]);
  });

  it('stacks images of a group along the channels, pixel by pixel', () => {
    // Two 1x2 images with 1 channel: a = [1, 2], b = [3, 4] -> one 1x2 image with channels [a, b].
    const x = tf.tensor4d([1, 2, 3, 4], [2, 1, 2, 1]);
    const packed = packSamples(x, 2);
    expect(packed.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(packed.dataSync())).toEqual([1, 3, 2, 4]);
    tf.dispose([x, packed]);
  });

  it('rejects a batch that is not a multiple of pack, and a bad pack', () => {
    const x = tf.zeros([3, 2]);
    expect(() => packSamples(x, 2)).toThrow(ShapeError);
    expect(() => packSamples(x, 2)).toThrow(/multiple of pack = 2/);
    expect(() => packSamples(x, 0)).toThrow(ValueError);
    x.dispose();
  });
});

describe('PacGAN (the pack option)', () => {
  it('builds a default D that takes pack samples at once', () => {
    const gan = new GAN({ pack: 3 });
    expect(gan.discriminator.inputShape).toEqual([3 * 784]);
    const dcgan = new DCGAN({ pack: 2 });
    expect(dcgan.discriminator.inputShape).toEqual([28, 28, 2]);
    gan.dispose();
    dcgan.dispose();
  });

  it('trains without leaks, reports finite figures, and rejects batches not a multiple of pack', () => {
    const gan = new GAN({ pack: 2, seed: 1 });
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(2), [16, 784])));
    gan.trainStep(x);
    const before = tf.memory().numTensors;
    const logs = gan.trainStep(x);
    expect(tf.memory().numTensors).toBe(before);
    for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
    const odd = tf.zeros([15, 784]);
    expect(() => gan.trainStep(odd)).toThrow(/multiple of pack = 2 samples, but got 15/);
    tf.dispose([x, odd]);
    gan.dispose();
  });

  it('names the packed shape when a given D does not take it', () => {
    const plain = new GAN({ seed: 0 });
    expect(
      () => new GAN({ generator: plain.generator, discriminator: plain.discriminator, pack: 2 }),
    ).toThrow(/\[1568\] \(2 samples packed along the last axis\)/);
    plain.dispose();
  });

  it('the conditional GAN rejects pack (its steps do not pack)', () => {
    expect(() => new ConditionalGAN({ pack: 2 } as never)).toThrow(/pack/);
  });

  it('learns the 2D ring with D judging 4 points at once', () => {
    const gan = new GAN({
      generator: tinyGenerator(2, 5, 64),
      discriminator: tinyNet('discriminator', 8, 1, 5, 64),
      pack: 4,
      learningRate: 1e-3,
      beta1: 0.5,
      seed: 5,
    });
    const [r0, r1] = ringRadiusBeforeAndAfter(gan, 700);
    expect(r0).toBeLessThan(1);
    expect(Math.abs(r1 - 2)).toBeLessThan(0.4);
    gan.dispose();
  });
});
