/**
 * The @gankit/gan evaluation: the targets of the GAN issue, one at a time or all.
 *
 *   pnpm --filter @gankit/benchmarks eval:gan --target <name> [--epochs N] [--steps N] [--seeds N]
 *
 * Targets: real (the judge's figures on real digits, the reference points, and on digits it
 * should doubt: moved 2 pixels, and blends of two), file (digits
 * generated elsewhere, e.g. by reference/torch_gan_mnist.py: `--file samples.f32`), gan, dcgan,
 * lsgan, sgan, cgan, ring, grid. Each prints its figures with the wall time and writes them to
 * benchmarks/results/gan-<target>.json. `--steps` caps the training steps; `--checkpoint <dir>`
 * saves every 500 steps and at the end, and `--resume` continues from there (for runs in pieces).
 * `--threads 2` runs the WASM backend on two threads (pays for the DCGAN and LSGAN targets;
 * add `--xnnpack-threads 1` for the MLP GAN, whose products gankit splits over the two);
 * `--lr-decay linear` lowers the learning rate linearly to 0 over the run (gan, dcgan, lsgan,
 * sgan, cgan), `--lr-decay inverse:K` multiplies it by 1 / (1 + step / K), `--lr-decay
 * linear-after:S` keeps the rate until step S and then lowers it linearly to 0 at the last step
 * (CycleGAN's schedule; with `--resume`, S can be the checkpoint's step); `--lr` sets the
 * image GANs' learning rate (with `--resume`: a lower rate to fine-tune);
 * `--d-lr` gives the gan's, dcgan's or lsgan's D its own rate (two time-scale updates);
 * `--pack m` makes the gan, dcgan or lsgan a PacGAN (D judges m samples at once);
 * `--r1 γ` adds the R1 penalty (Mescheder et al. 2018) to the gan's, dcgan's or lsgan's D loss;
 * `--g-average d` samples the gan, dcgan or lsgan from a running average of G's weights with decay d (the
 * figures of the trained G follow under `trainedG`);
 * `--batch N` sets the gan's, dcgan's or lsgan's batch size (100 for the gan, 64 for the others;
 * the DCGAN paper used 128);
 * `--z-scale s` scores the gan's, dcgan's or lsgan's samples (both G's) drawn from z ~ N(0, s² I)
 * instead of N(0, I): the truncation trick in its plainest form (z pulled toward its mean);
 * `--top-k f` counts only the fraction f of each fake batch that D rates most real in G's loss
 * (top-k training, Sinha et al. 2020; gan, dcgan, lsgan);
 * `--keep f` scores the gan's, dcgan's or lsgan's samples drawn with discriminator rejection
 * (`generate`'s `keep`: the share f of candidates D rates most real; the figures of all samples
 * follow under `allSamples`, those of the trained G without rejection under `trainedG`);
 * `--dense N` sets the units of the dcgan's and lsgan's dense layer (default 1024; 0: plain);
 * `--width N` the channels of their G's first feature map and D's last convolution (128);
 * `--spectral-norm` spectrally normalises their D's layers and drops its BatchNorm (SN-DCGAN);
 * `--target cgan --architecture dcgan` trains the conditional GAN with DCGAN's networks.
 * `--judge <file>` scores with other weights of the judge's network: a file written by
 * packages/gan/scripts/train_classifier.ts --out (with `--resume` on a final checkpoint it
 * re-scores a trained model).
 * Ring and grid: `--batch` (default 100), `--lr`, `--finetune N` steps at `--fine-lr`,
 * `--units` per hidden layer, `--latent` size of z (2), `--pack m` for PacGAN (D judges m
 * points at once).
 * SGAN: `--lr`, `--sgan-net salimans` for Salimans et al.'s MNIST networks (D 784 → 1000 →
 * 500 → 250 → 250 → 250 → 10, ReLU, Gaussian noise 0.3 on the input and 0.5 after each
 * hidden layer; G with a sigmoid output) on pixels in [0, 1]; the baseline trains the same D;
 * `--pixel-range -1..1` trains Salimans' networks on gankit's usual pixels (tanh G);
 * `--average-decay d` classifies with D's running average; `--unsupervised-weight w` (1);
 * `--weight-norm` gives Salimans' D their weight normalisation (hidden scales fixed, set from
 * 500 training images by `initializeFromData`).
 * Prints the test accuracy after every epoch (its time is part of trainSeconds).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRng, initBackend } from '@gankit/core';
import { gridOfGaussians, labelledSubset, loadMnist, ringOfGaussians } from '@gankit/datasets';
import {
  ConditionalGAN,
  classifierScore,
  DCGAN,
  featureStatistics,
  frechetDistance,
  GAN,
  LSGAN,
  linearDecay,
  linearDecayAfter,
  loadMnistClassifier,
  type MnistClassifier,
  modeCoverage,
  SemiSupervisedGAN,
  SupervisedBaseline,
  salimansDiscriminator,
  salimansGenerator,
  type TrainOptions,
  toClassifierRange,
  train,
} from '@gankit/gan';
import { Dense, initializeFromData, LeakyReLU, ReLU, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';

type Figures = { [name: string]: number | string | number[] | Figures };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const numberArg = (name: string, fallback: number) => Number(arg(name) ?? fallback);
const target = arg('target') ?? 'real';
const seeds = numberArg('seeds', 5);
const seed = numberArg('seed', 0);

/**
 * The judge of every figure: the shipped MNIST classifier, or with `--judge <file>` the weights
 * in a file written by packages/gan/scripts/train_classifier.ts --out.
 */
