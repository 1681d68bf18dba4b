import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import { AdamUpdate, type AdamUpdateAttrs, adamScales, adamUpdateValues } from '../ops/adam_update';
import type { KernelArgs } from './fast_path';
import { cpuFloats, ownKernelConfigs } from './own_kernel';
import { address, simdKernels } from './simd_kernels';
import { allocate, floats, type WasmKernelArgs } from './wasm_backend';

type Inputs = { p: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo };

/**
 * {@link adamUpdate}'s kernel on wasm: three new buffers written in one pass, four values
 * at a time by gankit's SIMD module where it runs (the last values, and runtimes without
 * it, in JavaScript).
 */
function adamUpdateWasm(args: KernelArgs): TensorInfo[] {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<Inputs, AdamUpdateAttrs>;
  const shape = inputs.p.shape;
  const outs = [allocate(backend, shape), allocate(backend, shape), allocate(backend, shape)];
  const size = util.sizeFromShape(shape);
  const kernels = simdKernels(backend);
  const done = kernels === null ? 0 : size - (size % 4);
  if (done > 0) {
    const { beta1, beta2, epsilon } = attrs;
    const { stepSize, correction } = adamScales(attrs);
    // p, g, m, v, then p', m', v' (see adam_wat.ts).
    const addresses = [inputs.p, inputs.g, inputs.m, inputs.v, ...outs].map((x) =>
      address(backend, x),
    );
    kernels!.adam(
      ...addresses,
      done,
      beta1,
      beta2,
      1 - beta1,
      1 - beta2,
      stepSize,
      correction,
      epsilon,
    );
  }
  if (done < size) {
    const rest = (x: TensorInfo) => floats(backend, x).subarray(done);
    const [p, m, v] = outs.map(rest) as [Float32Array, Float32Array, Float32Array];
    adamUpdateValues(
      rest(inputs.p),
      rest(inputs.g),
      rest(inputs.m),
      rest(inputs.v),
      { p, m, v },
      attrs,
    );
  }
  return outs;
}

/** {@link adamUpdate}'s kernel on cpu. */
function adamUpdateCpu(args: KernelArgs): TensorInfo[] {
  const { inputs, attrs } = args as unknown as { inputs: Inputs; attrs: AdamUpdateAttrs };
  const backend = args.backend as MathBackendCPU;
  const read = (t: TensorInfo) => cpuFloats(args, t);
  const size = read(inputs.p).length;
  const out = { p: new Float32Array(size), m: new Float32Array(size), v: new Float32Array(size) };
  adamUpdateValues(read(inputs.p), read(inputs.g), read(inputs.m), read(inputs.v), out, attrs);
  const shape = inputs.p.shape;
  return [out.p, out.m, out.v].map((values) => backend.makeTensorInfo(shape, 'float32', values));
}

/** {@link adamUpdate}'s kernel on wasm and on cpu. */
export const [adamUpdateWasmConfig, adamUpdateCpuConfig] = ownKernelConfigs(
  AdamUpdate,
  adamUpdateWasm,
  adamUpdateCpu,
);
