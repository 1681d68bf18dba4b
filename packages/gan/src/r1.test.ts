import { createRng, initBackend, randomNormal } from '@gankit/core';
import { r1Penalty } from '@gankit/losses';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionalGAN, DCGAN, GAN } from './index';

beforeAll(async () => {
  await initBackend();
});

const flat = (gan: GAN) =>
  gan.discriminator.weights.flatMap((w) => Array.from(w.variable.dataSync()));

/** The R1 term of `gan`'s D on `x` now, with D in training mode as in the D step. */
const penaltyAt = (gan: GAN, x: tf.Tensor, gamma: number) =>
  tf.tidy(() => r1Penalty((t) => gan.discriminator.apply(t), x, { gamma }).dataSync())[0] as number;

/**
 * Steps `plain` and `regularised` (same seed, so the same weights and z; `regularised` has
 * `r1: gamma`) once on `x`: their losses must differ by the R1 term at the weights before the
 * update, within `digits`, and D must move differently. The term must be at least 20 times
 * that tolerance (`0.5 * 10^-digits`), so that a wrong one cannot pass as close. A second step of
 * `regularised` (Adam's state exists by then) must leave no tensor behind and log finite numbers.
 */
function expectPenaltyInStep(
  plain: GAN,
  regularised: GAN,
  x: tf.Tensor,
  gamma: number,
  digits: number,
) {
  const penalty = penaltyAt(plain, x, gamma);
  expect(penalty).toBeGreaterThan(10 * 10 ** -digits);
  const a = plain.trainStep(x);
  const b = regularised.trainStep(x);
  expect(b.dReal).toBeCloseTo(a.dReal, 5);
  expect(b.dLoss - a.dLoss).toBeCloseTo(penalty, digits);
  const after = flat(regularised);
  const moved = flat(plain).map((v, i) => Math.abs(v - (after[i] as number)));
  expect(moved.some((d) => d > 1e-6)).toBe(true);
  const before = tf.memory().numTensors;
  const logs = regularised.trainStep(x);
  expect(tf.memory().numTensors).toBe(before);
  for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
}

describe('the r1 option of GAN', () => {
  it("adds (gamma / 2) E|grad D(x)|^2 on the real batch to D's loss, and changes D's update", () => {
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(2), [8, 784])));
    const plain = new GAN({ seed: 3 });
    const regularised = new GAN({ seed: 3, r1: 4 });
    expect(regularised.r1).toBe(4);
    expect(plain.r1).toBe(0);
    expectPenaltyInStep(plain, regularised, x, 4, 4);
    tf.dispose(x);
    plain.dispose();
    regularised.dispose();
  });

  it('penalises the packed real batch of a PacGAN without leaking the packed copy', () => {
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(5), [8, 784])));
    const plain = new GAN({ seed: 6, pack: 2 });
    const regularised = new GAN({ seed: 6, pack: 2, r1: 2 });
    const packed = tf.reshape(x, [4, 1568]);
    const penalty = penaltyAt(plain, packed, 2);
    const a = plain.trainStep(x);
    const b = regularised.trainStep(x);
    expect(b.dLoss - a.dLoss).toBeCloseTo(penalty, 4);
    const before = tf.memory().numTensors;
    const d = regularised.discriminatorStep(x); // outside trainStep's tidy
    tf.dispose([d.loss, d.real, d.fake]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, packed]);
    plain.dispose();
    regularised.dispose();
  });

  it("penalises a DCGAN's BatchNorm D, with the real batch normalised by its own statistics", () => {
    const net = { imageShape: [8, 8, 1] as [number, number, number], width: 4, dense: 8 };
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(7), [8, 8, 8, 1])));
    const plain = new DCGAN({ ...net, seed: 8 });
    const regularised = new DCGAN({ ...net, seed: 8, r1: 30 });
    // The penalty's pass (training mode) normalises x by the batch's own statistics.
    expectPenaltyInStep(plain, regularised, x, 30, 5);
    tf.dispose(x);
    plain.dispose();
    regularised.dispose();
  });

  it('rejects a bad weight, and the models whose D steps do not apply it', () => {
    expect(() => new GAN({ r1: -1 })).toThrow(
      "Argument 'r1' passed to 'GAN' must be a finite number in [0, Infinity], but got -1.",
    );
    expect(() => new DCGAN({ r1: Number.NaN })).toThrow(/Argument 'r1' passed to 'DCGAN'/);
    expect(() => new ConditionalGAN({ r1: 1 } as never)).toThrow(/Unknown option 'r1'/);
  });
});
