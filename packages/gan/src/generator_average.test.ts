import { initBackend } from '@gankit/core';
import { updateBatchNormStatistics } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH_NORM_SAMPLES, ConditionalGAN, DCGAN, dcganGenerator, GAN } from './index';
import { ringPoints, tinyGenerator, tinyNet, weightValues } from './testing/toys';

beforeAll(async () => {
  await initBackend();
});

/** A 2D GAN on tiny networks; `decay` turns on the average of G's weights. */
function toyGan(seed: number, decay?: number): GAN {
  return new GAN({
    seed,
    generator: tinyGenerator(2, seed),
    discriminator: tinyNet('discriminator', 2, 1, seed),
    learningRate: 0.01,
    ...(decay === undefined ? {} : { generatorAverageDecay: decay }),
  });
}

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const maxAbsDifference = (a: number[], b: number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

describe('the generatorAverageDecay option of GAN', () => {
  it('generates from the bias-corrected running average of G and trains as without it', () => {
    const decay = 0.5;
    const x = ringPoints(32, 1);
    const averaged = toyGan(2, decay);
    const plain = toyGan(2);
    // Weights after each of two steps: the average is (decay * w1 + w2) / (1 + decay).
    const seen: number[][][] = [];
    for (let i = 0; i < 2; i++) {
      const a = averaged.trainStep(x);
      const b = plain.trainStep(x);
      expect(a).toEqual(b);
      seen.push(averaged.generator.trainableVariables.map(values));
    }
    expect(weightValues(averaged.generator)).toEqual(weightValues(plain.generator));
    expect(averaged.generatorAverage?.updates).toBe(2);

    const z = averaged.latent(16, 3);
    const fromAverage = averaged.generate(16, { z });
    const trained = averaged.generator.predict(z);
    // By hand: a copy of G holding the averaged weights.
    const copy = tinyGenerator(2, 2);
    copy.trainableVariables.forEach((v, i) => {
      const [w1, w2] = [seen[0]?.[i], seen[1]?.[i]] as [number[], number[]];
      const mean = w1.map((a, j) => (decay * a + (w2[j] as number)) / (1 + decay));
      v.assign(tf.tensor(mean, v.shape));
    });
    const byHand = copy.predict(z);
    values(fromAverage).forEach((v, i) => {
      expect(v).toBeCloseTo(values(byHand)[i] as number, 5);
    });
    expect(values(trained)).not.toEqual(values(fromAverage));
    expect(values(plain.generate(16, { z }))).toEqual(values(trained));
    // G keeps its trained weights after generating.
    expect(averaged.generator.trainableVariables.map(values)).toEqual(seen[1]);
    tf.dispose([x, z, fromAverage, trained, byHand]);
    for (const m of [averaged, plain, copy]) m.dispose();
  });

  it('leaves no tensor behind per step or per generate', () => {
    const x = ringPoints(32, 4);
    const gan = toyGan(5, 0.9);
    gan.trainStep(x); // makes Adam's state
    const before = tf.memory().numTensors;
    gan.trainStep(x);
    tf.dispose(gan.generate(8, { seed: 1 }));
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    gan.dispose();
  });

  it('saves and restores the average with the state; refuses a state that does not match', () => {
    const x = ringPoints(32, 6);
    const a = toyGan(7, 0.9);
    for (let i = 0; i < 3; i++) a.trainStep(x);
    const state = a.stateTensors();
    const byName = new Map(state.map((t) => [t.name, t.tensor]));
    expect(byName.has('generatorAverage/weightAverage/updates')).toBe(true);
    const b = toyGan(7, 0.9);
    b.restoreState(byName, a.rngState());
    expect(b.generatorAverage?.updates).toBe(3);
    const [ga, gb] = [a.generate(8, { seed: 2 }), b.generate(8, { seed: 2 })];
    expect(values(gb)).toEqual(values(ga));

    const plain = toyGan(7);
    const withoutAverage = new Map(plain.stateTensors().map((t) => [t.name, t.tensor]));
    expect(() => b.restoreState(withoutAverage, a.rngState())).toThrow(
      "GAN: this model has generatorAverageDecay 0.9 but the checkpoint holds no average of G's weights; build it as the checkpointed model was built.",
    );
    expect(() => plain.restoreState(byName, a.rngState())).toThrow(
      "GAN: the checkpoint holds an average of G's weights but this model has no generatorAverageDecay",
    );
    tf.dispose([x, ga, gb, ...state.map((t) => t.tensor), ...withoutAverage.values()]);
    for (const m of [a, b, plain]) m.dispose();
  });

  it('rejects a decay outside (0, 1), naming it, and the models that do not take it', () => {
    const before = tf.memory().numTensors;
    for (const decay of [0, 1, 2, Number.NaN]) {
      expect(() => new GAN({ generatorAverageDecay: decay })).toThrow(
        /'generatorAverageDecay' passed to 'GAN'/,
      );
    }
    // Refused before any network is built.
    expect(tf.memory().numTensors).toBe(before);
    expect(() => new DCGAN({ generatorAverageDecay: 2 })).toThrow(
      /'generatorAverageDecay' passed to 'DCGAN'/,
    );
    expect(() => new ConditionalGAN({ generatorAverageDecay: 0.9 } as never)).toThrow(
      /Unknown option 'generatorAverageDecay' passed to 'ConditionalGAN'/,
    );
  });
});

describe('the generatorAverageDecay option of DCGAN (BatchNorm in G)', () => {
  const net = { imageShape: [8, 8, 1] as [number, number, number], width: 4, dense: 8 };
  const tinyDcgan = (decay: number) =>
    new DCGAN({ ...net, seed: 3, learningRate: 0.05, generatorAverageDecay: decay });
  const images = () => tf.tidy(() => tf.tanh(tf.randomNormal([8, 8, 8, 1], 0, 1, 'float32', 9)));

  it('generates from the averaged weights with BatchNorm statistics recomputed for them, and keeps the trained ones', () => {
    const decay = 0.5;
    const x = images();
    const gan = tinyDcgan(decay);
    const seen: number[][][] = [];
    for (let i = 0; i < 2; i++) {
      gan.trainStep(x);
      seen.push(gan.generator.trainableVariables.map(values));
    }
    const statistics = () =>
      gan.generator.weights.filter((w) => !w.trainable).map((w) => values(w.variable));
    const trainedStatistics = statistics();
    const z = gan.latent(16, 4);
    const before = tf.memory().numTensors;
    const fromAverage = gan.generate(16, { z });
    expect(tf.memory().numTensors).toBe(before + 1);
    // G keeps its trained weights and running statistics after generating.
    expect(gan.generator.trainableVariables.map(values)).toEqual(seen[1]);
    expect(statistics()).toEqual(trainedStatistics);

    // By hand: a copy of G with the averaged weights, its statistics set from the same z.
    const copy = dcganGenerator({ ...net, latentDim: 100, seed: 3 });
    copy.trainableVariables.forEach((v, i) => {
      const [w1, w2] = [seen[0]?.[i], seen[1]?.[i]] as [number[], number[]];
      const mean = tf.tensor(
        w1.map((a, j) => (decay * a + (w2[j] as number)) / (1 + decay)),
        v.shape,
      );
      v.assign(mean);
      mean.dispose();
    });
    const batches = Array.from({ length: BATCH_NORM_SAMPLES / 100 }, (_, i) =>
      gan.latent(100, `3:batchnorm:${i}`),
    );
    updateBatchNormStatistics(copy, batches);
    const byHand = copy.predict(z);
    const expected = values(byHand);
    values(fromAverage).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 4);
    });
    // The trained G's statistics with the averaged weights would give other samples.
    const staleStatistics = gan.generatorAverage?.use(() => gan.generator.predict(z)) as tf.Tensor;
    expect(maxAbsDifference(values(staleStatistics), expected)).toBeGreaterThan(1e-3);
    tf.dispose([x, z, fromAverage, byHand, staleStatistics, ...batches]);
    for (const m of [gan, copy]) m.dispose();
  });
});