function loadJudge(): MnistClassifier {
  const file = arg('judge');
  if (!file) return loadMnistClassifier();
  const weights = /'([A-Za-z0-9+/=]+)'/.exec(readFileSync(file, 'utf8'))?.[1];
  if (!weights) {
    throw new Error(
      `--judge ${file}: no weights found; expected a file written by scripts/train_classifier.ts --out.`,
    );
  }
  return loadMnistClassifier(weights);
}

/** Samples at which every generated-image figure is measured. */
const SAMPLES = numberArg('samples', 10000);

/** The judge's probabilities and features of `images` (in [-1, 1]), in batches of 500. */
function judge(classifier: MnistClassifier, images: tf.Tensor) {
  const n = images.shape[0] as number;
  const probs: Float32Array[] = [];
  const features: Float32Array[] = [];
  for (let s = 0; s < n; s += 500) {
    const size = Math.min(500, n - s);
    const [p, f] = tf.tidy(() => {
      const begin = images.shape.map((_, i) => (i === 0 ? s : 0));
      const x = toClassifierRange(tf.slice(images, begin, [size, ...images.shape.slice(1)]));
      return [classifier.probabilities(x), classifier.features(x)];
    });
    const pv = p.dataSync() as Float32Array;
    const fv = f.dataSync() as Float32Array;
    for (let i = 0; i < size; i++) {
      probs.push(pv.slice(i * 10, i * 10 + 10));
      features.push(fv.slice(i * 64, i * 64 + 64));
    }
    tf.dispose([p, f]);
  }
  return { probs, features };
}

let reference: ReturnType<typeof featureStatistics> | undefined;
/** Feature statistics of the 10,000 real test digits: the FCD reference. */
function testStatistics(classifier: MnistClassifier) {
  if (!reference) {
    const test = loadMnist({ split: 'test', normalize: '-1..1' });
    reference = featureStatistics(judge(classifier, test.images).features);
    tf.dispose([test.images, test.oneHot]);
  }
  return reference;
}

function fcd(classifier: MnistClassifier, features: Float32Array[]): number {
  const a = featureStatistics(features);
  const b = testStatistics(classifier);
  return frechetDistance(a.mean, a.cov, b.mean, b.cov);
}

/**
 * Generates `n` samples from `gan` in batches of 1000 (flattened images in [-1, 1]); with
 * `trained`, from G's trained weights even when the model keeps an average of them; with
 * `keep` < 1, by discriminator rejection (`generate`'s `keep`); with `zScale` < 1, from z
 * drawn from N(0, zScale² I) (the truncation trick; not with `keep`).
 */
