import * as tf from '@tensorflow/tfjs-core';
import { wasmGapKernels } from './list';

let registered = false;

/**
 * Registers gankit's kernels for the WASM backend: each one only where the backend has no
 * kernel of that name. Safe to call more than once.
 */
export function registerKernelPatches(): void {
  if (registered) return;
  registered = true;
  for (const config of wasmGapKernels) {
    if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
  }
}
