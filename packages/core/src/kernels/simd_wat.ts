import { adamWat } from './adam_wat';
import { gemmWat } from './gemm_wat';

/**
 * The WebAssembly text of gankit's SIMD kernels for the wasm backend: one module that
 * imports the backend's memory (`env.memory`) and exports the matrix products of
 * `gemm_wat.ts` and Adam's update of `adam_wat.ts`. `scripts/build_simd.ts` assembles it
 * (with wabt) into `simd_module.ts`; a test checks the committed bytes still match.
 */
export function simdWat(): string {
  return [
    '(module',
    '  (import "env" "memory" (memory 1))',
    ...gemmWat(),
    ...adamWat(),
    ')',
    '',
  ].join('\n');
}