function generateMany(
  gan: GAN,
  n: number,
  labels?: (i: number) => number,
  trained = false,
  keep = 1,
  zScale = 1,
): tf.Tensor {
  const parts: tf.Tensor[] = [];
  for (let s = 0; s < n; s += 1000) {
    const size = Math.min(1000, n - s);
    const seed = `eval:${s}`;
    const options = labels
      ? { seed, labels: Array.from({ length: size }, (_, i) => labels(s + i)) }
      : { seed, ...(keep < 1 ? { keep } : {}) };
    const latent = () => tf.mul(gan.latent(size, seed), zScale) as tf.Tensor2D;
    const generate = () =>
      trained
        ? gan.generator.predict(latent())
        : zScale !== 1
          ? gan.generate(size, { z: latent() })
          : (gan as ConditionalGAN).generate(size, options);
    parts.push(tf.tidy(() => tf.reshape(generate(), [size, 784])));
  }
  const all = tf.concat(parts);
  tf.dispose(parts);
  return all;
}

function trainOptions(epochs: number, batchSize: number): TrainOptions {
  const steps = arg('steps');
  let last = performance.now();
  const checkpoint = arg('checkpoint');
  const decay = arg('lr-decay');
  const inverse = /^inverse:(\d+)$/.exec(decay ?? '');
  const after = /^linear-after:(\d+)$/.exec(decay ?? '');
  if (decay !== undefined && decay !== 'linear' && !inverse && !after)
    throw new Error(
      '--lr-decay takes: linear, inverse:K (factor 1 / (1 + step / K)), linear-after:S (1 until step S, then linear to 0)',
    );
  const halfLife = Number(inverse?.[1]);
  const hold = Number(after?.[1]);
  const schedule = inverse
    ? (step: number) => 1 / (1 + (step - 1) / halfLife)
    : after
      ? linearDecayAfter(hold)
      : linearDecay;
  return {
    epochs,
    batchSize,
    ...(steps ? { maxSteps: Number(steps) } : {}),
    ...(decay ? { learningRateSchedule: schedule } : {}),
    ...(checkpoint
      ? { checkpoint: { dir: checkpoint, every: 500 }, resume: process.argv.includes('--resume') }
      : {}),
    onBatchEnd: (step, logs) => {
      if (performance.now() - last > 30000) {
        last = performance.now();
        console.log(
          `  step ${step}: d ${logs.dLoss.toFixed(3)} g ${logs.gLoss.toFixed(3)} D(x) ${logs.dReal.toFixed(3)} D(G(z)) ${logs.dFake.toFixed(3)}`,
        );
      }
    },
  };
}

async function imageGan(kind: 'gan' | 'dcgan' | 'lsgan'): Promise<Figures> {
  const keep = numberArg('keep', 1);
  const zScale = numberArg('z-scale', 1);
  if (!(zScale > 0 && zScale <= 1) || (zScale < 1 && keep < 1))
    throw new Error('--z-scale takes a number in (0, 1], and cannot be combined with --keep');
  const flat = kind === 'gan';
  const data = loadMnist({ split: 'train', normalize: '-1..1', flat });
  const pack = numberArg('pack', 1);
  const r1 = numberArg('r1', 0);
  const options = {
    seed,
    pack,
    ...(arg('lr') ? { learningRate: Number(arg('lr')) } : {}),
    ...(arg('d-lr') ? { discriminatorLearningRate: Number(arg('d-lr')) } : {}),
    ...(arg('r1') ? { r1 } : {}),
    ...(arg('g-average') ? { generatorAverageDecay: Number(arg('g-average')) } : {}),
    ...(arg('top-k') ? { generatorTopK: Number(arg('top-k')) } : {}),
  };
  const conv = {
    ...options,
    ...(arg('dense') ? { dense: Number(arg('dense')) } : {}),
    ...(arg('width') ? { width: Number(arg('width')) } : {}),
    ...(process.argv.includes('--spectral-norm') ? { spectralNorm: true } : {}),
  };
  const gan =
    kind === 'gan' ? new GAN(options) : kind === 'dcgan' ? new DCGAN(conv) : new LSGAN(conv);
  const epochs = numberArg('epochs', kind === 'gan' ? 30 : 5);
  const batchSize = numberArg('batch', kind === 'gan' ? 100 : 64);
  const start = performance.now();
  const result = await train(gan, data.images, trainOptions(epochs, batchSize));
  const trainSeconds = (performance.now() - start) / 1000;
  tf.dispose([data.images, data.oneHot]);
  const classifier = loadJudge();
  const figuresOf = (trained: boolean, kept = 1) => {
    const samples = generateMany(gan, SAMPLES, undefined, trained, kept, zScale);
    const { probs, features } = judge(classifier, samples);
    samples.dispose();
    const score = classifierScore(probs, { splits: 10 });
    return {
      classifierScore: score.mean,
      classifierScoreStd: score.std,
      ...scoreBreakdown(score, probs),
      fcd: fcd(classifier, features),
    };
  };
  return {
    pack,
    r1,
    ...(kind === 'gan' ? {} : { dense: conv.dense ?? 1024 }),
    learningRate: options.learningRate ?? 'default',
    ...(options.discriminatorLearningRate
      ? { discriminatorLearningRate: options.discriminatorLearningRate }
      : {}),
    steps: result.steps,
    epochs: result.steps / Math.floor(60000 / batchSize),
    trainSeconds: Math.round(trainSeconds),
    ...(zScale < 1 ? { zScale } : {}),
    ...figuresOf(false, keep),
    ...(keep < 1 ? { keep, allSamples: figuresOf(false) } : {}),
    ...(gan.generatorAverage
      ? { generatorAverageDecay: gan.generatorAverage.decay, trainedG: figuresOf(true) }
      : {}),
    goal: kind === 'gan' ? 'classifier score >= 8.5, FCD reported' : 'classifier score >= 9.0',
  };
}

