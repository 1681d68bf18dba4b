import { FormatError } from '@gankit/core';
import { type IdxArray, parseIdx } from './idx';

/** Images decoded from an IDX file: `data` holds `count` images of `rows` x `cols` values. */
export interface IdxImages extends IdxArray {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
}

/** Images and their labels from a pair of IDX files, checked to have the same count. */
export interface IdxImageSet {
  readonly images: IdxImages;
  readonly labels: Int32Array;
}

/** Checks that a decoded IDX array holds images, `[count, rows, cols]`. */
export function asIdxImages(array: IdxArray, name: string): IdxImages {
  if (array.shape.length !== 3) {
    throw new FormatError(
      `IDX file '${name}' does not hold images: expected 3 dimensions [count, rows, cols], but it has ${array.shape.length} ([${array.shape.join(', ')}]).`,
    );
  }
  const [count, rows, cols] = array.shape as [number, number, number];
  return { ...array, count, rows, cols };
}

/** Checks that a decoded IDX array holds integer labels, `[count]`, and returns them as int32. */
export function asIdxLabels(array: IdxArray, name: string): Int32Array {
  if (array.shape.length !== 1) {
    throw new FormatError(
      `IDX file '${name}' does not hold labels: expected 1 dimension [count], but it has ${array.shape.length} ([${array.shape.join(', ')}]).`,
    );
  }
  if (array.dtype === 'float32' || array.dtype === 'float64') {
    throw new FormatError(
      `IDX file '${name}' does not hold labels: expected an integer type, but it holds ${array.dtype}.`,
    );
  }
  return Int32Array.from(array.data);
}

/** Throws a `FormatError` naming both files unless there is one label per image. */
export function checkSameCount(
  images: IdxImages,
  labels: Int32Array,
  imagesName: string,
  labelsName: string,
): void {
  if (images.count !== labels.length) {
    throw new FormatError(
      `IDX files do not match: '${imagesName}' holds ${images.count} images but '${labelsName}' holds ${labels.length} labels.`,
    );
  }
}

/** Decodes the bytes of an IDX image file (see {@link parseIdx}); pure, for browsers too. */
export function parseIdxImages(bytes: Uint8Array, name = 'images'): IdxImages {
  return asIdxImages(parseIdx(bytes, name), name);
}

/** Decodes the bytes of an IDX label file into int32 labels; pure, for browsers too. */
export function parseIdxLabels(bytes: Uint8Array, name = 'labels'): Int32Array {
  return asIdxLabels(parseIdx(bytes, name), name);
}
