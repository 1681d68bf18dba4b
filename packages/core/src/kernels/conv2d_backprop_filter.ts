import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { im2col, imagesPerChunk } from './im2col';
import {
  allocate,
  assertFloat32,
  floats,
  free,
  matMul2d,
  transpose,
  view,
  type WasmKernelArgs,
  zeros,
} from './wasm_backend';

/**
 * The gradient of a convolution with respect to its filter (the wasm backend has none):
 * lower the input to patch rows (im2col), then one matrix product per chunk of images,
 * `patchesᵀ [fh·fw·ci, pixels] × dy [pixels, co]`, which runs on XNNPACK.
 */
function conv2dBackpropFilter(
  args: WasmKernelArgs<Conv2DBackpropFilterInputs, Conv2DBackpropFilterAttrs>,
): TensorInfo {
  const { backend, attrs } = args;
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  assertFloat32(Conv2DBackpropFilter, { x, dy });
  if (attrs.dataFormat === 'NCHW') {
    throw new Error(`gankit: ${Conv2DBackpropFilter} on wasm supports dataFormat 'NHWC' only.`);
  }
  const g = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const patch = g.filterHeight * g.filterWidth * g.inChannels;
  const pixels = g.outHeight * g.outWidth;
  const chunk = imagesPerChunk(pixels * patch, g.batchSize);
  let sum: TensorInfo | undefined;
  for (let first = 0; first < g.batchSize; first += chunk) {
    const images = Math.min(chunk, g.batchSize - first);
    const part = chunkGradient(backend, x, dy, g, first, images);
    if (sum === undefined) {
      sum = part;
    } else {
      addInto(floats(backend, sum), floats(backend, part));
      free(backend, part);
    }
  }
  if (sum === undefined) return zeros(backend, attrs.filterShape);
  return view(sum, attrs.filterShape);
}

/**
 * `patchesᵀ × dy` for images `first .. first + images`: a `[fh·fw·ci, co]` partial sum.
 * The patches are transposed explicitly so that the backend packs the small `dy` as its
 * weight operand (packing the large patch matrix instead made this twice as slow).
 */
function chunkGradient(
  backend: BackendWasm,
  x: TensorInfo,
  dy: TensorInfo,
  g: backend_util.Conv2DInfo,
  first: number,
  images: number,
): TensorInfo {
  const rows = images * g.outHeight * g.outWidth;
  const patch = g.filterHeight * g.filterWidth * g.inChannels;
  const cols = allocate(backend, [rows, patch]);
  im2col(floats(backend, x), g, first, images, floats(backend, cols));
  const colsT = transpose(backend, cols, [1, 0]);
  free(backend, cols);
  const dyRows = rowsOf(backend, dy, first * g.outHeight * g.outWidth, rows, g.outChannels);
  const part = matMul2d(backend, colsT, dyRows);
  if (dyRows.dataId !== dy.dataId) free(backend, dyRows);
  free(backend, colsT);
  return part;
}

/** Rows `first .. first + rows` of the `[*, width]` matrix `m`: a view when that is all of it. */
function rowsOf(
  backend: BackendWasm,
  m: TensorInfo,
  first: number,
  rows: number,
  width: number,
): TensorInfo {
  if (first === 0 && rows * width === util.sizeFromShape(m.shape)) return view(m, [rows, width]);
  const copy = allocate(backend, [rows, width]);
  floats(backend, copy).set(floats(backend, m).subarray(first * width, (first + rows) * width));
  return copy;
}

function addInto(target: Float32Array, values: Float32Array): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! + values[i]!;
}

/** `Conv2DBackpropFilter` for the wasm backend. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as KernelFunc,
};