/**
 * What a classifier score is made of: unsure samples (H(y|x)) or uneven classes (H(y), shares).
 * `unsurePercent` is the share of samples whose most likely class gets less than 90% from the
 * judge, and `unsureEntropyPercent` their part of H(y|x): whether the doubt is spread over all
 * samples or held by a few.
 */
function scoreBreakdown(score: ReturnType<typeof classifierScore>, probs: Float32Array[]): Figures {
  let unsure = 0;
  let unsureEntropy = 0;
  let entropy = 0;
  for (const p of probs) {
    const h = p.reduce((sum, q) => (q > 0 ? sum - q * Math.log(q) : sum), 0);
    entropy += h;
    if (Math.max(...p) < 0.9) {
      unsure += 1;
      unsureEntropy += h;
    }
  }
  const percent = (x: number) => Math.round(1000 * x) / 10;
  return {
    conditionalEntropy: score.conditionalEntropy,
    marginalEntropy: score.marginalEntropy,
    classSharesPercent: Array.from(score.classShares, percent),
    unsurePercent: percent(unsure / probs.length),
    unsureEntropyPercent: percent(entropy > 0 ? unsureEntropy / entropy : 0),
  };
}

async function realReference(): Promise<Figures> {
  const classifier = loadJudge();
  const test = loadMnist({ split: 'test', normalize: '-1..1' });
  const testJudged = judge(classifier, test.images);
  const predicted = testJudged.probs.map((p) => p.indexOf(Math.max(...p)));
  const accuracy = predicted.filter((c, i) => c === test.labels[i]).length / test.labels.length;
  const train10k = loadMnist({ split: 'train', normalize: '-1..1', limit: 10000 });
  const trainJudged = judge(classifier, train10k.images);
  const score = classifierScore(testJudged.probs, { splits: 10 });
  const figures = {
    testAccuracy: accuracy,
    classifierScoreTest: score.mean,
    classifierScoreTestStd: score.std,
    ...scoreBreakdown(score, testJudged.probs),
    fcdTrain10kVsTest: fcd(classifier, trainJudged.features),
    ...judgeProbes(classifier, test.images, test.labels),
  };
  tf.dispose([test.images, test.oneHot, train10k.images, train10k.oneHot]);
  return figures;
}

/**
 * How the judge treats digits it should doubt: its accuracy on the test digits moved 2 pixels
 * down and right, and the classifier score and H(y|x) of 5000 blends of two test digits at half
 * intensity each (digit i with digit i + 5000); a strict judge is unsure of the blends.
 */
