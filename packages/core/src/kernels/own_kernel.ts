import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs } from './fast_path';

/** A kernel function of one of gankit's own ops. */
type OwnKernelFunc = (args: KernelArgs) => TensorInfo | TensorInfo[];

/** The registrations of one of gankit's own kernels on the wasm and cpu backends. */
export function ownKernelConfigs(
  kernelName: string,
  wasm: OwnKernelFunc,
  cpu: OwnKernelFunc,
): [KernelConfig, KernelConfig] {
  const config = (backendName: string, kernelFunc: OwnKernelFunc): KernelConfig => ({
    kernelName,
    backendName,
    kernelFunc: kernelFunc as KernelConfig['kernelFunc'],
  });
  return [config('wasm', wasm), config('cpu', cpu)];
}

/** The float32 values of a tensor on the cpu backend (no copy). */
export function cpuFloats(args: KernelArgs, t: TensorInfo): Float32Array {
  return (args.backend as MathBackendCPU).data.get(t.dataId).values as Float32Array;
}
