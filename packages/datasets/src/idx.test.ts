import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FormatError } from '@gankit/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeIdx,
  loadIdx,
  loadIdxImageSet,
  loadIdxImages,
  loadIdxLabels,
  parseIdx,
  parseIdxImages,
  parseIdxLabels,
} from './index';

const dir = mkdtempSync(join(tmpdir(), 'gankit-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

// Written out byte by byte from the format description, independent of encodeIdx.
const IMAGES_2x2x3 = Uint8Array.from([
  0, 0, 0x08, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255,
]);
const LABELS_2 = Uint8Array.from([0, 0, 0x08, 1, 0, 0, 0, 2, 7, 3]);

describe('parseIdx on good bytes', () => {
  it('reads uint8 images: shape from the header, values in order', () => {
    const a = parseIdx(IMAGES_2x2x3, 'x');
    expect(a.dtype).toBe('uint8');
    expect(a.shape).toEqual([2, 2, 3]);
    expect(Array.from(a.data)).toEqual([0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    const images = parseIdxImages(IMAGES_2x2x3);
    expect([images.count, images.rows, images.cols]).toEqual([2, 2, 3]);
  });

  it('reads every type code big-endian: int8, int16, int32, float32, float64', () => {
    const int8 = parseIdx(Uint8Array.from([0, 0, 0x09, 1, 0, 0, 0, 2, 0xff, 0x80]));
    expect(int8.dtype).toBe('int8');
    expect(Array.from(int8.data)).toEqual([-1, -128]);
    const int16 = parseIdx(Uint8Array.from([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe]));
    expect(int16.dtype).toBe('int16');
    expect(Array.from(int16.data)).toEqual([258, -2]);
    const int32 = parseIdx(Uint8Array.from([0, 0, 0x0c, 1, 0, 0, 0, 1, 0x00, 0x01, 0x00, 0x02]));
    expect(Array.from(int32.data)).toEqual([65538]);
    // 1.5 is 0x3fc00000 as float32 and 0x3ff8000000000000 as float64.
    const f32 = parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0xc0, 0, 0]));
    expect(f32.dtype).toBe('float32');
    expect(Array.from(f32.data)).toEqual([1.5]);
    const f64 = parseIdx(
      Uint8Array.from([0, 0, 0x0e, 1, 0, 0, 0, 1, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]),
    );
    expect(f64.dtype).toBe('float64');
    expect(Array.from(f64.data)).toEqual([1.5]);
  });

  it('reads data at an odd byte offset inside a larger buffer', () => {
    const big = new Uint8Array(1 + 12);
    big.set([0, 0, 0x0b, 1, 0, 0, 0, 2, 0x01, 0x02, 0xff, 0xfe], 1);
    expect(Array.from(parseIdx(big.subarray(1)).data)).toEqual([258, -2]);
  });

  it('reads labels as int32', () => {
    const labels = parseIdxLabels(LABELS_2);
    expect(labels).toBeInstanceOf(Int32Array);
    expect(Array.from(labels)).toEqual([7, 3]);
  });

  it('encodeIdx writes what parseIdx reads, for every dtype', () => {
    expect(encodeIdx(parseIdx(IMAGES_2x2x3))).toEqual(IMAGES_2x2x3);
    const cases = [
      { dtype: 'int8', data: Int8Array.from([-5, 7]) },
      { dtype: 'int16', data: Int16Array.from([-300, 300]) },
      { dtype: 'int32', data: Int32Array.from([-70000, 70000]) },
      { dtype: 'float32', data: Float32Array.from([0.25, -3]) },
      { dtype: 'float64', data: Float64Array.from([Math.PI, -Math.E]) },
    ] as const;
    for (const c of cases) {
      const back = parseIdx(encodeIdx({ dtype: c.dtype, shape: [2], data: c.data }));
      expect(back.dtype).toBe(c.dtype);
      expect(Array.from(back.data)).toEqual(Array.from(c.data));
    }
  });
});

describe('parseIdx on broken bytes', () => {
  it('rejects a truncated header', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 8]), 'f')).toThrow(
      "IDX file 'f' is truncated: 3 byte(s), but the header alone needs at least 4.",
    );
    expect(() => parseIdx(IMAGES_2x2x3.subarray(0, 10), 'f')).toThrow(
      "IDX file 'f' is truncated: its header declares 3 dimension(s) and needs 16 bytes, but the file has 10.",
    );
  });

  it('rejects truncated data, at every cut', () => {
    for (let cut = 16; cut < IMAGES_2x2x3.length; cut++) {
      expect(() => parseIdx(IMAGES_2x2x3.subarray(0, cut), 'f')).toThrow(FormatError);
    }
    expect(() => parseIdx(IMAGES_2x2x3.subarray(0, 27), 'f')).toThrow(
      "IDX file 'f' is truncated: its dimensions [2, 2, 3] need 12 bytes of data, but only 11 follow the header.",
    );
  });

  it('rejects a wrong magic number', () => {
    const bad = IMAGES_2x2x3.slice();
    bad[0] = 1;
    expect(() => parseIdx(bad, 'f')).toThrow(
      "IDX file 'f' has a wrong magic number: it must start with bytes 0x00 0x00, but starts with 0x01 0x00.",
    );
    bad[0] = 0;
    bad[2] = 0x0a;
    expect(() => parseIdx(bad, 'f')).toThrow(
      "IDX file 'f' has a wrong magic number: unknown type code 0x0a (expected one of 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e).",
    );
    expect(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), 'f')).toThrow(
      "IDX file 'f' has a wrong magic number: it declares 0 dimensions.",
    );
    // A little-endian header is a classic mistake: 3 dims read as 0x03000000.
    expect(() => parseIdx(Uint8Array.from([3, 8, 0, 0]), 'f')).toThrow(FormatError);
  });

  it('rejects data longer than the dimensions declare', () => {
    const long = new Uint8Array(IMAGES_2x2x3.length + 2);
    long.set(IMAGES_2x2x3);
    expect(() => parseIdx(long, 'f')).toThrow(
      "IDX file 'f' has a size mismatch: its dimensions [2, 2, 3] need 12 bytes of data, but 14 follow the header (2 extra).",
    );
  });

  it('rejects dimensions no file can hold without overflowing', () => {
    const huge = Uint8Array.from([0, 0, 8, 3, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 9]);
    expect(() => parseIdx(huge, 'f')).toThrow(
      "IDX file 'f' is truncated: its dimensions [4294967295, 4294967295, 9] need more bytes than any file can hold.",
    );
  });

  it('rejects gzip bytes (browsers decompress first) and non-bytes', () => {
    expect(() => parseIdx(gzipSync(IMAGES_2x2x3), 'f.gz')).toThrow(/is gzip-compressed/);
    expect(() => parseIdx([0, 0, 8, 1] as unknown as Uint8Array)).toThrow(
      "Argument 'bytes' passed to 'parseIdx' must be a Uint8Array, but got object.",
    );
  });

  it('rejects images that are not rank 3 and labels that are not integer rank 1', () => {
    expect(() => parseIdxImages(LABELS_2, 'l')).toThrow(
      "IDX file 'l' does not hold images: expected 3 dimensions [count, rows, cols], but it has 1 ([2]).",
    );
    expect(() => parseIdxLabels(IMAGES_2x2x3, 'i')).toThrow(
      "IDX file 'i' does not hold labels: expected 1 dimension [count], but it has 3 ([2, 2, 3]).",
    );
    const floats = encodeIdx({ dtype: 'float32', shape: [1], data: Float32Array.from([1]) });
    expect(() => parseIdxLabels(floats, 'l')).toThrow(
      "IDX file 'l' does not hold labels: expected an integer type, but it holds float32.",
    );
  });
});

