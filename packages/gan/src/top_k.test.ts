import { createRng, initBackend, randomNormal, ShapeError, ValueError } from '@gankit/core';
import { nonSaturatingGeneratorLoss } from '@gankit/losses';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionalGAN, DCGAN, GAN, highestOutputs, LSGAN } from './index';

beforeAll(async () => {
  await initBackend();
});

describe('highestOutputs', () => {
  it('keeps the rows D rates highest, best first, ties in row order', () => {
    const out = tf.tensor2d([[0.5], [-2], [3], [0.5], [1]]);
    const kept = highestOutputs(out, 0.6);
    expect(kept.shape).toEqual([3, 1]);
    expect(Array.from(kept.dataSync())).toEqual([3, 1, 0.5]);
    const flat = tf.tensor1d([4, -1, 2, 7]);
    expect(Array.from(highestOutputs(flat, 0.5).dataSync())).toEqual([7, 4]);
    // k = round(fraction · n), at least 1.
    expect(highestOutputs(flat, 0.01).shape).toEqual([1]);
    expect(highestOutputs(flat, 0.62).shape).toEqual([2]);
    expect(highestOutputs(flat, 1)).toBe(flat);
    tf.dispose([out, kept, flat]);
  });

  it('lets the gradient through the kept rows only', () => {
    const x = tf.tensor2d([[0.1], [2], [-1], [0.7]]);
    const before = tf.memory().numTensors;
    const grad = tf.grad((t) => tf.sum(tf.mul(highestOutputs(t, 0.5), tf.tensor2d([[2], [3]]))))(x);
    expect(Array.from(grad.dataSync())).toEqual([0, 2, 0, 3]);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('refuses a fraction outside (0, 1] and outputs that are not one per sample', () => {
    const out = tf.zeros([4, 1]);
    for (const bad of [0, -0.5, 1.5, Number.NaN, '0.5']) {
      expect(() => highestOutputs(out, bad as number)).toThrow(ValueError);
    }
    expect(() => highestOutputs(out, 0)).toThrow(
      "Argument 'fraction' passed to 'highestOutputs' must be in (0, 1], but got 0.",
    );
    const two = tf.zeros([4, 2]);
    expect(() => highestOutputs(two, 0.5)).toThrow(ShapeError);
    expect(() => highestOutputs(two, 0.5)).toThrow('must have shape [n] or [n, 1]');
    tf.dispose([out, two]);
  });
});

describe('the generatorTopK option', () => {
  it("makes G's loss the mean over the half of the fake batch D rates most real", () => {
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(5), [8, 784])));
    const all = new GAN({ seed: 4 });
    const half = new GAN({ seed: 4, generatorTopK: 0.5 });
    expect(half.generatorTopK).toBe(0.5);
    expect(all.generatorTopK).toBe(1);
    // The same seed gives the same D step; then `all`'s next z is the z of `half`'s G step.
    tf.dispose([all.discriminatorStep(x), half.discriminatorStep(x)].flatMap(Object.values));
    const z = (all as unknown as { sampleLatent(n: number): tf.Tensor2D }).sampleLatent(8);
    const [expected, everyone] = tf.tidy(() => {
      const logits = tf.reshape(all.discriminator.apply(all.generator.apply(z)), [8]);
      const best = tf.topk(logits, 4).values;
      return [nonSaturatingGeneratorLoss(best), nonSaturatingGeneratorLoss(logits)].map(
        (t) => t.dataSync()[0] as number,
      );
    });
    const loss = half.generatorStep(8);
    expect(loss.dataSync()[0]).toBeCloseTo(expected as number, 5);
    // Not the loss over the whole batch, by more than the tolerance.
    expect(Math.abs((expected as number) - (everyone as number))).toBeGreaterThan(1e-3);
    tf.dispose([loss, z]);
    const before = tf.memory().numTensors;
    const logs = half.trainStep(x);
    expect(tf.memory().numTensors).toBe(before);
    for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
    tf.dispose(x);
    all.dispose();
    half.dispose();
  });

  it('is checked by GAN, DCGAN and LSGAN and refused by models without it', () => {
    for (const make of [
      (k: number) => new GAN({ generatorTopK: k }),
      (k: number) => new DCGAN({ generatorTopK: k }),
      (k: number) => new LSGAN({ generatorTopK: k }),
    ]) {
      expect(() => make(0)).toThrow(ValueError);
      expect(() => make(2)).toThrow("Argument 'generatorTopK'");
    }
    expect(() => new DCGAN({ generatorTopK: 0 })).toThrow("passed to 'DCGAN'");
    expect(
      () =>
        new ConditionalGAN({ generatorTopK: 0.5 } as ConstructorParameters<
          typeof ConditionalGAN
        >[0]),
    ).toThrow(ValueError);
  });
});
