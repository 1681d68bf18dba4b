import {
  type KernelFunc,
  Mean,
  type MeanAttrs,
  type MeanInputs,
  Sum,
  type SumAttrs,
  type SumInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { address, simdKernels } from './simd_kernels';
import { allocate, floats, type WasmKernelArgs } from './wasm_backend';

/**
 * How many leading axes `axis` names when it names exactly axes `0 .. k-1` of a rank-`rank`
 * tensor and leaves at least one axis, else undefined.
 */
export function leadingAxes(axis: number | number[], shape: number[]): number | undefined {
  const axes = util.parseAxisParam(axis, shape).sort((a, b) => a - b);
  if (axes.length === 0 || axes.length >= shape.length) return undefined;
  return axes.every((a, i) => a === i) ? axes.length : undefined;
}

/**
 * Sums (or averages) over the leading axes, as batch statistics do (`[n, h, w, c]` over
 * `[0, 1, 2]`). The backend's kernels first transpose the reduced axes to the end; here it
 * is one pass adding rows, in float64 (four columns at a time in gankit's SIMD module).
 */
function reduceLeading(args: KernelArgs, original: KernelFunc, average: boolean): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<
    SumInputs | MeanInputs,
    SumAttrs | MeanAttrs
  >;
  const x = inputs.x!;
  const k = x.dtype === 'float32' ? leadingAxes(attrs.axis, x.shape) : undefined;
  if (k === undefined) return original(args) as TensorInfo;
  const rest = x.shape.slice(k);
  const rows = util.sizeFromShape(x.shape.slice(0, k));
  const cols = util.sizeFromShape(rest);
  const out = allocate(
    backend,
    attrs.keepDims ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest,
  );
  const scale = average ? 1 / rows : 1;
  const kernels = simdKernels(backend);
  // Four columns at a time in gankit's SIMD module; the last few (or all, without it) here.
  const done = kernels === null ? 0 : cols - (cols % 4);
  if (done > 0) kernels!.columnSums(address(backend, x), address(backend, out), rows, cols, scale);
  const sums = new Float64Array(cols);
  const values = floats(backend, x);
  for (let r = 0; r < rows; r++) {
    const at = r * cols;
    for (let c = done; c < cols; c++) sums[c] = sums[c]! + values[at + c]!;
  }
  const result = floats(backend, out);
  for (let c = done; c < cols; c++) result[c] = sums[c]! * scale;
  return out;
}

/** The `Sum` fast path for reductions over leading axes on the wasm backend. */
export const sumFastPath: FastPath = {
  kernelName: Sum,
  wrap: (original) => (args) => reduceLeading(args, original, false),
};

/** The `Mean` fast path for reductions over leading axes on the wasm backend. */
export const meanFastPath: FastPath = {
  kernelName: Mean,
  wrap: (original) => (args) => reduceLeading(args, original, true),
};
