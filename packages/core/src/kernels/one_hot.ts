import {
  type KernelFunc,
  OneHot,
  type OneHotAttrs,
  type OneHotInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { allocate, floats, ints, type WasmKernelArgs } from './wasm_backend';

/**
 * OneHot for a float32 output. The backend's kernel writes int32 values whatever dtype is
 * asked, so `tf.oneHot(indices, 3, 1, 0, 'float32')` on wasm read back 1.4e-45 for every 1;
 * here the float values are written as asked. Indices outside [0, depth) give a row of
 * `offValue`, as on cpu. int32 outputs stay on the backend's kernel.
 */
function oneHot(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<OneHotInputs, OneHotAttrs>;
  const { dtype, depth, onValue, offValue } = attrs;
  const indices = inputs.indices!;
  if (dtype !== 'float32' || indices.dtype !== 'int32') return original(args) as TensorInfo;
  const out = allocate(backend, [...indices.shape, depth], 'float32');
  const values = floats(backend, out);
  values.fill(offValue);
  ints(backend, indices).forEach((index, row) => {
    if (index >= 0 && index < depth) values[row * depth + index] = onValue;
  });
  return out;
}

/** The `OneHot` fast path (a fix) for the wasm backend. */
export const oneHotFastPath: FastPath = {
  kernelName: OneHot,
  wrap: (original) => (args) => oneHot(args, original),
};
