import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
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
 * `dyᵀ [co, pixels] × patches [pixels, fh·fw·ci]`, which runs on XNNPACK.
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
  const co = g.outChannels;
  const chunk = imagesPerChunk(pixels * patch, g.batchSize);
  let sum: TensorInfo | undefined;
  for (let first = 0; first < g.batchSize; first += chunk) {
    const images = Math.min(chunk, g.batchSize - first);
    const cols = allocate(backend, [images * pixels, patch]);
    const dyT = allocate(backend, [co, images * pixels]);
    im2col(floats(backend, x), g, first, images, floats(backend, cols));
    transposeRows(floats(backend, dy), first * pixels, images * pixels, co, floats(backend, dyT));
    const part = matMul2d(backend, dyT, cols);
    free(backend, cols, dyT);
    if (sum === undefined) {
      sum = part;
    } else {
      addInto(floats(backend, sum), floats(backend, part));
      free(backend, part);
    }
  }
  if (sum === undefined) return zeros(backend, attrs.filterShape);
  const dw = transpose(backend, sum, [1, 0]);
  free(backend, sum);
  return view(dw, attrs.filterShape);
}

/** Writes rows `first .. first + rows` of the `[*, cols]` matrix `m`, transposed, into `out`. */
function transposeRows(
  m: Float32Array,
  first: number,
  rows: number,
  cols: number,
  out: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    const src = (first + r) * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = m[src + c]!;
  }
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
