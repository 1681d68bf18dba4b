import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';

/** What tfjs passes a kernel function. */
export type KernelArgs = Parameters<KernelFunc>[0];

/**
 * A replacement for a kernel the WASM backend has but runs slowly (or wrongly) in some
 * cases. `wrap` receives the backend's own kernel function and returns one that handles
 * the slow cases itself and hands every other call to the original.
 */
export interface FastPath {
  kernelName: string;
  wrap(original: KernelFunc): KernelFunc;
}

/** The registration that replaces `original` by `fastPath`, keeping its setup and disposal. */
export function withFastPath(original: KernelConfig, fastPath: FastPath): KernelConfig {
  return { ...original, kernelFunc: fastPath.wrap(original.kernelFunc) };
}
