import { createRng, initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import { Dense, initializeFromData, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SemiSupervisedGAN,
  SupervisedBaseline,
  salimansDiscriminator,
  salimansGenerator,
} from './index';
import { randomRows, tinyGenerator, tinyNet, twoClusters, weightValues } from './testing/toys';

beforeAll(async () => {
  await initBackend();
});

/** SGAN on 2D points with 2 classes and 2 labelled points per class. */
function toySgan(
  seed: number,
  generatorObjective: 'featureMatching' | 'nonSaturating',
  averageDecay?: number,
) {
  const { x, y } = twoClusters(4, 100 + seed);
  const sgan = new SemiSupervisedGAN({
    generator: tinyGenerator(4, seed),
    discriminator: tinyNet('discriminator', 2, 2, seed),
    numClasses: 2,
    labelled: { x, y },
    labelledBatchSize: 4,
    learningRate: 2e-3,
    generatorObjective,
    seed,
    ...(averageDecay === undefined ? {} : { averageDecay }),
  });
  x.dispose();
  return sgan;
}

describe('SemiSupervisedGAN', () => {
  it('builds D with K class outputs and G of the sample size by default', () => {
    const sgan = new SemiSupervisedGAN({ seed: 1 });
    expect(sgan.discriminator.outputShape).toEqual([10]);
    expect(sgan.discriminator.inputShape).toEqual([784]);
    expect(sgan.generator.inputShape).toEqual([100]);
    expect(sgan.generator.outputShape).toEqual([784]);
    expect(sgan.generatorObjective).toBe('featureMatching');
    sgan.dispose();
  });

  it("takes Salimans et al.'s networks: noise only in training, a step leaks nothing", () => {
    const sgan = new SemiSupervisedGAN({
      generator: salimansGenerator({ seed: 1 }),
      discriminator: salimansDiscriminator({ seed: 1 }),
      seed: 1,
    });
    expect(sgan.discriminator.countParams()).toBe(
      784 * 1000 + 1000 + 1000 * 500 + 500 + 500 * 250 + 250 + 2 * (250 * 250 + 250) + 2510,
    );
    const x = tf.tidy(() => tf.sigmoid(tf.randomNormal([8, 784], 0, 1, 'float32', 5)));
    const y = [0, 1, 2, 3, 4, 5, 6, 7];
    sgan.setLabelled(x, y);
    sgan.trainStep(x);
    const before = tf.memory().numTensors;
    const logs = sgan.trainStep(x);
    expect(tf.memory().numTensors).toBe(before);
    for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
    // Eval mode has no noise: the same input gives the same probabilities twice.
    expect(Array.from(sgan.predictProba(x))).toEqual(Array.from(sgan.predictProba(x)));
    const fake = sgan.generate(4, { seed: 2 });
    const values = fake.dataSync();
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    tf.dispose([x, fake]);
    sgan.dispose();
  });

  it("Salimans et al.'s networks on '-1..1' pixels are the '0..1' ones wrapped; bad ranges refused", () => {
    const g01 = salimansGenerator({ seed: 2 });
    const d01 = salimansDiscriminator({ seed: 2 });
    const g = salimansGenerator({ pixelRange: '-1..1', seed: 2 });
    const d = salimansDiscriminator({ pixelRange: '-1..1', seed: 2 });
    const z = tf.randomNormal([64, 100], 0, 3, 'float32', 1);
    const out = g.predict(z);
    const out01 = g01.predict(z);
    const values = Array.from(out.dataSync());
    expect(Math.min(...values)).toBeLessThan(0);
    expect(values.every((v) => v >= -1 && v <= 1)).toBe(true);
    // G on [-1, 1] is 2 G01 - 1; D on [-1, 1] pixels is D01 on the same pixels in [0, 1],
    // in eval mode and (same seed, same noise) in training mode.
    const expected = tf.tidy(() => tf.sub(tf.mul(out01, 2), 1));
    expect(tf.max(tf.abs(tf.sub(out, expected))).dataSync()[0]).toBeLessThan(1e-6);
    for (const training of [false, true]) {
      const a = d.apply(out, { training });
      const b = d01.apply(out01, { training });
      expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-4);
      tf.dispose([a, b]);
    }
    expect(d.countParams()).toBe(d01.countParams());
    expect(() => salimansGenerator({ pixelRange: '0..255' as never })).toThrow(
      new ValueError(
        "Argument 'pixelRange' passed to 'salimansGenerator' must be '0..1' or '-1..1', but got \"0..255\".",
      ),
    );
    expect(() => salimansDiscriminator({ pixelRange: 1 as never })).toThrow(
      /'salimansDiscriminator'/,
    );
    tf.dispose([z, out, out01, expected]);
    for (const m of [g, d, g01, d01]) m.dispose();
  });

  it("Salimans' D with weightNorm: fixed hidden scales, a trained logit scale, their init from data", () => {
    const d = salimansDiscriminator({ seed: 2, weightNorm: true });
    const scales = d.weights.filter((w) => w.name.endsWith('/scale'));
    // Five hidden layers keep their columns' lengths; the logits' layer trains its own.
    expect(scales.map((w) => w.trainable)).toEqual([false, false, false, false, false, true]);
    expect(scales.map((w) => w.variable.size)).toEqual([1000, 500, 250, 250, 250, 10]);
    // v is drawn from N(0, 0.1), as in their code (its size sets how fast Adam turns it).
    const v = d.weights.find((w) => w.name.endsWith('/kernel'))?.variable as tf.Variable;
    const { mean, variance } = tf.moments(v);
    expect(Math.abs(mean.dataSync()[0] as number)).toBeLessThan(0.001);
    expect(Math.sqrt(variance.dataSync()[0] as number)).toBeCloseTo(0.1, 2);
    tf.dispose([mean, variance]);
    const x = tf.randomUniform([300, 784], 0, 1, 'float32', 4);
    expect(initializeFromData(d, x)).toBe(6);
    // Uniform pixels plus D's input noise 0.3 give a unit-length column a std of about 0.42,
    // so the first layer's scales become about 1 / 0.42.
    const first = Array.from(scales[0]?.variable.dataSync() ?? []);
    expect(Math.min(...first)).toBeGreaterThan(1.8);
    expect(Math.max(...first)).toBeLessThan(3);
    expect(() => salimansDiscriminator({ weightNorm: 'yes' as never })).toThrow(
      /'weightNorm' passed to 'salimansDiscriminator' must be a boolean/,
    );
    expect(() => salimansDiscriminator({ weightnorm: true } as never)).toThrow(
      "Unknown option 'weightnorm' passed to 'salimansDiscriminator'",
    );
    x.dispose();
    d.dispose();
  });

  it('classifies by the argmax of the K logits, with softmax probabilities', () => {
    const d = new Sequential({ inputShape: [2], layers: [new Dense({ units: 2 })], seed: 0 });
    const [kernel, bias] = d.weights.map((w) => w.variable);
    kernel?.assign(tf.tensor2d([1, 0, 0, 1], [2, 2]));
    bias?.assign(tf.tensor1d([0, 0]));
    const sgan = new SemiSupervisedGAN({
      generator: tinyGenerator(4, 1),
      discriminator: d,
      numClasses: 2,
      seed: 1,
    });
    const x = [
      [3, 1],
      [0, 2],
    ];
    const probs = sgan.predictProba(x);
    const p = 1 / (1 + Math.exp(-2));
    expect(probs[0]).toBeCloseTo(p, 6);
    expect(probs[1]).toBeCloseTo(1 - p, 6);
    expect(probs[2]).toBeCloseTo(1 - p, 6);
    expect(Array.from(sgan.predict(x))).toEqual([0, 1]);
    expect(sgan.score(x, [0, 0])).toBe(0.5);
    sgan.dispose();
  });

  it("a step reports its figures, leaks nothing, and exposes D's penultimate features", () => {
    const sgan = toySgan(2, 'featureMatching');
    const { x } = twoClusters(32, 3);
    sgan.trainStep(x);
    const before = tf.memory().numTensors;
    const logs = sgan.trainStep(x);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(logs).sort()).toEqual(
      ['dFake', 'dLoss', 'dReal', 'gLoss', 'labelledAccuracy', 'supervised'].sort(),
    );
    for (const v of Object.values(logs)) expect(Number.isFinite(v)).toBe(true);
    // Feature matching reads D's penultimate layer, run by hand.
    const features = sgan.features(x, false);
    const [kernel, bias] = sgan.discriminator.weights.map((w) => w.variable as tf.Tensor);
    const byHand = tf.tidy(() =>
      tf.leakyRelu(tf.add(tf.matMul(x, kernel as tf.Tensor2D), bias as tf.Tensor), 0.2),
    );
    const expected = byHand.dataSync();
    features.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 5);
    });
    expect(features.shape).toEqual([32, 16]);
    tf.dispose([features, byHand, x]);
    sgan.dispose();
  });

  for (const [objective, decay] of [
    ['featureMatching', undefined],
    ['nonSaturating', undefined],
    ['featureMatching', 0.95],
  ] as const) {
    const averaged = decay === undefined ? '' : `, classifying with D averaged (${decay})`;
    it(`learns the two clusters from 2 labels per class (${objective} G${averaged})`, () => {
      const sgan = toySgan(4, objective, decay);
      const { x } = twoClusters(512, 5);
      const rng = createRng(6);
      for (let step = 0; step < 100; step++) {
        const { batch } = randomRows(x, 32, rng);
        sgan.trainStep(batch);
        batch.dispose();
      }
      const test = twoClusters(200, 7);
      expect(sgan.score(test.x, test.y)).toBeGreaterThan(0.97);
      tf.dispose([x, test.x]);
      sgan.dispose();
    });
  }

  it('draws its labelled batch with the model RNG: same seed, same losses', () => {
    const run = () => {
      const sgan = toySgan(8, 'featureMatching');
      const { x } = twoClusters(16, 9);
      const logs = [sgan.trainStep(x), sgan.trainStep(x)];
      x.dispose();
      sgan.dispose();
      return logs;
    };
    expect(run()).toEqual(run());
  });

  it('rejects training without labels and bad labelled data', () => {
    const sgan = new SemiSupervisedGAN({
      generator: tinyGenerator(4, 1),
      discriminator: tinyNet('discriminator', 2, 3, 1),
      numClasses: 3,
      seed: 1,
    });
    const x = tf.zeros([4, 2]);
    expect(() => sgan.trainStep(x)).toThrow(NotFittedError);
    expect(() => sgan.setLabelled(x, [0, 1, 3, 0])).toThrow(
      new ValueError(
        "Argument 'y' passed to 'SemiSupervisedGAN.setLabelled' must hold integer classes in [0, 3), but entry 2 is 3.",
      ),
    );
    expect(() => sgan.setLabelled(x, [0, 1])).toThrow(
      new ShapeError(
        "Argument 'y' passed to 'SemiSupervisedGAN.setLabelled' has 2 labels but 'x' has 4 samples.",
      ),
    );
    const wrong = tf.zeros([4, 3]);
    expect(() => sgan.predict(wrong)).toThrow(
      new ShapeError(
        "Argument 'x' passed to 'SemiSupervisedGAN.predictProba' must have shape [n, 2] or [n, 2], but got [4, 3].",
      ),
    );
    expect(
      () =>
        new SemiSupervisedGAN({
          generator: tinyGenerator(4, 1),
          discriminator: tinyNet('discriminator', 2, 1, 1),
          numClasses: 2,
        }),
    ).toThrow(
      'SemiSupervisedGAN: the discriminator must give 2 class logits per sample, but its output is [1].',
    );
    tf.dispose([x, wrong]);
    sgan.dispose();
  });
});

