import { initBackend, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionalGAN,
  DCGAN,
  GAN,
  rejectionCandidates,
  rejectSamples,
  SemiSupervisedGAN,
} from './index';

beforeAll(async () => {
  await initBackend();
});

/** 1000 one-column candidates whose score is their row index mod 5 (0 to 4, 200 rows each). */
function candidates(): tf.Tensor2D {
  return tf.tensor2d(
    Array.from({ length: 1000 }, (_, i) => i % 5),
    [1000, 1],
  );
}
const identity = (z: tf.Tensor2D) => tf.clone(z);
const firstColumn = (x: tf.Tensor) => tf.reshape(x, [-1]);

describe('rejectSamples', () => {
  it('returns the first n candidates, in order, scored at least the ceil(keep · total)-th best', () => {
    const z = candidates();
    // keep 0.8: the 800th best score is 1, so the rows scoring 0 (i mod 5 = 0) are cut off.
    const a = rejectSamples(z, 10, 0.8, identity, firstColumn);
    expect(Array.from(a.dataSync())).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2]);
    // keep 0.5: the 500th best is 2 (400 rows score 3 or 4); ties keep all 600 rows scoring >= 2.
    const b = rejectSamples(z, 5, 0.5, identity, firstColumn);
    expect(Array.from(b.dataSync())).toEqual([2, 3, 4, 2, 3]);
    tf.dispose([z, a, b]);
  });

  it('draws max(1000, n / keep) candidates and refuses fewer', () => {
    expect(rejectionCandidates(1, 0.5)).toBe(1000);
    expect(rejectionCandidates(10000, 0.8)).toBe(12500);
    expect(rejectionCandidates(901, 0.9)).toBe(1002);
    const z = candidates();
    expect(() => rejectSamples(z, 900, 0.8, identity, firstColumn)).toThrow(
      "Argument 'z' passed to 'rejectSamples' must hold at least 1125 rows for n = 900 and keep = 0.8, but got 1000.",
    );
    expect(() => rejectSamples(z, 10, 0, identity, firstColumn)).toThrow(
      "Argument 'keep' passed to 'rejectSamples' must be in (0, 1], but got 0.",
    );
    z.dispose();
  });

  it('refuses NaN scores and scores that are not one per sample, and leaves no tensor behind', () => {
    const z = candidates();
    const before = tf.memory().numTensors;
    const nan = (x: tf.Tensor) => tf.div(firstColumn(x), 0); // 0 / 0 is NaN for the rows i mod 5 = 0
    expect(() => rejectSamples(z, 10, 0.8, identity, nan)).toThrow('scored a sample NaN');
    const two = (x: tf.Tensor) => tf.concat([firstColumn(x), firstColumn(x)]);
    expect(() => rejectSamples(z, 10, 0.8, identity, two)).toThrow(
      "'realness' must give one score per sample (1000), but gave 2000.",
    );
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
  });
});

describe("generate's keep option", () => {
  it("returns the first n of the seed's candidates that D rates in its best `keep` share", () => {
    const gan = new GAN({ seed: 3 });
    const before = tf.memory().numTensors;
    const kept = gan.generate(50, { seed: 9, keep: 0.5 });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(kept.shape).toEqual([50, 784]);
    // The candidates are what plain generate gives for the same seed and 1000 samples.
    const all = gan.generate(1000, { seed: 9 });
    const scores = Array.from(gan.realness(all).dataSync());
    const threshold = scores.slice().sort((p, q) => q - p)[499] as number;
    const rows = scores.flatMap((s, i) => (s >= threshold ? [i] : [])).slice(0, 50);
    const expected = tf.gather(all, rows);
    expect(tf.max(tf.abs(tf.sub(kept, expected))).dataSync()[0]).toBe(0);
    // D rates the kept samples above the candidates on average; the same seed repeats them.
    const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean(Array.from(gan.realness(kept).dataSync()))).toBeGreaterThan(mean(scores));
    const again = gan.generate(50, { seed: 9, keep: 0.5 });
    expect(Array.from(again.dataSync())).toEqual(Array.from(kept.dataSync()));
    tf.dispose([kept, all, expected, again]);
    gan.dispose();
  });

  it('refuses a bad keep, keep with z, keep with a packed D, keep on a ConditionalGAN, labels on a GAN', () => {
    const gan = new GAN({ seed: 1 });
    for (const bad of [0, 1.5, Number.NaN, '0.5']) {
      expect(() => gan.generate(4, { keep: bad as number })).toThrow(ValueError);
    }
    const z = tf.zeros([4, 64]) as tf.Tensor2D;
    expect(() => gan.generate(4, { z, keep: 0.5 })).toThrow(
      "Options 'keep' and 'z' passed to 'GAN.generate' cannot be combined",
    );
    const packed = new GAN({ seed: 1, pack: 2 });
    expect(() => packed.generate(4, { keep: 0.5 })).toThrow(
      "Option 'keep' passed to 'GAN.generate' needs a D that judges one sample at a time, but this model has pack = 2.",
    );
    const cgan = new ConditionalGAN({ seed: 1 });
    expect(() => cgan.generate(4, { keep: 0.5 } as never)).toThrow(ValueError);
    // Nor does a plain GAN take labels (it used to ignore them).
    expect(() => gan.generate(4, { labels: 3 } as never)).toThrow(/labels/);
    // keep 1 is plain generation.
    const plain = gan.generate(4, { seed: 2 });
    const one = gan.generate(4, { seed: 2, keep: 1 });
    expect(Array.from(one.dataSync())).toEqual(Array.from(plain.dataSync()));
    tf.dispose([z, plain, one]);
    for (const model of [gan, packed, cgan]) model.dispose();
  });

  it("scores with a BatchNorm D's batch statistics, in near-equal batches, and leaves D as it was", () => {
    const gan = new DCGAN({ seed: 1, imageShape: [8, 8, 1], width: 8, dense: 16 });
    const x = gan.generate(20, { seed: 1 });
    const D = gan.discriminator;
    const weights = () => D.weights.map((w) => Array.from(w.variable.dataSync()));
    const before = weights();
    const score = Array.from(gan.realness(x).dataSync());
    expect(weights()).toEqual(before); // running statistics untouched
    const evalMode = Array.from(D.predict(x).dataSync());
    expect(score).not.toEqual(evalMode);
    const trainingMode = Array.from(D.apply(x, { training: true }).dataSync()); // moves them
    for (const [i, v] of trainingMode.entries()) expect(score[i]).toBeCloseTo(v, 4);
    // 1001 candidates are scored as 501 + 500, not 1000 + a batch of one.
    const sizes: number[] = [];
    const z = tf.zeros([1001, 1]) as tf.Tensor2D;
    const kept = rejectSamples(z, 10, 0.5, identity, (b) => {
      sizes.push(b.shape[0] as number);
      return firstColumn(b);
    });
    expect(sizes).toEqual([501, 500]);
    tf.dispose([x, z, kept]);
    gan.dispose();
  });

  it("ranks a semi-supervised GAN's samples by log Σ exp of its class logits", () => {
    const sgan = new SemiSupervisedGAN({ seed: 2 });
    const x = sgan.generate(6, { seed: 1 });
    const out = sgan.discriminator.predict(x);
    const logits = out.arraySync() as number[][];
    out.dispose();
    const expected = logits.map((row) => Math.log(row.reduce((s, v) => s + Math.exp(v), 0)));
    const got = Array.from(sgan.realness(x).dataSync());
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, 4);
    x.dispose();
    sgan.dispose();
  });
});