function judgeProbes(classifier: MnistClassifier, images: tf.Tensor, labels: ArrayLike<number>) {
  const n = images.shape[0] as number;
  const moved = tf.tidy(() =>
    tf.slice(
      tf.pad(
        images,
        [
          [0, 0],
          [2, 0],
          [2, 0],
          [0, 0],
        ],
        -1,
      ),
      0,
      [n, 28, 28, 1],
    ),
  );
  const movedProbs = judge(classifier, moved).probs;
  const correct = movedProbs.filter((p, i) => p.indexOf(Math.max(...p)) === labels[i]).length;
  const half = Math.floor(n / 2);
  const blends = tf.tidy(() =>
    tf.div(tf.add(tf.slice(images, 0, half), tf.slice(images, half, half)), 2),
  );
  const blendScore = classifierScore(judge(classifier, blends).probs);
  tf.dispose([moved, blends]);
  return {
    accuracyMoved2px: correct / n,
    blendScore: blendScore.mean,
    blendConditionalEntropy: blendScore.conditionalEntropy,
  };
}

/**
 * Scores digits generated elsewhere (`--file`: float32, row-major n×784, in [-1, 1]), such as
 * those of benchmarks/reference/torch_gan_mnist.py, with the same judge and figures.
 */
async function scoreFile(): Promise<Figures> {
  const file = arg('file');
  if (!file) throw new Error('--target file needs --file <samples.f32>');
  const bytes = readFileSync(file);
  if (bytes.byteLength % (784 * 4) !== 0) {
    throw new Error(
      `--file ${file}: ${bytes.byteLength} bytes is not a whole number of float32 784-pixel images.`,
    );
  }
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const samples = tf.tensor2d(values, [values.length / 784, 784]);
  const classifier = loadJudge();
  const { probs, features } = judge(classifier, samples);
  samples.dispose();
  const score = classifierScore(probs, { splits: 10 });
  return {
    file,
    samples: probs.length,
    classifierScore: score.mean,
    classifierScoreStd: score.std,
    ...scoreBreakdown(score, probs),
    fcd: fcd(classifier, features),
  };
}

const percent = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Test accuracy of the SGAN's D as trained (not its running average). */
function rawAccuracy(sgan: SemiSupervisedGAN, test: { images: tf.Tensor; labels: Int32Array }) {
  const logits = tf.tidy(() => tf.argMax(sgan.discriminator.predict(test.images), 1));
  const predicted = logits.dataSync();
  logits.dispose();
  return predicted.filter((c, i) => c === test.labels[i]).length / test.labels.length;
}

async function semiSupervised(): Promise<Figures> {
  const salimans = arg('sgan-net') === 'salimans';
  const range = salimans && arg('pixel-range') !== '-1..1' ? '0..1' : '-1..1';
  const data = loadMnist({ split: 'train', normalize: range, flat: true });
  const test = loadMnist({ split: 'test', normalize: range, flat: true });
  const subset = labelledSubset(data.labels, { nPerClass: 10, seed });
  const idx = tf.tensor1d(subset.labelled, 'int32');
  const xl = tf.gather(data.images, idx);
  const yl = Int32Array.from(subset.labelled, (i) => data.labels[i] as number);
  // `--weight-norm`: D with Salimans et al.'s weight normalisation, its scales and biases set
  // from 500 training images picked with the seed (their code's data-dependent init).
  const weightNorm = salimans && process.argv.includes('--weight-norm');
  const initImages = weightNorm
    ? tf.tidy(() =>
        tf.gather(
          data.images,
          tf.tensor1d(createRng(`${seed}:init`).permutation(60000).slice(0, 500), 'int32'),
        ),
      )
    : undefined;
  const discriminator = () => {
    const d = salimansDiscriminator({ seed, pixelRange: range, weightNorm });
    if (initImages) initializeFromData(d, initImages);
    return d;
  };
  const nets = salimans
    ? {
        generator: salimansGenerator({ seed, pixelRange: range }),
        discriminator: discriminator(),
        baselineNetwork: discriminator,
      }
    : undefined;
  const learningRate = numberArg('lr', 2e-4);
  const averageDecay = arg('average-decay') ? Number(arg('average-decay')) : undefined;
  const unsupervisedWeight = numberArg('unsupervised-weight', 1);
  const sgan = new SemiSupervisedGAN({
    labelled: { x: xl, y: yl },
    learningRate,
    unsupervisedWeight,
    ...(averageDecay === undefined ? {} : { averageDecay }),
    seed,
    ...(nets ? { generator: nets.generator, discriminator: nets.discriminator } : {}),
  });
  const epochs = numberArg('epochs', 10);
  const start = performance.now();
  const curve: number[] = [];
  const options = trainOptions(epochs, 100);
  const result = await train(sgan, data.images, {
    ...options,
    onEpochEnd: (epoch) => {
      curve.push(sgan.score(test.images, test.labels));
      const current = sgan.average ? `; D as trained ${percent(rawAccuracy(sgan, test))}` : '';
      console.log(`  epoch ${epoch + 1}: test accuracy ${percent(curve.at(-1) ?? 0)}${current}`);
    },
  });
  const sganSeconds = (performance.now() - start) / 1000;
  // The last epoch's figure is the final one (the trainer ends every run with onEpochEnd).
  const sganAccuracy = curve.at(-1) ?? sgan.score(test.images, test.labels);
  const t2 = performance.now();
  const schedule = options.learningRateSchedule;
  const baseline = await new SupervisedBaseline({
    steps: result.steps,
    learningRate,
    ...(schedule ? { learningRateSchedule: schedule } : {}),
    seed,
    ...(nets ? { network: nets.baselineNetwork() } : {}),
  }).fit(xl, yl);
  const baselineAccuracy = baseline.score(test.images, test.labels);
  initImages?.dispose();
  return {
    labelled: yl.length,
    networks: salimans ? `salimans${weightNorm ? ', weight-normalised D' : ''}` : 'default',
    pixelRange: range,
    learningRate,
    unsupervisedWeight,
    averageDecay: averageDecay ?? 'none',
    steps: result.steps,
    trainSeconds: Math.round(sganSeconds),
    testAccuracy: sganAccuracy,
    testAccuracyByEpoch: curve,
    baselineTestAccuracy: baselineAccuracy,
    baselineSeconds: Math.round((performance.now() - t2) / 1000),
    goal: 'SGAN test accuracy >= 0.97 with 100 labels; baseline: same D, same labels, supervised only',
  };
}

