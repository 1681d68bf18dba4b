import { labelledSubset, loadMnist } from '@gankit/datasets';
import { SupervisedBaseline } from '@gankit/gan';
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

/** `0.7641` as `76.41%`. */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}

/**
 * Test accuracy of the semi-supervised GAN's comparison point: the same network trained by
 * cross-entropy alone on the same labelled examples, for the same number of updates.
 */
export async function baselineAccuracy(
  labelled: { x: tf.Tensor; y: Int32Array },
  training: { steps: number; seed: number; learningRate: number },
  test: TestDigits,
): Promise<number> {
  const baseline = await new SupervisedBaseline(training).fit(labelled.x, labelled.y);
  try {
    return baseline.score(test.images, test.labels);
  } finally {
    baseline.dispose();
  }
}
