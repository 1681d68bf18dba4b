import { type BackendInfo, initBackend } from '@gankit/core';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/**
 * Where the three WASM builds of tfjs are served. Importing them with `?url` makes Vite
 * copy them into the build (hashed) and gives their final URLs, in the page and in workers.
 */
export const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': absolute(plainWasm),
  'tfjs-backend-wasm-simd.wasm': absolute(simdWasm),
  'tfjs-backend-wasm-threaded-simd.wasm': absolute(threadedWasm),
};

function absolute(url: string): string {
  return new URL(url, self.location.href).href;
}

/**
 * Starts the WASM backend, with threads when the page is cross-origin isolated. tfjs
 * would take half the cores (one thread on a 2-core machine); training is the page's main
 * job, so it gets every core, up to 4.
 */
export function startBackend(): Promise<BackendInfo> {
  const cores = navigator.hardwareConcurrency || 2;
  return initBackend({ wasmPaths, threads: Math.max(2, Math.min(4, cores)) });
}

/** One line saying what the backend is, e.g. `wasm · SIMD yes · threads 2`. */
export function describeBackend(info: BackendInfo): string {
  return `${info.backend} · SIMD ${info.simd ? 'yes' : 'no'} · threads ${info.threads}`;
}