async function conditional(): Promise<Figures> {
  // `--architecture dcgan`: DCGAN's networks with the one-hot label as extra input channels.
  const architecture = arg('architecture') === 'dcgan' ? 'dcgan' : 'mlp';
  const flat = architecture === 'mlp';
  const data = loadMnist({ split: 'train', normalize: '-1..1', flat });
  const cgan = new ConditionalGAN({ seed, architecture });
  const epochs = numberArg('epochs', flat ? 20 : 2);
  const start = performance.now();
  const result = await train(cgan, data.images, {
    ...trainOptions(epochs, flat ? 100 : 64),
    labels: data.labels,
  });
  const trainSeconds = (performance.now() - start) / 1000;
  const classifier = loadJudge();
  const n = numberArg('samples', 1000);
  const samples = generateMany(cgan, n, (i) => i % 10);
  const { probs } = judge(classifier, samples);
  samples.dispose();
  const hits = probs.filter((p, i) => p.indexOf(Math.max(...p)) === i % 10).length;
  return {
    architecture,
    steps: result.steps,
    trainSeconds: Math.round(trainSeconds),
    classifiedAsAsked: hits / n,
    goal: '>= 0.90 of generated digits classified as the asked label',
  };
}

/**
 * A 2D GAN: G z(2) → 128 → 128 → 2 (ReLU), D 2 → 128 → 128 → 1 (LeakyReLU 0.2); `--units`
 * changes the 128, `--latent` the size of z, `--pack m` makes it a PacGAN whose D judges m
 * points (2m inputs).
 */
function toyGan(s: number, nets?: { generator: Sequential; discriminator: Sequential }): GAN {
  const units = numberArg('units', 128);
  const pack = numberArg('pack', 1);
  const latent = numberArg('latent', 2);
  const net = (name: string, act: () => ReLU | LeakyReLU) =>
    new Sequential({
      name,
      inputShape: [name === 'generator' ? latent : 2 * pack],
      seed: `${s}:${name}`,
      layers: [
        new Dense({ units }),
        act(),
        new Dense({ units }),
        act(),
        new Dense({ units: name === 'generator' ? 2 : 1 }),
      ],
    });
  return new GAN({
    generator: nets?.generator ?? net('generator', () => new ReLU()),
    discriminator: nets?.discriminator ?? net('discriminator', () => new LeakyReLU({ alpha: 0.2 })),
    learningRate: nets ? numberArg('fine-lr', 1e-4) : numberArg('lr', 1e-3),
    beta1: 0.5,
    pack,
    seed: s,
  });
}

