import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  binaryCrossEntropyFromLogits,
  featureMatchingLoss,
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
  minimaxDiscriminatorLoss,
  minimaxGeneratorLoss,
  nonSaturatingGeneratorLoss,
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
} from './index';
import { autodiff, expectAllClose, finiteDifference, scalar, softplusRef } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

const sp = softplusRef;

describe('minimax and non-saturating losses', () => {
  const real = [2, -1];
  const fake = [0, 3];

  it('D loss = mean softplus(-real) + mean softplus(fake) = BCE(real, 1) + BCE(fake, 0)', () => {
    const expected = (sp(-2) + sp(1)) / 2 + (sp(0) + sp(3)) / 2;
    expect(scalar(minimaxDiscriminatorLoss(real, fake))).toBeCloseTo(expected, 5);
    const viaBce =
      scalar(binaryCrossEntropyFromLogits(real, [1, 1])) +
      scalar(binaryCrossEntropyFromLogits(fake, [0, 0]));
    expect(viaBce).toBeCloseTo(expected, 5);
    // Batches of different sizes, [n, 1] shaped.
    const r = tf.tensor2d([2, -1, 0.5], [3, 1]);
    const f = tf.tensor2d([1], [1, 1]);
    expect(scalar(minimaxDiscriminatorLoss(r, f))).toBeCloseTo(
      (sp(-2) + sp(1) + sp(-0.5)) / 3 + sp(1),
      5,
    );
    tf.dispose([r, f]);
  });

  it('G losses: minimax E log(1 - D) = -mean softplus(fake); non-saturating -E log D = mean softplus(-fake)', () => {
    // log(1 - sigmoid(x)) = -softplus(x): -(log 2 + log(1 + e^3)) / 2
    expect(scalar(minimaxGeneratorLoss(fake))).toBeCloseTo(
      -(Math.log(2) + Math.log(1 + Math.exp(3))) / 2,
      5,
    );
    // -log sigmoid(x) = softplus(-x): (log 2 + log(1 + e^-3)) / 2
    expect(scalar(nonSaturatingGeneratorLoss(fake))).toBeCloseTo(
      (Math.log(2) + Math.log(1 + Math.exp(-3))) / 2,
      6,
    );
  });

  it('the minimax G gradient saturates when D rejects the fakes; the non-saturating one does not', () => {
    const rejected = [-1e4, -100];
    // d/dx [-softplus(x)] / 2 = -sigmoid(x) / 2 -> 0; d/dx softplus(-x) / 2 = -sigmoid(-x) / 2 -> -0.5
    expectAllClose(
      autodiff((x) => minimaxGeneratorLoss(x), rejected, [2]),
      [0, 0],
      1e-9,
    );
    expectAllClose(
      autodiff((x) => nonSaturatingGeneratorLoss(x), rejected, [2]),
      [-0.5, -0.5],
      1e-7,
    );
  });

  it('stays finite for logits of +-1e4 in value and gradient', () => {
    const extreme = [1e4, -1e4];
    // softplus(-1e4) + softplus(1e4) = 1e4 over the real pair; same for the fake pair
    expect(scalar(minimaxDiscriminatorLoss(extreme, extreme))).toBeCloseTo(1e4, 1);
    const fakeT = tf.tensor1d(extreme);
    const g = autodiff((r) => minimaxDiscriminatorLoss(r, fakeT), extreme, [2]);
    // d/dr mean softplus(-r) = -sigmoid(-r) / 2 = [0, -0.5]
    expectAllClose(g, [0, -0.5], 1e-7);
    fakeT.dispose();
  });

  it('rejects mismatched discriminator outputs', () => {
    expect(() => minimaxDiscriminatorLoss(tf.zeros([4, 1]), tf.zeros([4]))).toThrow(
      "Arguments 'realLogits' and 'fakeLogits' passed to 'minimaxDiscriminatorLoss' must agree on every dimension but the first, but got [4, 1] and [4].",
    );
    expect(() => nonSaturatingGeneratorLoss([])).toThrow(
      "Argument 'fakeLogits' passed to 'nonSaturatingGeneratorLoss' must be a non-empty batch (rank >= 1), but got shape [0].",
    );
  });
});

