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
 * Starts the WASM backend, with threads when the page is cross-origin isolated. tfjs's
 * threaded build caps its thread pool at half the logical cores (navigator.hardwareConcurrency
 * / 2, at most 8), so a 2-core machine gets one thread even then.
 */
export function startBackend(): Promise<BackendInfo> {
  return initBackend({ wasmPaths });
}

/** One line saying what the backend is, e.g. `wasm · SIMD yes · threads 2`. */
export function describeBackend(info: BackendInfo): string {
  return `${info.backend} · SIMD ${info.simd ? 'yes' : 'no'} · threads ${info.threads}`;
}
