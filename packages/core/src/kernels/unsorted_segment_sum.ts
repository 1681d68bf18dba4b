import {
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  UnsortedSegmentSum,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
  util,
} from '@tensorflow/tfjs-core';
import { allocate, type WasmKernelArgs } from './wasm_backend';

/**
 * Sums the rows of `x` that share a segment id: `out[s] = Σ_{i : ids[i] = s} x[i]`, with
 * 1-D `segmentIds` of length `x.shape[0]`. Ids outside `[0, numSegments)` are dropped, as
 * in TensorFlow. This is the gradient of `gather`, so embeddings train with it.
 */
function unsortedSegmentSum(
  args: WasmKernelArgs<UnsortedSegmentSumInputs, UnsortedSegmentSumAttrs>,
): TensorInfo {
  const { backend, attrs } = args;
  const x = args.inputs.x!;
  const segmentIds = args.inputs.segmentIds!;
  const { numSegments } = attrs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`gankit: ${UnsortedSegmentSum} on wasm supports float32 and int32 x only.`);
  }
  if (segmentIds.shape.length !== 1 || segmentIds.shape[0] !== x.shape[0]) {
    throw new Error(
      `gankit: ${UnsortedSegmentSum} on wasm expects 1-D segmentIds of length ${x.shape[0]}, ` +
        `but got shape [${segmentIds.shape}].`,
    );
  }
  const rowSize = util.sizeFromShape(x.shape.slice(1));
  const out = allocate(backend, [numSegments, ...x.shape.slice(1)], x.dtype);
  const sums = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
  const values = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
  const ids = backend.typedArrayFromHeap(segmentIds);
  sums.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * rowSize;
    const dst = s * rowSize;
    for (let j = 0; j < rowSize; j++) sums[dst + j] = sums[dst + j]! + values[src + j]!;
  }
  return out;
}

/** `UnsortedSegmentSum` for the wasm backend. */
export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
