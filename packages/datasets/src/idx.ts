import { FormatError } from '@gankit/core';

/** The element types an IDX file can hold, by their type code (0x08..0x0E, 0x0A unused). */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array that holds each {@link IdxDtype}. */
export type IdxData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** A decoded IDX file: its element type, its dimensions and its values in row-major order. */
export interface IdxArray {
  readonly dtype: IdxDtype;
  readonly shape: readonly number[];
  readonly data: IdxData;
}

interface DtypeInfo {
  readonly dtype: IdxDtype;
  readonly bytes: number;
}

// The IDX format (LeCun's MNIST page): two zero bytes, a type code, the number of
// dimensions, then one big-endian uint32 per dimension, then the values, big-endian.
const DTYPES: ReadonlyMap<number, DtypeInfo> = new Map([
  [0x08, { dtype: 'uint8', bytes: 1 }],
  [0x09, { dtype: 'int8', bytes: 1 }],
  [0x0b, { dtype: 'int16', bytes: 2 }],
  [0x0c, { dtype: 'int32', bytes: 4 }],
  [0x0d, { dtype: 'float32', bytes: 4 }],
  [0x0e, { dtype: 'float64', bytes: 8 }],
]);

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

/** True when `bytes` start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function readHeader(bytes: Uint8Array, name: string): { info: DtypeInfo; shape: number[] } {
  if (bytes.length < 4) {
    throw new FormatError(
      `IDX file '${name}' is truncated: ${bytes.length} byte(s), but the header alone needs at least 4.`,
    );
  }
  const [zero0, zero1, code, rank] = bytes as unknown as [number, number, number, number];
  if (zero0 !== 0 || zero1 !== 0) {
    throw new FormatError(
      `IDX file '${name}' has a wrong magic number: it must start with bytes 0x00 0x00, but starts with ${hex(zero0)} ${hex(zero1)}.`,
    );
  }
  const info = DTYPES.get(code);
  if (info === undefined) {
    throw new FormatError(
      `IDX file '${name}' has a wrong magic number: unknown type code ${hex(code)} (expected one of 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e).`,
    );
  }
  if (rank === 0) {
    throw new FormatError(`IDX file '${name}' has a wrong magic number: it declares 0 dimensions.`);
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new FormatError(
      `IDX file '${name}' is truncated: its header declares ${rank} dimension(s) and needs ${headerBytes} bytes, but the file has ${bytes.length}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let d = 0; d < rank; d++) shape.push(view.getUint32(4 + 4 * d, false));
  return { info, shape };
}

function checkDataLength(bytes: Uint8Array, name: string, shape: number[], want: number) {
  const got = bytes.length - 4 - 4 * shape.length;
  const dims = `[${shape.join(', ')}]`;
  if (got < want) {
    throw new FormatError(
      `IDX file '${name}' is truncated: its dimensions ${dims} need ${want} bytes of data, but only ${got} follow the header.`,
    );
  }
  if (got > want) {
    throw new FormatError(
      `IDX file '${name}' has a size mismatch: its dimensions ${dims} need ${want} bytes of data, but ${got} follow the header (${got - want} extra).`,
    );
  }
}

function decodeValues(bytes: Uint8Array, offset: number, info: DtypeInfo, size: number): IdxData {
  if (info.dtype === 'uint8') return bytes.subarray(offset, offset + size);
  if (info.dtype === 'int8') return new Int8Array(bytes.buffer, bytes.byteOffset + offset, size);
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, size * info.bytes);
  switch (info.dtype) {
    case 'int16': {
      const out = new Int16Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt16(2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getInt32(4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat32(4 * i, false);
      return out;
    }
    default: {
      const out = new Float64Array(size);
      for (let i = 0; i < size; i++) out[i] = view.getFloat64(8 * i, false);
      return out;
    }
  }
}

/**
 * Decodes the bytes of an (uncompressed) IDX file. Pure: no file system, so it runs in
 * browsers too. `name` is used in error messages. For uint8 and int8 files `data` is a
 * view on `bytes` (no copy); other types are converted from big-endian into a new array.
 *
 * Throws a `FormatError` naming `name` and the problem when the bytes are gzip-compressed
 * (decompress first: {@link readIdxFile} does so in Node), truncated, start with a wrong
 * magic number, or hold more bytes than the dimensions declare. It never returns part of
 * a file.
 */
export function parseIdx(bytes: Uint8Array, name = 'bytes'): IdxArray {
  if (!(bytes instanceof Uint8Array)) {
    throw new FormatError(
      `Argument 'bytes' passed to 'parseIdx' must be a Uint8Array, but got ${typeof bytes}.`,
    );
  }
  if (isGzip(bytes)) {
    throw new FormatError(
      `IDX file '${name}' is gzip-compressed; 'parseIdx' needs the decompressed bytes (loadIdx decompresses in Node; use DecompressionStream('gzip') in a browser).`,
    );
  }
  const { info, shape } = readHeader(bytes, name);
  const headerBytes = 4 + 4 * shape.length;
  const size = shape.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(size * info.bytes)) {
    throw new FormatError(
      `IDX file '${name}' is truncated: its dimensions [${shape.join(', ')}] need more bytes than any file can hold.`,
    );
  }
  checkDataLength(bytes, name, shape, size * info.bytes);
  return { dtype: info.dtype, shape, data: decodeValues(bytes, headerBytes, info, size) };
}
