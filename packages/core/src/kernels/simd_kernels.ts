import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { SIMD_MODULE_BASE64, SIMD_SHARED_MODULE_BASE64 } from './simd_module';

/**
 * A function of the module: every argument is a number (a byte address into the backend's
 * memory, a count or a scalar), in the order its `*_wat.ts` file documents.
 */
export type SimdFunction = (...args: number[]) => void;

/** The functions of gankit's SIMD module (`simd_wat.ts`), bound to one backend's memory. */
export interface SimdKernels {
  /** See `gemm_wat.ts`. */
  gemm: SimdFunction;
  /** See `gemm_bt_wat.ts`. */
  gemmBT: SimdFunction;
  /** See `adam_wat.ts`. */
  adam: SimdFunction;
  /** See `reduce_wat.ts`. */
  columnSums: SimdFunction;
  /** See `tanh_wat.ts`. */
  tanhFromSigmoid: SimdFunction;
  /** The compiled module and the memory it runs on (a helper thread instantiates the same). */
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Whether the memory is shared (the backend's threaded build). */
  shared: boolean;
}

const compiled = new Map<boolean, WebAssembly.Module>();
const kernelsByBackend = new WeakMap<BackendWasm, SimdKernels | null>();

/**
 * gankit's SIMD kernels instantiated on this backend's memory (shared or not, as the
 * backend's build has it), or null where a runtime without WASM SIMD cannot compile the
 * module; callers then use the backend's own kernels.
 */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  let kernels = kernelsByBackend.get(backend);
  if (kernels !== undefined) return kernels;
  kernels = null;
  const wasm = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const memory = wasm.asm?.memory ?? wasm.wasmMemory;
  if (memory instanceof WebAssembly.Memory) {
    const shared =
      typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
    try {
      let module = compiled.get(shared);
      if (module === undefined) {
        module = new WebAssembly.Module(
          moduleBytes(shared ? SIMD_SHARED_MODULE_BASE64 : SIMD_MODULE_BASE64),
        );
        compiled.set(shared, module);
      }
      const { exports } = new WebAssembly.Instance(module, { env: { memory } });
      kernels = { ...(exports as unknown as SimdKernels), module, memory, shared };
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

function moduleBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
