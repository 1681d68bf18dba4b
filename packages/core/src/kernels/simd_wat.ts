import { adamWat } from './adam_wat';
import { gemmWat } from './gemm_wat';

/**
 * The WebAssembly text of gankit's SIMD kernels for the wasm backend: one module that
 * imports the backend's memory (`env.memory`) and exports the matrix product of
 * `gemm_wat.ts` and Adam's update of `adam_wat.ts`. `shared` declares the memory shared,
 * as the backend's threaded build has it. `scripts/build_simd.ts` assembles both forms
 * (with wabt) into `simd_module.ts`; a test checks the committed bytes still match.
 */
export function simdWat(shared: boolean): string {
  return [
    '(module',
    shared
      ? '  (import "env" "memory" (memory 1 65536 shared))'
      : '  (import "env" "memory" (memory 1))',
    ...gemmWat(),
    ...adamWat(),
    ')',
    '',
  ].join('\n');
}
