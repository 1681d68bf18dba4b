import { assertBoolean, assertInteger, assertOneOf, FormatError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { IdxImageSet } from './idx_dataset';

/** How pixel bytes 0..255 map to floats: onto [0, 1], or onto [-1, 1] (tanh generators). */
export type PixelRange = '0..1' | '-1..1';

/** Options shared by the image data set loaders. */
export interface ImageLoadOptions {
  /** Which file pair to read. Default `'train'`. */
  split?: 'train' | 'test';
  /** Keep only the first `limit` images (an integer >= 1, at most the split's size). */
  limit?: number;
  /** The range pixels are scaled onto. Default `'0..1'`. */
  normalize?: PixelRange;
  /** `true` for `[n, rows * cols]` images, `false` (default) for `[n, rows, cols, 1]`. */
  flat?: boolean;
}

/**
 * An image classification data set. The tensors belong to the caller: dispose them with
 * `tf.dispose([data.images, data.oneHot])` when done.
 */
export interface ImageDataset {
  /** float32 `[n, rows, cols, 1]`, or `[n, rows * cols]` with `flat: true`. */
  readonly images: tf.Tensor4D | tf.Tensor2D;
  /** The class of each image, 0..numClasses-1. */
  readonly labels: Int32Array;
  /** float32 `[n, numClasses]`, a single 1 per row at the image's class. */
  readonly oneHot: tf.Tensor2D;
  /** The name of each class, by class number. */
  readonly classNames: readonly string[];
}

/** The split, limit, normalization and layout after validation. */
export interface ResolvedImageOptions {
  readonly split: 'train' | 'test';
  readonly limit: number | undefined;
  readonly normalize: PixelRange;
  readonly flat: boolean;
}

/** Validates {@link ImageLoadOptions} for the loader named `where`. */
export function resolveImageOptions(
  where: string,
  options: ImageLoadOptions,
): ResolvedImageOptions {
  const split = assertOneOf(where, 'split', options.split ?? 'train', ['train', 'test'] as const);
  const normalize = assertOneOf(where, 'normalize', options.normalize ?? '0..1', [
    '0..1',
    '-1..1',
  ] as const);
  const limit =
    options.limit === undefined ? undefined : assertInteger(where, 'limit', options.limit);
  const flat = assertBoolean(where, 'flat', options.flat ?? false);
  return { split, limit, normalize, flat };
}

/** Scales pixel bytes (as float32) onto the requested range, on the backend. */
function scalePixels(bytes: tf.Tensor, normalize: PixelRange): tf.Tensor {
  // Division rather than multiplication by 1/255, so 255 maps to exactly 1.
  return normalize === '0..1' ? tf.div(bytes, 255) : tf.sub(tf.div(bytes, 127.5), 1);
}

function checkLabels(labels: Int32Array, numClasses: number, name: string): void {
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i] as number;
    if (c < 0 || c >= numClasses) {
      throw new FormatError(
        `Label file '${name}' has label ${c} at index ${i}; expected classes 0..${numClasses - 1}.`,
      );
    }
  }
}

function oneHotRows(labels: Int32Array, numClasses: number): tf.Tensor2D {
  const values = new Float32Array(labels.length * numClasses);
  labels.forEach((c, i) => {
    values[i * numClasses + c] = 1;
  });
  return tf.tensor2d(values, [labels.length, numClasses]);
}

/**
 * Turns an IDX image set of uint8 pixels into tensors: the first `limit` images, scaled by
 * `normalize`, in the requested layout. `names` are the file names for error messages.
 */
export function toImageDataset(
  where: string,
  set: IdxImageSet,
  options: ResolvedImageOptions,
  classNames: readonly string[],
  names: { images: string; labels: string },
): ImageDataset {
  const { images } = set;
  if (images.dtype !== 'uint8') {
    throw new FormatError(
      `IDX file '${names.images}' holds ${images.dtype} values; '${where}' expects uint8 pixels.`,
    );
  }
  const n = options.limit ?? images.count;
  if (n > images.count) {
    throw new ValueError(
      `Argument 'limit' passed to '${where}' must be at most ${images.count} (the size of the '${options.split}' split), but got ${n}.`,
    );
  }
  const labels = set.labels.slice(0, n);
  checkLabels(labels, classNames.length, names.labels);
  const size = images.rows * images.cols;
  const shape = options.flat ? [n, size] : [n, images.rows, images.cols, 1];
  // The typed-array constructor converts bytes to floats natively, far faster than a loop;
  // the scaling then runs on the backend.
  const bytes = new Float32Array(images.data.subarray(0, n * size));
  const tensor = tf.tidy(() => scalePixels(tf.tensor(bytes, shape), options.normalize)) as
    | tf.Tensor4D
    | tf.Tensor2D;
  return { images: tensor, labels, oneHot: oneHotRows(labels, classNames.length), classNames };
}
