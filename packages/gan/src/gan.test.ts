import { createRng, initBackend, randomNormal, ShapeError, ValueError } from '@gankit/core';
import { Dense, LeakyReLU, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCGAN, dcganDiscriminator, dcganGenerator, GAN, LSGAN } from './index';
import { ringPoints, ringRadiusBeforeAndAfter } from './testing/toys';

beforeAll(async () => {
  await initBackend();
});

/** A small 2D GAN: G 2 → 64 → 64 → 2, D 2 → 64 → 64 → 1. */
function toyGan(seed: number, objective: 'nonSaturating' | 'leastSquares' = 'nonSaturating'): GAN {
  const net = (name: string, input: number, out: number) =>
    new Sequential({
      name,
      inputShape: [input],
      seed: `${seed}:${name}`,
      layers: [
        new Dense({ units: 64 }),
        new LeakyReLU(),
        new Dense({ units: 64 }),
        new LeakyReLU(),
        new Dense({ units: out }),
      ],
    });
  return new GAN({
    generator: net('generator', 2, 2),
    discriminator: net('discriminator', 2, 1),
    learningRate: 1e-3,
    beta1: 0.5,
    objective,
    seed,
  });
}

const flat = (m: Sequential) => m.weights.flatMap((w) => Array.from(w.variable.dataSync()));

