import * as tf from '@tensorflow/tfjs-core';
import { withFastPath } from './fast_path';
import { gankitKernels, wasmFastPaths, wasmGapKernels } from './list';

let registered = false;

/**
 * Registers gankit's kernels: the kernels of its own ops (Adam's update, for wasm and cpu) and,
 * for the WASM backend, each gap filler only where the backend has no kernel of that name, and each fast path in place of the backend's own kernel
 * (which it keeps for the cases that are already fast). Safe to call more than once.
 */
export function registerKernelPatches(): void {
  if (registered) return;
  registered = true;
  for (const config of [...wasmGapKernels, ...gankitKernels]) {
    if (!tf.getKernel(config.kernelName, config.backendName)) tf.registerKernel(config);
  }
  for (const fastPath of wasmFastPaths) {
    const original = tf.getKernel(fastPath.kernelName, 'wasm');
    if (!original) continue;
    tf.unregisterKernel(fastPath.kernelName, 'wasm');
    tf.registerKernel(withFastPath(original, fastPath));
  }
}