describe('SupervisedBaseline', () => {
  it('trains the same network on the labelled examples only', async () => {
    const labelled = twoClusters(4, 10);
    const baseline = await new SupervisedBaseline({
      network: tinyNet('discriminator', 2, 2, 11),
      numClasses: 2,
      steps: 100,
      batchSize: 4,
      learningRate: 1e-2,
      seed: 11,
    }).fit(labelled.x, labelled.y);
    const test = twoClusters(200, 12);
    expect(baseline.score(test.x, test.y)).toBeGreaterThan(0.97);
    const w = weightValues(baseline.network);
    expect(new SupervisedBaseline().network.outputShape).toEqual([10]);
    expect(w.length).toBe(2 * 16 + 16 + 16 * 2 + 2);
    tf.dispose([labelled.x, test.x]);
    baseline.dispose();
  });

  it('follows a learning-rate schedule: a factor of 0 leaves the network as built', async () => {
    const { x, y } = twoClusters(8, 12);
    const frozen = tinyNet('discriminator', 2, 2, 12);
    const before = weightValues(frozen);
    await new SupervisedBaseline({
      network: frozen,
      numClasses: 2,
      steps: 5,
      learningRateSchedule: () => 0,
    }).fit(x, y);
    expect(weightValues(frozen)).toEqual(before);
    const moved = tinyNet('discriminator', 2, 2, 12);
    await new SupervisedBaseline({ network: moved, numClasses: 2, steps: 5 }).fit(x, y);
    expect(weightValues(moved)).not.toEqual(before);
    await expect(
      new SupervisedBaseline({
        network: moved,
        numClasses: 2,
        steps: 3,
        learningRateSchedule: () => -1,
      }).fit(x, y),
    ).rejects.toThrow(
      "Option 'learningRateSchedule' of 'SupervisedBaseline' must return a finite number >= 0, but returned -1 for step 1.",
    );
    tf.dispose(x);
    frozen.dispose();
    moved.dispose();
  });

  it('refuses to predict before fit', () => {
    const baseline = new SupervisedBaseline({ network: tinyNet('d', 2, 2, 1), numClasses: 2 });
    expect(() => baseline.predict([[0, 0]])).toThrow(
      new NotFittedError('SupervisedBaseline.predictProba: call fit(x, y) first.'),
    );
    baseline.dispose();
  });

  it('with averageDecay, classifies with the running average of D and leaves D as trained', () => {
    const sgan = toySgan(5, 'featureMatching', 0.8);
    const { x } = twoClusters(32, 6);
    for (let i = 0; i < 5; i++) sgan.trainStep(x);
    const average = sgan.average as NonNullable<typeof sgan.average>;
    expect(average.updates).toBe(5);
    const trained = weightValues(sgan.discriminator);
    const probs = Array.from(sgan.predictProba(x));
    expect(weightValues(sgan.discriminator)).toEqual(trained);
    // By hand: a copy of D holding the averaged weights.
    const copy = tinyNet('discriminator', 2, 2, 5);
    const averagedWeights = average.averaged();
    copy.trainableVariables.forEach((v, i) => {
      v.assign(averagedWeights[i] as tf.Tensor);
    });
    const byHand = tf.tidy(() => tf.softmax(copy.apply(x, { training: false })));
    const expected = Array.from(byHand.dataSync());
    probs.forEach((p, i) => {
      expect(p).toBeCloseTo(expected[i] as number, 5);
    });
    const raw = tf.tidy(() => tf.softmax(sgan.discriminator.apply(x, { training: false })));
    expect(Array.from(raw.dataSync())).not.toEqual(expected);
    tf.dispose([x, byHand, raw, ...averagedWeights]);
    copy.dispose();
    sgan.dispose();
  });

  it('saves and restores the average with the state; refuses a state without it', () => {
    const a = toySgan(6, 'featureMatching', 0.9);
    const { x } = twoClusters(32, 7);
    for (let i = 0; i < 3; i++) a.trainStep(x);
    const state = a.stateTensors();
    const byName = new Map(state.map((t) => [t.name, t.tensor]));
    const b = toySgan(6, 'featureMatching', 0.9);
    b.restoreState(byName, a.rngState());
    expect(b.average?.updates).toBe(3);
    expect(Array.from(b.predictProba(x))).toEqual(Array.from(a.predictProba(x)));
    const plain = toySgan(6, 'featureMatching');
    const withoutAverage = new Map(plain.stateTensors().map((t) => [t.name, t.tensor]));
    expect(() => b.restoreState(withoutAverage, a.rngState())).toThrow(
      /holds no average of D's weights/,
    );
    tf.dispose([x, ...state.map((t) => t.tensor), ...withoutAverage.values()]);
    for (const m of [a, b, plain]) m.dispose();
  });

  it('rejects an averageDecay outside (0, 1), naming it', () => {
    for (const averageDecay of [0, 1, 2, Number.NaN]) {
      expect(() => toySgan(1, 'featureMatching', averageDecay)).toThrow(
        /'averageDecay' passed to 'SemiSupervisedGAN'/,
      );
    }
  });
});