describe('GAN', () => {
  it("builds yunjey's MLP by default", () => {
    const gan = new GAN();
    expect(gan.generator.inputShape).toEqual([64]);
    expect(gan.generator.outputShape).toEqual([784]);
    expect(gan.discriminator.outputShape).toEqual([1]);
    expect(gan.generator.countParams()).toBe(64 * 256 + 256 + 256 * 256 + 256 + 256 * 784 + 784);
    gan.dispose();
  });

  it('a train step reports finite figures and leaks no tensor', () => {
    const gan = new GAN({ seed: 1 });
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(2), [16, 784])));
    gan.trainStep(x); // first step creates the optimizers' slots
    const before = tf.memory().numTensors;
    const logs = gan.trainStep(x);
    expect(tf.memory().numTensors).toBe(before);
    for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
    expect(logs.dReal).toBeGreaterThan(0);
    expect(logs.dReal).toBeLessThan(1);
    x.dispose();
    gan.dispose();
  });

  it('the D update leaves G unchanged and the G update leaves D unchanged', () => {
    const gan = toyGan(3);
    const x = ringPoints(32, 4);
    const g0 = flat(gan.generator);
    const d0 = flat(gan.discriminator);
    tf.dispose(Object.values(gan.discriminatorStep(x)));
    expect(flat(gan.generator)).toEqual(g0);
    const d1 = flat(gan.discriminator);
    expect(d1).not.toEqual(d0);
    gan.generatorStep(32).dispose();
    expect(flat(gan.discriminator)).toEqual(d1);
    expect(flat(gan.generator)).not.toEqual(g0);
    x.dispose();
    gan.dispose();
  });

  it("discriminatorLearningRate sets D's Adam rate apart from G's (two time-scale updates)", () => {
    const x = ringPoints(32, 4);
    const steps = (gan: GAN) => {
      for (let i = 0; i < 3; i++) gan.trainStep(x);
      return [flat(gan.generator), flat(gan.discriminator)];
    };
    const net = (name: string, input: number, out: number) =>
      new Sequential({
        name,
        inputShape: [input],
        seed: name,
        layers: [new Dense({ units: 16 }), new LeakyReLU(), new Dense({ units: out })],
      });
    const make = (rates: object) =>
      new GAN({ generator: net('g', 2, 2), discriminator: net('d', 2, 1), seed: 1, ...rates });
    const plain = make({ learningRate: 1e-3 });
    const same = make({ learningRate: 1e-3, discriminatorLearningRate: 1e-3 });
    const frozenD = make({ learningRate: 1e-3, discriminatorLearningRate: 0 });
    const d0 = flat(frozenD.discriminator);
    const g0 = flat(frozenD.generator);
    expect(same.dOptimizer.learningRate).toBe(1e-3);
    expect(frozenD.dOptimizer.learningRate).toBe(0);
    expect(frozenD.gOptimizer.learningRate).toBe(1e-3);
    expect(steps(same)).toEqual(steps(plain)); // the default is G's rate
    const [g, d] = steps(frozenD);
    expect(d).toEqual(d0); // D's rate 0: D never moves
    expect(g).not.toEqual(g0); // while G still learns at its own rate
    expect(() => make({ discriminatorLearningRate: -1e-4 })).toThrow(
      new ValueError(
        "Argument 'discriminatorLearningRate' passed to 'GAN' must be a finite number in [0, Infinity], but got -0.0001.",
      ),
    );
    expect(() => new DCGAN({ discriminatorLearningRate: Number.NaN })).toThrow(
      "Argument 'discriminatorLearningRate' passed to 'DCGAN' must be a finite number",
    );
    tf.dispose(x);
    for (const gan of [plain, same, frozenD]) gan.dispose();
  });

  it('learns the 2D ring: generated points move out to radius 2 within a few hundred steps', () => {
    const gan = toyGan(5);
    const [r0, r1] = ringRadiusBeforeAndAfter(gan, 400);
    expect(r0).toBeLessThan(1);
    expect(Math.abs(r1 - 2)).toBeLessThan(0.4);
    gan.dispose();
  });

  it('generate is deterministic under a seed and rejects bad arguments', () => {
    const gan = new GAN({ seed: 9 });
    const a = gan.generate(3, { seed: 1 });
    const b = gan.generate(3, { seed: 1 });
    const c = gan.generate(3, { seed: 2 });
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(Array.from(a.dataSync())).not.toEqual(Array.from(c.dataSync()));
    tf.dispose([a, b, c]);
    expect(() => gan.generate(0)).toThrow(
      new ValueError("Argument 'n' passed to 'GAN.generate' must be an integer >= 1, but got 0."),
    );
    const wrong = tf.zeros([4, 28, 28, 1]);
    expect(() => gan.trainStep(wrong)).toThrow(
      new ShapeError(
        "Argument 'real' passed to 'GAN.trainStep' must have shape [batch, 784] (the generator's output), but got [4, 28, 28, 1].",
      ),
    );
    wrong.dispose();
    expect(() => new GAN({ objective: 'wgan' as 'hinge' })).toThrow(
      "Argument 'objective' passed to 'GAN' must be one of 'nonSaturating', 'minimax', 'leastSquares', 'hinge', 'wasserstein', but got \"wgan\".",
    );
    expect(() => new GAN({ learningrate: 1 } as object)).toThrow(
      "Unknown option 'learningrate' passed to 'GAN'",
    );
    gan.dispose();
  });

  it('DCGAN and LSGAN build the DCGAN networks', () => {
    const dc = new DCGAN();
    expect(dc.generator.outputShape).toEqual([28, 28, 1]);
    expect(dc.discriminator.outputShape).toEqual([1]);
    expect(dc.latentDim).toBe(100);
    const ls = new LSGAN();
    expect(ls.objective).toBe('leastSquares');
    dc.dispose();
    ls.dispose();
  });

  it('DCGAN and LSGAN put a dense layer of 1024 units after z and before the logit; dense: 0 builds the plain networks', () => {
    const denseKernels = (net: Sequential) =>
      net.weights.filter((w) => /dense_\d+\/kernel$/.test(w.name)).map((w) => w.variable.shape);
    const dc = new DCGAN();
    expect(denseKernels(dc.generator)).toEqual([
      [100, 1024],
      [1024, 7 * 7 * 128],
    ]);
    expect(denseKernels(dc.discriminator)).toEqual([
      [7 * 7 * 128, 1024],
      [1024, 1],
    ]);
    const ls = new LSGAN();
    expect(denseKernels(ls.generator)).toEqual(denseKernels(dc.generator));
    expect(denseKernels(ls.discriminator)).toEqual(denseKernels(dc.discriminator));
    const plain = new DCGAN({ dense: 0 });
    expect(denseKernels(plain.generator)).toEqual([[100, 7 * 7 * 128]]);
    expect(denseKernels(plain.discriminator)).toEqual([[7 * 7 * 128, 1]]);
    // The architecture functions keep the plain shape unless asked (the cGAN and WGAN-GP use them).
    const g = dcganGenerator({ dense: 16 });
    expect(denseKernels(g)).toEqual([
      [100, 16],
      [16, 7 * 7 * 128],
    ]);
    const d = dcganDiscriminator();
    expect(denseKernels(d)).toEqual([[7 * 7 * 128, 1]]);
    expect(() => new DCGAN({ dense: 1.5 })).toThrow(
      "Argument 'dense' passed to 'DCGAN' must be an integer >= 0, but got 1.5.",
    );
    expect(() => dcganDiscriminator({ dense: -1 })).toThrow(
      "Argument 'dense' passed to 'dcganDiscriminator' must be an integer >= 0, but got -1.",
    );
    for (const m of [dc, ls, plain]) m.dispose();
    g.dispose();
    d.dispose();
  });
});
