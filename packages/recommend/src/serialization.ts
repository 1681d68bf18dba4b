import { FormatError } from '@gankit/core';
import { fromBase64, toBase64 } from './base64';
import { crc32 } from './crc32';
import type { ModelState, StateArray } from './model_state';

/** The `format` tag of saved models. */
export const MODEL_FORMAT = 'gankit-recommend';
/** Version of the saved model layout. */
export const MODEL_FORMAT_VERSION = 1;

/** A fitted model as JSON-safe data; typed arrays are base64 of their little-endian bytes. */
export interface ModelJSON {
  format: typeof MODEL_FORMAT;
  version: number;
  kind: string;
  options: Record<string, unknown>;
  meta: Record<string, unknown>;
  arrays: Record<string, { dtype: DType; data: string }>;
}

type DType = 'float64' | 'float32' | 'int32';

const CONSTRUCTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
} as const;

function dtypeOf(a: StateArray): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  return 'int32';
}

function bytesOf(a: StateArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Copies `bytes` into a new typed array of `dtype`, or null if the length does not fit. */
function arrayFrom(dtype: unknown, bytes: Uint8Array): StateArray | null {
  if (dtype !== 'float64' && dtype !== 'float32' && dtype !== 'int32') return null;
  const C = CONSTRUCTORS[dtype];
  if (bytes.length % C.BYTES_PER_ELEMENT !== 0) return null;
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new C(copy.buffer);
}

/** Encodes a model state as JSON-safe data. */
export function stateToJSON(state: ModelState): ModelJSON {
  const arrays: ModelJSON['arrays'] = {};
  for (const [name, a] of Object.entries(state.arrays)) {
    arrays[name] = { dtype: dtypeOf(a), data: toBase64(bytesOf(a)) };
  }
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    kind: state.kind,
    options: state.options,
    meta: state.meta,
    arrays,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Decodes {@link stateToJSON}'s output; anything malformed is a `FormatError`. */
export function stateFromJSON(json: unknown, where: string): ModelState {
  if (!isRecord(json) || json.format !== MODEL_FORMAT) {
    throw new FormatError(
      `Argument 'json' passed to '${where}' is not a saved gankit-recommend model (format tag missing).`,
    );
  }
  if (json.version !== MODEL_FORMAT_VERSION) {
    throw new FormatError(
      `Argument 'json' passed to '${where}' has version ${String(json.version)}; this library reads version ${MODEL_FORMAT_VERSION}.`,
    );
  }
  if (typeof json.kind !== 'string' || !isRecord(json.options) || !isRecord(json.meta)) {
    throw new FormatError(`Argument 'json' passed to '${where}' is missing kind, options or meta.`);
  }
  if (!isRecord(json.arrays)) {
    throw new FormatError(`Argument 'json' passed to '${where}' is missing its arrays.`);
  }
  const arrays: Record<string, StateArray> = {};
  for (const [name, entry] of Object.entries(json.arrays)) {
    const bytes = isRecord(entry) && typeof entry.data === 'string' ? fromBase64(entry.data) : null;
    const a = bytes && isRecord(entry) ? arrayFrom(entry.dtype, bytes) : null;
    if (a === null) {
      throw new FormatError(`Argument 'json' passed to '${where}' has a corrupt array '${name}'.`);
    }
    arrays[name] = a;
  }
  return { kind: json.kind, options: json.options, meta: json.meta, arrays };
}

const MAGIC = 'GKRECMDL';
const PREFIX = 16; // magic (8) + version (4) + header length (4)

function align8(n: number): number {
  return (n + 7) & ~7;
}

/**
 * Encodes a model state as bytes: magic, version, a JSON header describing the arrays,
 * the arrays' raw little-endian bytes (8-aligned), then a CRC-32 of everything before it.
 */
export function stateToBytes(state: ModelState): Uint8Array {
  const entries = Object.entries(state.arrays);
  const layout: { name: string; dtype: DType; offset: number; byteLength: number }[] = [];
  let offset = 0;
  for (const [name, a] of entries) {
    layout.push({ name, dtype: dtypeOf(a), offset, byteLength: a.byteLength });
    offset = align8(offset + a.byteLength);
  }
  const header = new TextEncoder().encode(
    JSON.stringify({ kind: state.kind, options: state.options, meta: state.meta, arrays: layout }),
  );
  const dataStart = align8(PREFIX + header.length);
  const total = dataStart + offset + 4;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (let n = 0; n < MAGIC.length; n++) out[n] = MAGIC.charCodeAt(n);
  view.setUint32(8, MODEL_FORMAT_VERSION, true);
  view.setUint32(12, header.length, true);
  out.set(header, PREFIX);
  entries.forEach(([, a], n) => {
    out.set(bytesOf(a), dataStart + (layout[n]?.offset ?? 0));
  });
  view.setUint32(total - 4, crc32(out.subarray(0, total - 4)), true);
  return out;
}

/** Decodes {@link stateToBytes}; a truncated or corrupt buffer is a `FormatError`. */
export function stateFromBytes(bytes: Uint8Array, where: string): ModelState {
  const fail = (why: string): never => {
    throw new FormatError(`The model file passed to '${where}' is ${why}.`);
  };
  if (bytes.length < PREFIX + 4) fail('truncated (too short to be a model)');
  for (let n = 0; n < MAGIC.length; n++) {
    if (bytes[n] !== MAGIC.charCodeAt(n)) fail('not a gankit-recommend model (bad magic bytes)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== MODEL_FORMAT_VERSION)
    fail(`version ${version}, expected ${MODEL_FORMAT_VERSION}`);
  const stored = view.getUint32(bytes.length - 4, true);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== stored) {
    fail('corrupt or truncated (checksum mismatch)');
  }
  const headerLength = view.getUint32(12, true);
  let header: Record<string, unknown> = {};
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLength)));
  } catch {
    fail('corrupt (unreadable header)');
  }
  const dataStart = align8(PREFIX + headerLength);
  const layout = header.arrays;
  if (!Array.isArray(layout) || !isRecord(header.options) || !isRecord(header.meta)) {
    return fail('corrupt (incomplete header)');
  }
  const arrays: Record<string, StateArray> = {};
  for (const entry of layout as Record<string, unknown>[]) {
    const start = dataStart + Number(entry.offset);
    const end = start + Number(entry.byteLength);
    const a =
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      end <= bytes.length - 4 &&
      start >= dataStart
        ? arrayFrom(entry.dtype, bytes.subarray(start, end))
        : null;
    if (a === null) fail(`corrupt (array '${String(entry.name)}' is out of bounds)`);
    arrays[String(entry.name)] = a as StateArray;
  }
  return { kind: String(header.kind), options: header.options, meta: header.meta, arrays };
}