describe('least squares (Mao et al.)', () => {
  const real = [1, 0.5];
  const fake = [0.5, -1];

  it('0-1 coding (a = 0, b = 1, c = 1) by default', () => {
    // 1/2 mean((r - 1)^2) = 1/2 (0 + 0.25)/2 = 0.0625; 1/2 mean(f^2) = 1/2 (0.25 + 1)/2 = 0.3125
    expect(scalar(leastSquaresDiscriminatorLoss(real, fake))).toBeCloseTo(0.375, 6);
    // 1/2 mean((f - 1)^2) = 1/2 (0.25 + 4)/2 = 1.0625
    expect(scalar(leastSquaresGeneratorLoss(fake))).toBeCloseTo(1.0625, 6);
    expect(scalar(leastSquaresGeneratorLoss(fake, { coding: 'binary' }))).toBeCloseTo(1.0625, 6);
  });

  it("Pearson coding (a = -1, b = 1, c = 0) with { coding: 'pearson' }", () => {
    // 0.0625 + 1/2 mean((f + 1)^2) = 0.0625 + 1/2 (2.25 + 0)/2 = 0.625
    expect(scalar(leastSquaresDiscriminatorLoss(real, fake, { coding: 'pearson' }))).toBeCloseTo(
      0.625,
      6,
    );
    // 1/2 mean(f^2) = 0.3125
    expect(scalar(leastSquaresGeneratorLoss(fake, { coding: 'pearson' }))).toBeCloseTo(0.3125, 6);
  });

  it('has gradient (f - c)/m for G', () => {
    expectAllClose(
      autodiff((f) => leastSquaresGeneratorLoss(f), fake, [2]),
      [-0.25, -1],
    );
  });

  it('rejects an unknown coding or option', () => {
    expect(() => leastSquaresGeneratorLoss(fake, { coding: 'chi2' as 'binary' })).toThrow(
      "Argument 'coding' passed to 'leastSquaresGeneratorLoss' must be one of 'binary', 'pearson', but got \"chi2\".",
    );
    expect(() => leastSquaresDiscriminatorLoss(real, fake, { a: -1 } as object)).toThrow(
      "Unknown option 'a' passed to 'leastSquaresDiscriminatorLoss'; expected one of: coding.",
    );
  });
});

describe('Wasserstein and hinge', () => {
  it('Wasserstein: critic mean(fake) - mean(real), generator -mean(fake)', () => {
    // mean fake = 1, mean real = 2
    expect(scalar(wassersteinCriticLoss([1, 2, 3], [0.5, 1.5]))).toBeCloseTo(-1, 6);
    expect(scalar(wassersteinGeneratorLoss([0.5, 1.5]))).toBeCloseTo(-1, 6);
    // Linear in the scores: finite for any value.
    expect(scalar(wassersteinCriticLoss([1e4], [-1e4]))).toBe(-2e4);
  });

  it('hinge: mean relu(1 - real) + mean relu(1 + fake); generator -mean(fake)', () => {
    // relu(1 - [2, 0.5, -1]) = [0, 0.5, 2]; relu(1 + [-2, 0, 0.5]) = [0, 1, 1.5]
    expect(scalar(hingeDiscriminatorLoss([2, 0.5, -1], [-2, 0, 0.5]))).toBeCloseTo(
      2.5 / 3 + 2.5 / 3,
      6,
    );
    expect(scalar(hingeGeneratorLoss([-2, 0, 0.5]))).toBeCloseTo(0.5, 6);
    // Only margin violators get gradient: d/dr = -1/3 where r < 1.
    const fakeT = tf.tensor1d([-2, 0, 0.5]);
    expectAllClose(
      autodiff((r) => hingeDiscriminatorLoss(r, fakeT), [2, 0.5, -1], [3]),
      [0, -1 / 3, -1 / 3],
    );
    fakeT.dispose();
  });
});

