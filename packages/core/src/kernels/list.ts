import type { KernelConfig } from '@tensorflow/tfjs-core';

/** Kernels the WASM backend lacks for training, filled by gankit. One file per kernel. */
export const wasmGapKernels: KernelConfig[] = [];
