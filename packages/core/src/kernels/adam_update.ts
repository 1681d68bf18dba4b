import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { AdamUpdate, type AdamUpdateAttrs, adamUpdateValues } from '../ops/adam_update';
import type { KernelArgs } from './fast_path';
import { cpuFloats, ownKernelConfigs } from './own_kernel';
import { allocate, floats, type WasmKernelArgs } from './wasm_backend';

type Inputs = { p: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo };

/** {@link adamUpdate}'s kernel on wasm: three new buffers written in one pass. */
function adamUpdateWasm(args: KernelArgs): TensorInfo[] {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<Inputs, AdamUpdateAttrs>;
  const shape = inputs.p.shape;
  const outs = [allocate(backend, shape), allocate(backend, shape), allocate(backend, shape)];
  const [p, m, v] = outs.map((o) => floats(backend, o)) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  adamUpdateValues(
    floats(backend, inputs.p),
    floats(backend, inputs.g),
    floats(backend, inputs.m),
    floats(backend, inputs.v),
    { p, m, v },
    attrs,
  );
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
