import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { FormatError } from '@gankit/core';
import { type IdxArray, isGzip, parseIdx } from './idx';
import {
  asIdxImages,
  asIdxLabels,
  checkSameCount,
  type IdxImageSet,
  type IdxImages,
} from './idx_dataset';

/** Reads a file's bytes, decompressing them when they start with the gzip magic 1f 8b. */
function readMaybeGzip(path: string): Uint8Array {
  const raw = readFileSync(path);
  if (!isGzip(raw)) return raw;
  try {
    return gunzipSync(raw);
  } catch (error) {
    throw new FormatError(
      `IDX file '${path}' starts like gzip but does not decompress: ${(error as Error).message}.`,
    );
  }
}

/**
 * Reads any IDX file (Node only), gzipped or not. Throws a `FormatError` naming the file
 * and the problem for broken gzip, truncation, a wrong magic number or a size mismatch;
 * errors from the file system itself (a missing file) are Node's own.
 */
export function loadIdx(path: string): IdxArray {
  return parseIdx(readMaybeGzip(path), path);
}

/** Reads an IDX image file, `[count, rows, cols]` (Node only, gzipped or not). */
export function loadIdxImages(path: string): IdxImages {
  return asIdxImages(loadIdx(path), path);
}

/** Reads an IDX label file, `[count]`, as int32 labels (Node only, gzipped or not). */
export function loadIdxLabels(path: string): Int32Array {
  return asIdxLabels(loadIdx(path), path);
}

/**
 * Reads an image file and its label file, and throws a `FormatError` naming both unless
 * they hold the same number of items.
 */
export function loadIdxImageSet(imagesPath: string, labelsPath: string): IdxImageSet {
  const images = loadIdxImages(imagesPath);
  const labels = loadIdxLabels(labelsPath);
  checkSameCount(images, labels, imagesPath, labelsPath);
  return { images, labels };
}
