import { adamWat } from './adam_wat';
import { gemmBTWat } from './gemm_bt_wat';
import { gemmWat } from './gemm_wat';
import { reduceWat } from './reduce_wat';
import { tanhWat } from './tanh_wat';

/** Below this |x|, Tanh uses its Taylor polynomial (see `tanh.ts`). */
export const TANH_SMALL = 0.05;

/**
 * The WebAssembly text of gankit's SIMD kernels for the wasm backend: one module that
 * imports the backend's memory (`env.memory`) and exports the matrix product of
 * `gemm_wat.ts` (and with B transposed, `gemm_bt_wat.ts`), Adam's update of `adam_wat.ts`, the column sums of `reduce_wat.ts` and the
 * last pass of Tanh of `tanh_wat.ts`. `shared` declares the memory shared,
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
    ...gemmBTWat(),
    ...adamWat(),
    ...reduceWat(),
    ...tanhWat(TANH_SMALL),
    ')',
    '',
  ].join('\n');
}
