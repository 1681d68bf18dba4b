import {
  Identity,
  type IdentityInputs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import type { WasmKernelArgs } from './wasm_backend';

/**
 * Identity (what `tf.clone` runs) as a new reference to the same buffer, as the cpu backend
 * does, instead of the wasm backend's copy. tfjs clones every tensor a gradient needs, so
 * the copy cost an MLP GAN step 43 kernels and about 10 MB of copying. Tensors never change
 * their buffer in place, so sharing it is safe; the buffer is freed with its last reference.
 */
function identity(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs } = args as unknown as WasmKernelArgs<IdentityInputs>;
  const x = inputs.x!;
  if (x.dtype === 'string') return original(args) as TensorInfo;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** The `Identity` fast path for the wasm backend. */
export const identityFastPath: FastPath = {
  kernelName: Identity,
  wrap: (original) => (args) => identity(args, original),
};
