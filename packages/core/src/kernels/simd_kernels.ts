import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { SIMD_MODULE_BASE64 } from './simd_module';

/** One matrix-product kernel: see `gemm_wat.ts` for the meaning of each argument. */
export type GemmKernel = (
  a: number,
  b: number,
  c: number,
  m: number,
  k: number,
  n: number,
  lda: number,
  acc: number,
  bias: number,
) => void;

/** Adam's update: see `adam_wat.ts` for the meaning of each argument. */
export type AdamKernel = (
  p: number,
  g: number,
  m: number,
  v: number,
  pOut: number,
  mOut: number,
  vOut: number,
  count: number,
  beta1: number,
  beta2: number,
  c1: number,
  c2: number,
  stepSize: number,
  correction: number,
  epsilon: number,
) => void;

/** The functions of gankit's SIMD module (`simd_wat.ts`), bound to one backend's memory. */
export interface SimdKernels {
  gemm4n: GemmKernel;
  gemm1n: GemmKernel;
  gemm4t: GemmKernel;
  gemm1t: GemmKernel;
  adam: AdamKernel;
}

let compiled: WebAssembly.Module | undefined;
const kernelsByBackend = new WeakMap<BackendWasm, SimdKernels | null>();

/**
 * gankit's SIMD kernels instantiated on this backend's memory, or null where they cannot
 * run: the threaded build's memory is shared (and not exported), and a runtime without
 * WASM SIMD cannot compile the module. Callers then use the backend's own kernels.
 */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  let kernels = kernelsByBackend.get(backend);
  if (kernels !== undefined) return kernels;
  kernels = null;
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  const shared =
    typeof SharedArrayBuffer !== 'undefined' &&
    memory instanceof WebAssembly.Memory &&
    memory.buffer instanceof SharedArrayBuffer;
  if (memory instanceof WebAssembly.Memory && !shared) {
    try {
      compiled ??= new WebAssembly.Module(moduleBytes());
      kernels = new WebAssembly.Instance(compiled, { env: { memory } })
        .exports as unknown as SimdKernels;
    } catch {
      // No WASM SIMD here: the backend's own kernels serve every call.
      kernels = null;
    }
  }
  kernelsByBackend.set(backend, kernels);
  return kernels;
}

/** The byte address of a tensor's data in the wasm heap. */
export function address(backend: BackendWasm, x: TensorInfo): number {
  return (backend.dataIdMap.get(x.dataId) as unknown as { memoryOffset: number }).memoryOffset;
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(SIMD_MODULE_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
