import { createRng, initBackend, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionalGAN } from './index';
import { randomRows, tinyGenerator, tinyNet, twoClusters, weightValues } from './testing/toys';

beforeAll(async () => {
  await initBackend();
});

/** A conditional GAN on 2D points with 2 classes: G (4 + 2) → 16 → 2, D (2 + 2) → 16 → 1. */
function toyConditional(seed: number): ConditionalGAN {
  return new ConditionalGAN({
    generator: tinyGenerator(6, seed, 32),
    discriminator: tinyNet('discriminator', 4, 1, seed, 32),
    numClasses: 2,
    learningRate: 5e-3,
    seed,
  });
}

describe('ConditionalGAN', () => {
  it('appends the one-hot label to z and to the flattened sample by default', () => {
    const cgan = new ConditionalGAN({ seed: 1 });
    expect(cgan.latentDim).toBe(64);
    expect(cgan.generator.inputShape).toEqual([74]);
    expect(cgan.discriminator.inputShape).toEqual([794]);
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const y = tf.oneHot(tf.tensor1d([1, 0], 'int32'), 10);
    const small = toyConditional(1);
    const joined = small.conditionedSample(x, tf.oneHot(tf.tensor1d([1, 0], 'int32'), 2));
    expect(Array.from(joined.dataSync())).toEqual([1, 2, 0, 1, 3, 4, 1, 0]);
    tf.dispose([x, y, joined]);
    small.dispose();
    cgan.dispose();
  });

  it('with DCGAN networks, gives D the label as constant channels', () => {
    const cgan = new ConditionalGAN({ architecture: 'dcgan', numClasses: 3, seed: 1 });
    expect(cgan.latentDim).toBe(100);
    expect(cgan.generator.inputShape).toEqual([103]);
    expect(cgan.discriminator.inputShape).toEqual([28, 28, 4]);
    const x = tf.fill([1, 28, 28, 1], 0.5);
    const joined = cgan.conditionedSample(x, tf.tensor2d([[0, 0, 1]]));
    expect(joined.shape).toEqual([1, 28, 28, 4]);
    const pixel = Array.from(tf.slice(joined, [0, 13, 20, 0], [1, 1, 1, 4]).dataSync());
    expect(pixel).toEqual([0.5, 0, 0, 1]);
    const samples = cgan.generate(2, { seed: 1, labels: [0, 2] });
    expect(samples.shape).toEqual([2, 28, 28, 1]);
    tf.dispose([x, joined, samples]);
    cgan.dispose();
  });

  it('learns to draw the asked class on two 2D clusters', () => {
    const cgan = toyConditional(3);
    const { x, y } = twoClusters(512, 4);
    const rng = createRng(5);
    for (let step = 0; step < 100; step++) {
      const { batch, idx } = randomRows(x, 64, rng);
      const labels = tf.tensor1d(
        Int32Array.from(idx, (i) => y[i] as number),
        'int32',
      );
      cgan.trainStep(batch, labels);
      tf.dispose([batch, labels]);
    }
    const meanX = (label: number) =>
      tf.tidy(() => {
        const s = cgan.generate(200, { seed: 6, labels: label });
        return tf.mean(tf.slice(s, [0, 0], [200, 1])).dataSync()[0] as number;
      });
    expect(meanX(0)).toBeLessThan(-1.5);
    expect(meanX(1)).toBeGreaterThan(1.5);
    x.dispose();
    cgan.dispose();
  });

  it('a step changes G, reports finite figures and leaks nothing', () => {
    const cgan = toyConditional(7);
    const { x, y } = twoClusters(32, 8);
    const labels = tf.tensor1d(y, 'int32');
    cgan.trainStep(x, labels);
    const before = tf.memory().numTensors;
    const g0 = weightValues(cgan.generator);
    const logs = cgan.trainStep(x, labels);
    expect(tf.memory().numTensors).toBe(before);
    expect(weightValues(cgan.generator)).not.toEqual(g0);
    for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
    tf.dispose([x, labels]);
    cgan.dispose();
  });

  it('generates deterministically per seed and labels, and rejects bad labels', () => {
    const cgan = toyConditional(9);
    const a = cgan.generate(4, { seed: 1, labels: [0, 1, 1, 0] });
    const b = cgan.generate(4, { seed: 1, labels: [0, 1, 1, 0] });
    const c = cgan.generate(4, { seed: 1, labels: 1 });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([a, b, c]);
    expect(() => cgan.generate(2, { labels: [0] })).toThrow(
      new ShapeError(
        "Argument 'labels' passed to 'ConditionalGAN.generate' has 1 entries but n is 2.",
      ),
    );
    expect(() => cgan.generate(2, { labels: [0, 2] })).toThrow(
      new ValueError(
        "Argument 'labels' passed to 'ConditionalGAN.generate' must hold integer classes in [0, 2), but entry 1 is 2.",
      ),
    );
    const x = tf.zeros([2, 2]);
    expect(() => cgan.trainStep(x)).toThrow(
      "Argument 'labels' passed to 'ConditionalGAN.trainStep' is required",
    );
    const floats = tf.tensor1d([0, 1]);
    expect(() => cgan.trainStep(x, floats)).toThrow(
      new ShapeError(
        "Argument 'labels' passed to 'ConditionalGAN.trainStep' must be an int32 tensor of shape [2], but got float32 [2].",
      ),
    );
    const outOfRange = tf.tensor1d([0, 5], 'int32');
    expect(() => cgan.trainStep(x, outOfRange)).toThrow(
      'must hold classes in [0, 2), but entry 1 is 5.',
    );
    expect(
      () =>
        new ConditionalGAN({
          generator: tinyGenerator(6, 1),
          discriminator: tinyNet('discriminator', 2, 1, 1),
          numClasses: 2,
        }),
    ).toThrow(ShapeError);
    tf.dispose([x, floats, outOfRange]);
    cgan.dispose();
  });
});
