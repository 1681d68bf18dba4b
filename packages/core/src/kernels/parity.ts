import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../rng';

/** What one computation gave on `cpu` and on `wasm`. Used by the kernel tests. */
export interface Parity {
  /** Output shapes on cpu. */
  cpuShapes: number[][];
  /** Output shapes on wasm. */
  wasmShapes: number[][];
  /** Largest `max |wasm − cpu| / max |cpu|` over the outputs (0 when cpu is all zeros and wasm agrees). */
  error: number;
  /** The cpu values, for extra checks. */
  cpu: Float32Array[];
}

/**
 * Runs `make` (which builds its inputs from the generator it is given) on `cpu` and then on
 * `wasm` with the same seed, and compares the outputs.
 */
export async function compareBackends(
  make: (rng: Rng) => tf.Tensor | tf.Tensor[],
  seed = 1,
): Promise<Parity> {
  const cpu = await runOn('cpu', make, seed);
  const wasm = await runOn('wasm', make, seed);
  let error = 0;
  cpu.values.forEach((expected, i) => {
    error = Math.max(error, relativeError(wasm.values[i] ?? new Float32Array(), expected));
  });
  return { cpuShapes: cpu.shapes, wasmShapes: wasm.shapes, error, cpu: cpu.values };
}

async function runOn(
  backend: 'cpu' | 'wasm',
  make: (rng: Rng) => tf.Tensor | tf.Tensor[],
  seed: number,
): Promise<{ values: Float32Array[]; shapes: number[][] }> {
  await tf.setBackend(backend);
  const outputs = tf.tidy(() => {
    const out = make(createRng(seed));
    return Array.isArray(out) ? out : [out];
  });
  const values = await Promise.all(outputs.map(async (t) => Float32Array.from(await t.data())));
  const shapes = outputs.map((t) => t.shape);
  tf.dispose(outputs);
  await tf.setBackend('wasm');
  return { values, shapes };
}

/** The largest {@link relativeError} of `actual[i]` against `expected[i]` over a list of tensors. */
export async function largestRelativeError(
  actual: tf.Tensor[],
  expected: tf.Tensor[],
): Promise<number> {
  let error = 0;
  for (let i = 0; i < actual.length; i++) {
    error = Math.max(error, relativeError(await actual[i]!.data(), await expected[i]!.data()));
  }
  return error;
}

/** `max |a − b| / max |b|`; infinite when the lengths differ. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  if (Number.isNaN(diff)) return Number.POSITIVE_INFINITY;
  return scale === 0 ? diff : diff / scale;
}

/** What running a kernel left behind on wasm: tensors, engine bytes and raw WASM buffers. */
export interface Leftovers {
  tensors: number;
  bytes: number;
  buffers: number;
}

/**
 * Runs `run` on the wasm backend (after one warm-up call), disposes what it returns, and
 * reports how many tensors, engine bytes and WASM heap buffers it left behind.
 */
export function wasmLeftovers(run: () => tf.Tensor | tf.Tensor[]): Leftovers {
  if (tf.getBackend() !== 'wasm') throw new Error('wasmLeftovers: the wasm backend is not active.');
  tf.dispose(run());
  const backend = tf.backend() as BackendWasm;
  const before = tf.memory();
  const buffersBefore = backend.numDataIds();
  tf.dispose(run());
  const after = tf.memory();
  return {
    tensors: after.numTensors - before.numTensors,
    bytes: after.numBytes - before.numBytes,
    buffers: backend.numDataIds() - buffersBefore,
  };
}

/** The four combinations of `[transposeA, transposeB]`. */
export const TRANSPOSE_FLAGS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
  [true, true],
];

/** A matrix-product test case: label, a's and b's shapes as stored, transposeA, transposeB. */
export type ProductCase = [string, number[], number[], boolean, boolean];

/**
 * Each `[label, a shape, b shape]` (shapes as multiplied) under every transpose-flag
 * combination that `keep` accepts: a transposed operand is stored with its last two axes
 * swapped.
 */
export function transposeCases(
  shapes: [string, number[], number[]][],
  keep: (aShape: number[], transposeA: boolean) => boolean = () => true,
): ProductCase[] {
  const swapLast = (s: number[]) => [...s.slice(0, -2), s.at(-1)!, s.at(-2)!];
  return shapes.flatMap(([label, a, b]) =>
    TRANSPOSE_FLAGS.filter(([ta]) => keep(a, ta)).map(
      ([ta, tb]): ProductCase => [
        `${label}, transposeA ${ta}, transposeB ${tb}`,
        ta ? swapLast(a) : a,
        tb ? swapLast(b) : b,
        ta,
        tb,
      ],
    ),
  );
}
