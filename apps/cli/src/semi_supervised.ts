import { createRng } from '@gankit/core';
import { labelledSubset, loadMnist } from '@gankit/datasets';
import {
  type LearningRateSchedule,
  SemiSupervisedGAN,
  SupervisedBaseline,
  salimansDiscriminator,
  salimansGenerator,
} from '@gankit/gan';
import { initializeFromData, type Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { positiveInt, UsageError } from './errors';

const DIGITS = 10;

/** MNIST's test digits as `gankit train sgan` scores them: flat, in [-1, 1] like the training digits. */
export interface TestDigits {
  images: tf.Tensor;
  labels: Int32Array;
}

/** Reads `--labels` (default 100): a positive multiple of 10, so every digit gets as many. */
export function labelCount(value: string | undefined): number {
  const count = positiveInt('labels', value, 100);
  if (count % DIGITS !== 0)
    throw new UsageError(
      `--labels must be a multiple of 10 (the same number of labelled examples per digit), got '${value}'`,
    );
  return count;
}

/**
 * The labelled examples of a semi-supervised run: `count / 10` digits of each class, drawn
 * from `images` with `seed` by `labelledSubset`. The caller disposes `x`.
 */
export function labelledDigits(
  images: tf.Tensor,
  labels: Int32Array,
  count: number,
  seed: number,
): { x: tf.Tensor; y: Int32Array } {
  const perDigit = count / DIGITS;
  const sizes = new Int32Array(DIGITS);
  for (const c of labels) sizes[c] = (sizes[c] as number) + 1;
  const short = sizes.findIndex((n) => n < perDigit);
  if (short >= 0)
    throw new UsageError(
      `--labels ${count} needs ${perDigit} examples of each digit, but the ${labels.length} training images hold only ${sizes[short]} of digit ${short} (raise --limit or lower --labels)`,
    );
  const { labelled } = labelledSubset(labels, { nPerClass: perDigit, seed });
  const x = tf.tidy(() => tf.gather(images, tf.tensor1d(labelled, 'int32')));
  return { x, y: Int32Array.from(labelled, (i) => labels[i] as number) };
}

/** Loads MNIST's 10,000 test digits, flat and in [-1, 1]. The caller disposes `images`. */
export function loadTestDigits(): TestDigits {
  const set = loadMnist({ split: 'test', normalize: '-1..1', flat: true });
  set.oneHot.dispose();
  return { images: set.images, labels: set.labels };
}

/** The networks `gankit train sgan --net` offers; the first is the default. */
export const sganNets = ['salimans-wn', 'salimans', 'small'] as const;

/** A `--net` of `gankit train sgan`. */
export type SganNet = (typeof sganNets)[number];

/** Reads `--net` (default `salimans-wn`). */
export function sganNet(value: string | undefined): SganNet {
  const net = value ?? 'salimans-wn';
  if (!(sganNets as readonly string[]).includes(net))
    throw new UsageError(`--net must be one of ${sganNets.join(', ')}, got '${value}'`);
  return net as SganNet;
}

/** The learning rate `gankit train sgan` uses without `--lr`: 0.003 for Salimans' networks (theirs). */
export function sganLearningRate(net: SganNet): number {
  return net === 'small' ? 2e-4 : 0.003;
}

/** Training images that set the scales of a `salimans-wn` D (their code uses 500). */
const INIT_IMAGES = 500;

/**
 * Salimans et al.'s data-dependent init of a `salimans-wn` D, on up to 500 of `images` picked
 * with `seed`; other networks are left as they are. Call it before training, not on resume.
 */
export function initializeDiscriminator(
  net: SganNet,
  discriminator: Sequential,
  images: tf.Tensor,
  seed: number,
): void {
  if (net !== 'salimans-wn') return;
  const n = images.shape[0] as number;
  const picked = createRng(`${seed}:init`).permutation(n).slice(0, Math.min(INIT_IMAGES, n));
  const x = tf.tidy(() => tf.gather(images, tf.tensor1d(picked, 'int32')));
  try {
    initializeFromData(discriminator, x);
  } finally {
    x.dispose();
  }
}

/**
 * The semi-supervised GAN of `gankit train sgan`. `salimans-wn` (the default): Salimans et
 * al.'s MNIST networks on gankit's [-1, 1] pixels with their weight normalisation in D
 * (initialise it with {@link initializeDiscriminator}), D's weights averaged (decay 0.999) to
 * classify, unsupervised weight 1, at a constant rate. `salimans`: the same networks without
 * weight normalisation and the unlabelled term halved (`gankit train` adds a linear decay of
 * the learning rate). `small`: gankit's default networks (the only ones before: runs without
 * `net` in their run.json were trained with them).
 */
export function createSgan(
  net: SganNet,
  options: { seed: number | string; learningRate: number; sampleShape: number[] },
): SemiSupervisedGAN {
  if (net === 'small') return new SemiSupervisedGAN(options);
  const { seed, learningRate, sampleShape } = options;
  const networkOptions = { seed, sampleShape, pixelRange: '-1..1' as const };
  const weightNorm = net === 'salimans-wn';
  return new SemiSupervisedGAN({
    seed,
    learningRate,
    generator: salimansGenerator(networkOptions),
    discriminator: salimansDiscriminator({ ...networkOptions, weightNorm }),
    averageDecay: 0.999,
    unsupervisedWeight: weightNorm ? 1 : 0.5,
  });
}

/**
 * The network the supervised baseline trains: a fresh D of the same kind as the run's (a
 * `salimans-wn` D initialised on the labelled images, the only ones the baseline sees).
 */
function baselineNetwork(net: SganNet, seed: number, labelled: tf.Tensor): Sequential | undefined {
  if (net === 'small') return undefined;
  const d = salimansDiscriminator({ seed, pixelRange: '-1..1', weightNorm: net === 'salimans-wn' });
  initializeDiscriminator(net, d, labelled, seed);
  return d;
}

/** `0.7641` as `76.41%`. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/**
 * Test accuracy of the semi-supervised GAN's comparison point: the same network trained by
 * cross-entropy alone on the same labelled examples, for the same number of updates at the
 * same rates.
 */
export async function baselineAccuracy(
  labelled: { x: tf.Tensor; y: Int32Array },
  training: {
    steps: number;
    seed: number;
    learningRate: number;
    net: SganNet;
    learningRateSchedule?: LearningRateSchedule;
  },
  test: TestDigits,
): Promise<number> {
  const { net, learningRateSchedule, ...rest } = training;
  const network = baselineNetwork(net, training.seed, labelled.x);
  const baseline = await new SupervisedBaseline({
    ...rest,
    ...(network ? { network } : {}),
    ...(learningRateSchedule ? { learningRateSchedule } : {}),
  }).fit(labelled.x, labelled.y);
  try {
    return baseline.score(test.images, test.labels);
  } finally {
    baseline.dispose();
  }
}