async function mixture(kind: 'ring' | 'grid'): Promise<Figures> {
  const steps = numberArg('steps', kind === 'ring' ? 3000 : 5000);
  const finetune = numberArg('finetune', 1000);
  const modes: number[] = [];
  const quality: number[] = [];
  const start = performance.now();
  for (let s = 0; s < seeds; s++) {
    const sample =
      kind === 'ring'
        ? ringOfGaussians({ n: 20000, seed: s })
        : gridOfGaussians({ n: 20000, seed: s });
    const first = sample.points[0] as Float32Array;
    const x = tf.tensor2d(new Float32Array(first.buffer, first.byteOffset, 40000), [20000, 2]);
    const coarse = toyGan(s);
    const batchSize = numberArg('batch', 100);
    await train(coarse, x, { epochs: 1000, batchSize, maxSteps: steps });
    // A second phase at a tenth of the learning rate sharpens the samples around the modes.
    coarse.gOptimizer.dispose();
    coarse.dOptimizer.dispose();
    const gan = toyGan(s, coarse);
    await train(gan, x, { epochs: 1000, batchSize, maxSteps: finetune, seed: `${s}:fine` });
    const generated = gan.generate(2500, { seed: `eval:${s}` });
    const means = Array.from({ length: sample.means.length / 2 }, (_, k) => [
      sample.means[2 * k] as number,
      sample.means[2 * k + 1] as number,
    ]);
    const coverage = modeCoverage(generated, means, sample.stds[0] as number);
    modes.push(coverage.modesCovered);
    quality.push(coverage.highQualityFraction);
    console.log(
      `  seed ${s}: ${coverage.modesCovered} modes, ${(coverage.highQualityFraction * 100).toFixed(1)}% high quality`,
    );
    tf.dispose([x, generated]);
    gan.dispose();
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return {
    seeds,
    stepsPerSeed: steps,
    finetuneStepsPerSeed: finetune,
    learningRate: numberArg('lr', 1e-3),
    finetuneLearningRate: numberArg('fine-lr', 1e-4),
    batchSize: numberArg('batch', 100),
    units: numberArg('units', 128),
    pack: numberArg('pack', 1),
    latentDim: numberArg('latent', 2),
    trainSeconds: Math.round((performance.now() - start) / 1000),
    modesCovered: modes,
    meanModesCovered: mean(modes),
    meanHighQualityFraction: mean(quality),
    goal:
      kind === 'ring' ? '8/8 modes, >= 90% high quality' : '>= 24/25 modes, >= 90% high quality',
  };
}

const runs: Record<string, () => Promise<Figures>> = {
  real: realReference,
  file: scoreFile,
  gan: () => imageGan('gan'),
  dcgan: () => imageGan('dcgan'),
  lsgan: () => imageGan('lsgan'),
  sgan: semiSupervised,
  cgan: conditional,
  ring: () => mixture('ring'),
  grid: () => mixture('grid'),
};

const threadOptions = {
  ...(arg('threads') ? { threads: Number(arg('threads')) } : {}),
  ...(arg('xnnpack-threads') ? { xnnpackThreads: Number(arg('xnnpack-threads')) } : {}),
};
const backend = await initBackend(threadOptions);
const targets = target === 'all' ? Object.keys(runs) : [target];
for (const name of targets) {
  const run = runs[name];
  if (!run)
    throw new Error(
      `Unknown --target '${name}'; expected one of ${Object.keys(runs).join(', ')}, all.`,
    );
  console.log(
    `${name}: running on ${backend.backend} (simd ${backend.simd}, threads ${backend.threads})`,
  );
  const start = performance.now();
  const figures = await run();
  const record = {
    target: name,
    command: `pnpm --filter @gankit/benchmarks eval:gan ${process.argv.slice(2).join(' ')}`,
    wallSeconds: Math.round((performance.now() - start) / 1000),
    date: new Date().toISOString(),
    ...figures,
  };
  console.log(JSON.stringify(record, null, 2));
  // Run as the bundle dist/gan.js: results/ is beside dist/.
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`gan-${name}.json`, dir), `${JSON.stringify(record, null, 2)}\n`);
}
