import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import {
  type KernelFunc,
  LeakyRelu,
  type LeakyReluAttrs,
  type LeakyReluInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { cpuFloats, ownKernelConfigs } from './own_kernel';
import { allocate, floats, free, runWasmKernel, type WasmKernelArgs } from './wasm_backend';

/** The kernel of LeakyReLU's gradient: `dy` where `x > 0`, `α·dy` elsewhere. */
export const LeakyReluGrad = 'GankitLeakyReluGrad';

/**
 * `out = v · (α + (1 − α)·[x > 0])` for each `v` of `scaled` and `x`, written without a
 * branch (a branch on a half-negative batch mispredicts half the time). The cpu kernel.
 */
function leakyScale(x: Float32Array, scaled: Float32Array, alpha: number, out: Float32Array): void {
  const rest = 1 - alpha;
  for (let i = 0; i < x.length; i++) out[i] = scaled[i]! * (alpha + rest * +(x[i]! > 0));
}

/** A float32 buffer of `shape` filled with `value`, in the WASM heap; the caller frees it. */
function filled(
  backend: WasmKernelArgs<unknown>['backend'],
  shape: number[],
  value: number,
): TensorInfo {
  const out = allocate(backend, shape);
  floats(backend, out).fill(value);
  return out;
}

/**
 * LeakyReLU as the backend's vectorised Prelu with every channel's slope set to α: 0.28 ms
 * for a 64×14×14×64 batch against 4.4 ms for the backend's LeakyRelu (a scalar loop).
 */
function leakyReluWasm(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<
    LeakyReluInputs,
    LeakyReluAttrs
  >;
  const x = inputs.x!;
  const channels = x.shape.at(-1) ?? 0;
  if (x.dtype !== 'float32' || channels === 0) return original(args) as TensorInfo;
  const alpha = filled(backend, [channels], attrs.alpha);
  const out = runWasmKernel('Prelu', backend, { x, alpha });
  free(backend, alpha);
  return out;
}

/** The WASM backend's LeakyRelu replaced by {@link leakyReluWasm} for float32 inputs. */
export const leakyReluFastPath: FastPath = {
  kernelName: LeakyRelu,
  wrap: (original) => (args) => leakyReluWasm(args, original),
};

type GradInputs = { dy: TensorInfo; x: TensorInfo };

/**
 * `dy · (α + (1 − α)·step(x))` from four vectorised kernels of the backend (Step, two scalar
 * products and a sum): 1 ms for 64×14×14×64 against 13 ms for tfjs's Greater, Multiply and
 * Select, and 3 ms for a JavaScript loop over the heap.
 */
function leakyReluGradWasm(args: KernelArgs): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<GradInputs, LeakyReluAttrs>;
  const { dy, x } = inputs;
  const rest = filled(backend, [], 1 - attrs.alpha);
  const alpha = filled(backend, [], attrs.alpha);
  const mask = runWasmKernel('Step', backend, { x }, { alpha: 0 });
  const scaledMask = runWasmKernel('Multiply', backend, { a: mask, b: rest });
  const slope = runWasmKernel('Add', backend, { a: scaledMask, b: alpha });
  const out = runWasmKernel('Multiply', backend, { a: dy, b: slope });
  free(backend, rest, alpha, mask, scaledMask, slope);
  return out;
}

function leakyReluGradCpu(args: KernelArgs): TensorInfo {
  const { inputs, attrs } = args as unknown as { inputs: GradInputs; attrs: LeakyReluAttrs };
  const x = cpuFloats(args, inputs.x);
  const out = new Float32Array(x.length);
  leakyScale(x, cpuFloats(args, inputs.dy), attrs.alpha, out);
  return (args.backend as MathBackendCPU).makeTensorInfo(inputs.x.shape, 'float32', out);
}

/** The gradient kernel on wasm and on cpu. */
export const [leakyReluGradWasmConfig, leakyReluGradCpuConfig] = ownKernelConfigs(
  LeakyReluGrad,
  leakyReluGradWasm,
  leakyReluGradCpu,
);
