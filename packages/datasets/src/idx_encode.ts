import { ValueError } from '@gankit/core';
import type { IdxArray, IdxDtype } from './idx';

const CODES: Record<IdxDtype, { code: number; bytes: number }> = {
  uint8: { code: 0x08, bytes: 1 },
  int8: { code: 0x09, bytes: 1 },
  int16: { code: 0x0b, bytes: 2 },
  int32: { code: 0x0c, bytes: 4 },
  float32: { code: 0x0d, bytes: 4 },
  float64: { code: 0x0e, bytes: 8 },
};

/**
 * Encodes an array as an (uncompressed) IDX file, the inverse of `parseIdx`: for saving
 * a subset of a data set, or writing test fixtures. Values are written big-endian.
 */
export function encodeIdx(array: IdxArray): Uint8Array {
  const info = CODES[array.dtype];
  const size = array.shape.reduce((a, b) => a * b, 1);
  if (info === undefined || array.shape.length === 0 || array.shape.length > 255) {
    throw new ValueError(
      `Argument 'array' passed to 'encodeIdx' must have a dtype of ${Object.keys(CODES).join(', ')} and 1 to 255 dimensions.`,
    );
  }
  if (array.data.length !== size) {
    throw new ValueError(
      `Argument 'array' passed to 'encodeIdx' has shape [${array.shape.join(', ')}] (${size} values) but ${array.data.length} values.`,
    );
  }
  const header = 4 + 4 * array.shape.length;
  const bytes = new Uint8Array(header + size * info.bytes);
  const view = new DataView(bytes.buffer);
  bytes[2] = info.code;
  bytes[3] = array.shape.length;
  array.shape.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  const write = {
    uint8: (o: number, v: number) => view.setUint8(o, v),
    int8: (o: number, v: number) => view.setInt8(o, v),
    int16: (o: number, v: number) => view.setInt16(o, v, false),
    int32: (o: number, v: number) => view.setInt32(o, v, false),
    float32: (o: number, v: number) => view.setFloat32(o, v, false),
    float64: (o: number, v: number) => view.setFloat64(o, v, false),
  }[array.dtype];
  for (let i = 0; i < size; i++) write(header + i * info.bytes, array.data[i] as number);
  return bytes;
}
