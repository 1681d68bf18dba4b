import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DEBIAN_DIR,
  loadFashionMnist,
  loadIdxLabels,
} from './index';

// Reason for skipping: the files come from Debian's `dataset-fashion-mnist` package
// (apt-get install dataset-fashion-mnist), which not every machine has; nothing is downloaded.
const exists = existsSync(join(FASHION_MNIST_DEBIAN_DIR, 't10k-labels-idx1-ubyte.gz'));

beforeAll(async () => {
  await initBackend();
});

describe('loadFashionMnist', () => {
  it.skipIf(!exists)('reads the gzipped Debian files: 6,000 / 1,000 images per class', () => {
    for (const [split, perClass] of [
      ['train', 6000],
      ['test', 1000],
    ] as const) {
      const labels = loadIdxLabels(
        join(
          FASHION_MNIST_DEBIAN_DIR,
          `${split === 'train' ? 'train' : 't10k'}-labels-idx1-ubyte.gz`,
        ),
      );
      const counts = new Array(10).fill(0);
      for (const c of labels) counts[c]++;
      expect(counts).toEqual(new Array(10).fill(perClass));
    }
  });

  it.skipIf(!exists)(
    'gives tensors like loadMnist: 28x28, pixels in [0, 1], ten clothing classes',
    () => {
      const data = loadFashionMnist({ split: 'test', limit: 500 });
      try {
        expect(data.images.shape).toEqual([500, 28, 28, 1]);
        expect(data.oneHot.shape).toEqual([500, 10]);
        expect(data.classNames).toBe(FASHION_MNIST_CLASSES);
        const range = tf.tidy(() => tf.stack([tf.min(data.images), tf.max(data.images)]));
        expect(Array.from(range.dataSync())).toEqual([0, 1]);
        range.dispose();
      } finally {
        tf.dispose([data.images, data.oneHot]);
      }
    },
  );

  it('names the missing folder and the Debian package', () => {
    expect(() => loadFashionMnist({ dir: '/nonexistent' })).toThrow(
      "Argument 'dir' passed to 'loadFashionMnist' must be a folder holding 'train-images-idx3-ubyte' or 'train-images-idx3-ubyte.gz', but neither is in '/nonexistent' (on Debian: apt-get install dataset-fashion-mnist).",
    );
  });
});
