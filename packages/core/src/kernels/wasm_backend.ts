import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';

/** The arguments tfjs hands a kernel function of the WASM backend. */
export interface WasmKernelArgs<Inputs, Attrs = Record<string, never>> {
  inputs: Inputs;
  backend: BackendWasm;
  attrs: Attrs;
}

/**
 * Runs the kernel registered under `name` for the WASM backend, from inside another kernel.
 * The result lives in the WASM heap and is not tracked by the tfjs engine: the caller returns
 * it or frees it with {@link free}.
 */
export function runWasmKernel(
  name: string,
  backend: BackendWasm,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`gankit: the wasm backend has no kernel '${name}'.`);
  return config.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
}

/** The same data seen with another shape of the same size (no copy, no new reference). */
export function view(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

/** `a × b` for 2-D `a` and `b`, without transpose flags: the XNNPACK path of the backend. */
export function matMul2d(backend: BackendWasm, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  return runWasmKernel(
    'BatchMatMul',
    backend,
    { a, b },
    {
      transposeA: false,
      transposeB: false,
    },
  );
}

/** The axes of `x` permuted as `perm` asks (a new buffer). */
export function transpose(backend: BackendWasm, x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
  return runWasmKernel('Transpose', backend, { x }, { perm });
}

/** A new, uninitialised buffer of `shape` in the WASM heap. */
export function allocate(
  backend: BackendWasm,
  shape: number[],
  dtype: tf.DataType = 'float32',
): tf.TensorInfo {
  return backend.makeOutput(shape, dtype) as tf.TensorInfo;
}

/** A new float32 buffer of `shape` filled with zeros. */
export function zeros(backend: BackendWasm, shape: number[]): tf.TensorInfo {
  const out = allocate(backend, shape);
  floats(backend, out).fill(0);
  return out;
}

/**
 * A float32 view on a tensor's bytes in the WASM heap. Take views only after the last
 * allocation a kernel makes: growing the heap detaches every view taken before.
 */
export function floats(backend: BackendWasm, x: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(x) as Float32Array;
}

/** An int32 view on a tensor's bytes in the WASM heap (same caveat as {@link floats}). */
export function ints(backend: BackendWasm, x: tf.TensorInfo): Int32Array {
  return backend.typedArrayFromHeap(x) as Int32Array;
}

/** Frees intermediate buffers a kernel made (one reference each). */
export function free(backend: BackendWasm, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Throws unless every input is float32, naming the kernel. */
export function assertFloat32(kernel: string, inputs: Record<string, tf.TensorInfo>): void {
  for (const [name, info] of Object.entries(inputs)) {
    if (info.dtype !== 'float32') {
      throw new Error(
        `gankit: ${kernel} on wasm supports float32 only, but input '${name}' is ${info.dtype}.`,
      );
    }
  }
}
