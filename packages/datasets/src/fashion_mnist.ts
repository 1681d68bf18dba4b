import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertKnownOptions, ValueError } from '@gankit/core';
import { loadIdxImageSet } from './idx_files';
import {
  type ImageDataset,
  type ImageLoadOptions,
  resolveImageOptions,
  toImageDataset,
} from './image_dataset';

/** The ten Fashion-MNIST classes, by class number. */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** Where Debian's `dataset-fashion-mnist` package installs the gzipped IDX files. */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** Options of {@link loadFashionMnist}: those of every image loader plus the folder. */
export interface FashionMnistOptions extends ImageLoadOptions {
  /** The folder holding the four IDX files (gzipped or not). Default {@link FASHION_MNIST_DEBIAN_DIR}. */
  dir?: string;
}

const OPTIONS = ['split', 'limit', 'normalize', 'flat', 'dir'] as const;

function findFile(dir: string, base: string): string {
  for (const candidate of [`${base}.gz`, base]) {
    const path = join(dir, candidate);
    if (existsSync(path)) return path;
  }
  throw new ValueError(
    `Argument 'dir' passed to 'loadFashionMnist' must be a folder holding '${base}' or '${base}.gz', but neither is in '${dir}' (on Debian: apt-get install dataset-fashion-mnist).`,
  );
}

/**
 * Loads Fashion-MNIST (60,000 train, 10,000 test, 28x28 grey clothing images in ten
 * classes) from IDX files on disk, in Node; nothing is downloaded. By default it reads the
 * files of Debian's `dataset-fashion-mnist` package. Same layout and options as `loadMnist`.
 */
export function loadFashionMnist(options: FashionMnistOptions = {}): ImageDataset {
  assertKnownOptions('loadFashionMnist', options, OPTIONS);
  const resolved = resolveImageOptions('loadFashionMnist', options);
  const dir = options.dir ?? FASHION_MNIST_DEBIAN_DIR;
  if (typeof dir !== 'string') {
    throw new ValueError(
      `Argument 'dir' passed to 'loadFashionMnist' must be a string, but got ${typeof dir}.`,
    );
  }
  const prefix = resolved.split === 'train' ? 'train' : 't10k';
  const names = {
    images: findFile(dir, `${prefix}-images-idx3-ubyte`),
    labels: findFile(dir, `${prefix}-labels-idx1-ubyte`),
  };
  const set = loadIdxImageSet(names.images, names.labels);
  return toImageDataset('loadFashionMnist', set, resolved, FASHION_MNIST_CLASSES, names);
}