describe('IDX files', () => {
  it('reads plain and gzipped files alike', () => {
    const plain = file('a-idx3-ubyte', IMAGES_2x2x3);
    const gz = file('a-idx3-ubyte.gz', gzipSync(IMAGES_2x2x3));
    expect(loadIdx(gz)).toEqual(loadIdx(plain));
    expect(loadIdxImages(gz).count).toBe(2);
    expect(Array.from(loadIdxLabels(file('l.gz', gzipSync(LABELS_2))))).toEqual([7, 3]);
  });

  it('names the file in every error', () => {
    const path = file('cut.gz', gzipSync(IMAGES_2x2x3.subarray(0, 20)));
    expect(() => loadIdx(path)).toThrow(
      `IDX file '${path}' is truncated: its dimensions [2, 2, 3] need 12 bytes of data, but only 4 follow the header.`,
    );
  });

  it('rejects a gzip stream that is cut short', () => {
    const packed = gzipSync(IMAGES_2x2x3);
    const path = file('broken.gz', packed.subarray(0, packed.length - 6));
    expect(() => loadIdx(path)).toThrow(FormatError);
    expect(() => loadIdx(path)).toThrow(
      `IDX file '${path}' starts like gzip but does not decompress:`,
    );
  });

  it('pairs images with labels and rejects a count mismatch', () => {
    const images = file('pair-images', IMAGES_2x2x3);
    const labels = file('pair-labels', LABELS_2);
    const set = loadIdxImageSet(images, labels);
    expect(set.images.count).toBe(2);
    expect(Array.from(set.labels)).toEqual([7, 3]);
    const three = file('three-labels', Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 3, 1, 2, 3]));
    expect(() => loadIdxImageSet(images, three)).toThrow(
      `IDX files do not match: '${images}' holds 2 images but '${three}' holds 3 labels.`,
    );
  });
});
