import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeIdx,
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

describe('loadFashionMnist from a folder of IDX files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gankit-fashion-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Two 2x3 images: pixels 0, 51, 102, 153, 204, 255 and the reverse; labels 9 and 0.
  const pixels = Uint8Array.from([0, 51, 102, 153, 204, 255, 255, 204, 153, 102, 51, 0]);
  writeFileSync(
    join(dir, 't10k-images-idx3-ubyte.gz'),
    gzipSync(encodeIdx({ dtype: 'uint8', shape: [2, 2, 3], data: pixels })),
  );
  writeFileSync(
    join(dir, 't10k-labels-idx1-ubyte'),
    encodeIdx({ dtype: 'uint8', shape: [2], data: Uint8Array.from([9, 0]) }),
  );

  it('reads gzipped and plain files, scaling pixels exactly', () => {
    const data = loadFashionMnist({ dir, split: 'test', flat: true, normalize: '-1..1' });
    try {
      expect(data.images.shape).toEqual([2, 6]);
      const expected = [-1, -0.6, -0.2, 0.2, 0.6, 1, 1, 0.6, 0.2, -0.2, -0.6, -1];
      const got = Array.from(data.images.dataSync());
      expect(Math.max(...got.map((v, k) => Math.abs(v - (expected[k] as number))))).toBeLessThan(
        1e-6,
      );
      expect([got[0], got[5]]).toEqual([-1, 1]);
      expect(Array.from(data.labels)).toEqual([9, 0]);
      expect(data.oneHot.arraySync()).toEqual([
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      ]);
    } finally {
      tf.dispose([data.images, data.oneHot]);
    }
  });

  it('rejects a label outside the ten classes, naming the file', () => {
    const labels = join(dir, 't10k-labels-idx1-ubyte');
    writeFileSync(
      labels,
      encodeIdx({ dtype: 'uint8', shape: [2], data: Uint8Array.from([3, 12]) }),
    );
    expect(() => loadFashionMnist({ dir, split: 'test' })).toThrow(
      `Label file '${labels}' has label 12 at index 1; expected classes 0..9.`,
    );
  });
});