describe('featureMatchingLoss', () => {
  it('is the squared distance between batch means', () => {
    // mean real = [2, 3], mean fake = [1, 1]: 1^2 + 2^2 = 5
    const real = [
      [1, 2],
      [3, 4],
    ];
    const fake = [
      [0, 0],
      [2, 2],
      [1, 1],
    ];
    expect(scalar(featureMatchingLoss(real, fake))).toBeCloseTo(5, 6);
    // d/d fake_ij = -2 (meanReal_j - meanFake_j) / m = [-2/3, -4/3] on every row
    const realT = tf.tensor2d(real);
    const f = (x: tf.Tensor) => featureMatchingLoss(realT, x);
    const flat = fake.flat();
    const g = autodiff(f, flat, [3, 2]);
    expectAllClose(g, [-2 / 3, -4 / 3, -2 / 3, -4 / 3, -2 / 3, -4 / 3], 1e-6);
    expectAllClose(g, finiteDifference(f, flat, [3, 2]), 2e-3);
    realT.dispose();
    expect(() => featureMatchingLoss(real, [[1, 2, 3]])).toThrow(
      "Arguments 'realFeatures' and 'fakeFeatures' passed to 'featureMatchingLoss' must agree on every dimension but the first, but got [2, 2] and [1, 3].",
    );
  });
});

describe('every GAN loss', () => {
  it('gives finite values and gradients for outputs of +-100 and +-1e4', () => {
    const extreme = [1e4, -1e4, 100, -100];
    const pairs: [string, (r: tf.Tensor, f: tf.Tensor) => tf.Tensor][] = [
      ['minimaxDiscriminatorLoss', minimaxDiscriminatorLoss],
      [
        'leastSquaresDiscriminatorLoss',
        (r, f) => leastSquaresDiscriminatorLoss(r, f, { coding: 'pearson' }),
      ],
      ['wassersteinCriticLoss', wassersteinCriticLoss],
      ['hingeDiscriminatorLoss', hingeDiscriminatorLoss],
      ['featureMatchingLoss', featureMatchingLoss],
      ['minimaxGeneratorLoss', (_r, f) => minimaxGeneratorLoss(f)],
      ['nonSaturatingGeneratorLoss', (_r, f) => nonSaturatingGeneratorLoss(f)],
      ['leastSquaresGeneratorLoss', (_r, f) => leastSquaresGeneratorLoss(f)],
      ['wassersteinGeneratorLoss', (_r, f) => wassersteinGeneratorLoss(f)],
      ['hingeGeneratorLoss', (_r, f) => hingeGeneratorLoss(f)],
    ];
    for (const [name, loss] of pairs) {
      const r = tf.tensor2d(extreme, [4, 1]);
      const f = tf.tensor2d(
        extreme.map((v) => -v),
        [4, 1],
      );
      const value = tf.tidy(() => loss(r, f).dataSync()[0] as number);
      const usesReal = !name.includes('Generator');
      const grads = tf.tidy(() => {
        const wrtFake = tf.grad((b: tf.Tensor) => loss(r, b))(f);
        const wrtReal = usesReal ? tf.grad((a: tf.Tensor) => loss(a, f))(r) : tf.zeros([1]);
        return [...wrtFake.dataSync(), ...wrtReal.dataSync()];
      });
      expect(Number.isFinite(value), `${name} value ${value}`).toBe(true);
      for (const g of grads) expect(Number.isFinite(g), `${name} gradient ${g}`).toBe(true);
      tf.dispose([r, f]);
    }
  });

  it('leaks no tensors, also under tf.grad', async () => {
    const r = tf.tensor2d([1, -2, 3], [3, 1]);
    const f = tf.tensor2d([0.5, 4], [2, 1]);
    await assertNoLeaks(() => {
      const losses = [
        minimaxDiscriminatorLoss(r, f),
        minimaxGeneratorLoss(f),
        nonSaturatingGeneratorLoss(f),
        leastSquaresDiscriminatorLoss(r, f, { coding: 'pearson' }),
        leastSquaresGeneratorLoss(f),
        wassersteinCriticLoss(r, f),
        wassersteinGeneratorLoss(f),
        hingeDiscriminatorLoss(r, f),
        hingeGeneratorLoss(f),
        featureMatchingLoss(r, f),
      ];
      tf.dispose(losses);
      tf.grad((x: tf.Tensor) => tf.add(minimaxDiscriminatorLoss(r, x), hingeGeneratorLoss(x)))(
        f,
      ).dispose();
    });
    tf.dispose([r, f]);
  });
});
