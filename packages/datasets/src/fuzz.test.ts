import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng, FormatError, initBackend, type Rng } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeIdx,
  type ImageDataset,
  loadFashionMnist,
  loadIdx,
  loadIdxImageSet,
  loadIdxImages,
  loadIdxLabels,
  loadMovieLensCsv,
  loadMovieLensUData,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
  parseMovieLensCsv,
  parseMovieLensUData,
} from './index';

const dir = mkdtempSync(join(tmpdir(), 'gankit-fuzz-'));
beforeAll(async () => {
  await initBackend();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `load`; passes if it returns or throws a FormatError, and reports anything else. */
function outcome(load: () => unknown): 'ok' | 'format' {
  try {
    load();
    return 'ok';
  } catch (error) {
    if (error instanceof FormatError) return 'format';
    throw new Error(`expected only FormatError, got ${String(error)}`, { cause: error });
  }
}

function randomBytes(rng: Rng, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.int(256));
}

/** A copy of `bytes` with a few random bytes replaced. */
function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const flips = 1 + rng.int(4);
  for (let f = 0; f < flips; f++) out[rng.int(out.length)] = rng.int(256);
  return out;
}

const images = encodeIdx({
  dtype: 'uint8',
  shape: [3, 4, 5],
  data: Uint8Array.from({ length: 60 }, (_, i) => (i * 37) % 256),
});
const labels = encodeIdx({ dtype: 'uint8', shape: [3], data: Uint8Array.from([1, 2, 3]) });
const floats = encodeIdx({
  dtype: 'float64',
  shape: [2, 3],
  data: Float64Array.from([1, 2, 3, 4, 5, 6]),
});

const IDX_PARSERS = [
  (b: Uint8Array) => parseIdx(b),
  (b: Uint8Array) => parseIdxImages(b),
  (b: Uint8Array) => parseIdxLabels(b),
];

describe('fuzz: IDX parsers only ever throw FormatError', () => {
  it('on random bytes, random headers and mutated files', () => {
    const rng = createRng('idx-fuzz');
    const counts = { ok: 0, format: 0 };
    for (let round = 0; round < 400; round++) {
      const kind = round % 4;
      let bytes: Uint8Array;
      if (kind === 0) bytes = randomBytes(rng, rng.int(40));
      else if (kind === 1) {
        // A plausible header (valid or invalid type code, rank 1..4) and random rest.
        bytes = randomBytes(rng, 4 + rng.int(80));
        bytes.set([0, 0, 0x08 + rng.int(7), 1 + rng.int(4)].slice(0, bytes.length));
      } else bytes = mutate(rng, [images, labels, floats][kind - 2 + rng.int(2)] as Uint8Array);
      for (const parse of IDX_PARSERS) counts[outcome(() => parse(bytes))]++;
    }
    // Both outcomes happen, so the loop reaches past the first checks.
    expect(counts.format).toBeGreaterThan(100);
    expect(counts.ok).toBeGreaterThan(10);
  });

  it('rejects every truncation of a valid file', () => {
    for (const file of [images, labels, floats]) {
      for (let cut = 0; cut < file.length; cut++) {
        expect(outcome(() => parseIdx(file.subarray(0, cut)))).toBe('format');
      }
    }
  });

  it('through files: plain, gzipped, truncated gzip and random gzip-looking bytes', () => {
    const rng = createRng('idx-file-fuzz');
    const gz = gzipSync(images);
    for (let round = 0; round < 30; round++) {
      const variants = [
        images.subarray(0, rng.int(images.length)),
        gz.subarray(0, rng.int(gz.length)),
        gzipSync(images.subarray(0, rng.int(images.length))),
        Uint8Array.from([0x1f, 0x8b, ...randomBytes(rng, rng.int(30))]),
        mutate(rng, gz),
      ];
      variants.forEach((bytes, v) => {
        const path = join(dir, `f${v}`);
        writeFileSync(path, bytes);
        for (const load of [loadIdx, loadIdxImages, loadIdxLabels]) outcome(() => load(path));
        outcome(() => loadIdxImageSet(path, path));
      });
    }
  });
});

describe('fuzz: the image data set loader only ever throws FormatError', () => {
  it('on broken image and label files in its folder', () => {
    const rng = createRng('image-loader-fuzz');
    const folder = join(dir, 'fashion');
    mkdirSync(folder, { recursive: true });
    const labelsOk = encodeIdx({ dtype: 'uint8', shape: [3], data: Uint8Array.from([1, 2, 3]) });
    const before = tf.memory().numTensors;
    const counts = { ok: 0, format: 0 };
    for (let round = 0; round < 40; round++) {
      const brokenImages = round % 2 === 0;
      const imagesBytes = brokenImages
        ? mutate(rng, images).subarray(0, rng.int(images.length + 1))
        : images;
      const labelBytes = brokenImages ? labelsOk : mutate(rng, labels);
      writeFileSync(join(folder, 't10k-images-idx3-ubyte'), imagesBytes);
      writeFileSync(join(folder, 't10k-labels-idx1-ubyte'), labelBytes);
      counts[
        outcome(() => {
          const data: ImageDataset = loadFashionMnist({ dir: folder, split: 'test' });
          tf.dispose([data.images, data.oneHot]);
        })
      ]++;
    }
    expect(counts.format).toBeGreaterThan(10);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('fuzz: MovieLens parsers only ever throw FormatError', () => {
  const udata = new TextEncoder().encode(
    '196\t242\t3\t881250949\n186\t302\t3\t891717742\n22\t377\t1\t878887116\n',
  );
  const csv = new TextEncoder().encode(
    'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n',
  );

  it('on random, truncated and mutated bytes, in both modes', () => {
    const rng = createRng('movielens-fuzz');
    const counts = { ok: 0, format: 0 };
    for (let round = 0; round < 300; round++) {
      const source = round % 2 === 0 ? udata : csv;
      const variants = [
        randomBytes(rng, rng.int(60)),
        source.subarray(0, rng.int(source.length)),
        mutate(rng, source),
      ];
      for (const bytes of variants) {
        for (const onBadRow of ['throw', 'skip'] as const) {
          counts[outcome(() => parseMovieLensUData(bytes, { onBadRow }))]++;
          counts[outcome(() => parseMovieLensCsv(bytes, { onBadRow }))]++;
        }
      }
    }
    expect(counts.format).toBeGreaterThan(500);
    expect(counts.ok).toBeGreaterThan(500);
  });

  it('through files', () => {
    const rng = createRng('movielens-file-fuzz');
    const path = join(dir, 'ratings');
    for (let round = 0; round < 40; round++) {
      writeFileSync(path, mutate(rng, round % 2 === 0 ? udata : csv));
      outcome(() => loadMovieLensUData(path));
      outcome(() => loadMovieLensCsv(path));
    }
  });
});
