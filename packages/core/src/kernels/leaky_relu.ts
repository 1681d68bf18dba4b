import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  type KernelConfig,
  type KernelFunc,
  LeakyRelu,
  type LeakyReluAttrs,
  type LeakyReluInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { allocate, floats, type WasmKernelArgs } from './wasm_backend';

/** The kernel of LeakyReLU's gradient: `dy` where `x > 0`, `α·dy` elsewhere. */
export const LeakyReluGrad = 'GankitLeakyReluGrad';

/**
 * `out = v · (α + (1 − α)·[v > 0])` for each `v` of `scaled` and its sign source `x`, written
 * without a branch: on a half-negative batch a branch mispredicts half the time (5 ms for
 * 800k values here, 1.1 ms like this; the backend's own LeakyRelu took 5.8 ms).
 */
function leakyScale(x: Float32Array, scaled: Float32Array, alpha: number, out: Float32Array): void {
  const rest = 1 - alpha;
  for (let i = 0; i < x.length; i++) out[i] = scaled[i]! * (alpha + rest * +(x[i]! > 0));
}

function leakyReluWasm(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<
    LeakyReluInputs,
    LeakyReluAttrs
  >;
  const x = inputs.x!;
  if (x.dtype !== 'float32') return original(args) as TensorInfo;
  const out = allocate(backend, x.shape);
  const values = floats(backend, x);
  leakyScale(values, values, attrs.alpha, floats(backend, out));
  return out;
}

/** The WASM backend's LeakyRelu replaced by a branch-free pass for float32 inputs. */
export const leakyReluFastPath: FastPath = {
  kernelName: LeakyRelu,
  wrap: (original) => (args) => leakyReluWasm(args, original),
};

type GradInputs = { dy: TensorInfo; x: TensorInfo };

function leakyReluGradWasm(args: KernelArgs): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<GradInputs, LeakyReluAttrs>;
  const out = allocate(backend, inputs.x.shape);
  leakyScale(
    floats(backend, inputs.x),
    floats(backend, inputs.dy),
    attrs.alpha,
    floats(backend, out),
  );
  return out;
}

function leakyReluGradCpu(args: KernelArgs): TensorInfo {
  const { inputs, attrs } = args as unknown as { inputs: GradInputs; attrs: LeakyReluAttrs };
  const backend = args.backend as MathBackendCPU;
  const read = (t: TensorInfo) => backend.data.get(t.dataId).values as Float32Array;
  const x = read(inputs.x);
  const out = new Float32Array(x.length);
  leakyScale(x, read(inputs.dy), attrs.alpha, out);
  return backend.makeTensorInfo(inputs.x.shape, 'float32', out);
}

export const leakyReluGradWasmConfig: KernelConfig = {
  kernelName: LeakyReluGrad,
  backendName: 'wasm',
  kernelFunc: leakyReluGradWasm as unknown as KernelConfig['kernelFunc'],
};

export const leakyReluGradCpuConfig: KernelConfig = {
  kernelName: LeakyReluGrad,
  backendName: 'cpu',
  kernelFunc: leakyReluGradCpu as unknown as KernelConfig['kernelFunc'],
};
