import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type Conv2DBackpropInputInputs,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { col2im, imagesPerChunk } from './im2col';
import { transposedConvByPhases } from './transposed_conv_phases';
import {
  allocate,
  floats,
  free,
  matMul2d,
  transpose,
  view,
  type WasmKernelArgs,
  zeros,
} from './wasm_backend';

/**
 * The gradient of a convolution with respect to its input, which is also the forward pass
 * of a transposed convolution. The backend's kernel is a direct loop at a fraction of its
 * convolution speed. Strided ones run as one stride-1 convolution per output phase
 * ({@link transposedConvByPhases}); the others as one XNNPACK product per chunk of images,
 * `dy [pixels, co] × wᵀ [co, fh·fw·ci]`, whose rows are then added back onto the input
 * pixels each patch covers (col2im). Channels-first calls keep the backend's kernel.
 */
function fastConv2dBackpropInput(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<
    Conv2DBackpropInputInputs,
    Conv2DBackpropInputAttrs
  >;
  const dy = inputs.dy!;
  const filter = inputs.filter!;
  if (attrs.dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    return original(args) as TensorInfo;
  }
  const g = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const phased = transposedConvByPhases(backend, dy, filter, g);
  if (phased) return phased;
  const patch = g.filterHeight * g.filterWidth * g.inChannels;
  const wT = transpose(backend, view(filter, [patch, g.outChannels]), [1, 0]);
  const dx = zeros(backend, attrs.inputShape);
  scatterChunks(backend, dy, wT, g, dx);
  free(backend, wT);
  return dx;
}

function scatterChunks(
  backend: BackendWasm,
  dy: TensorInfo,
  wT: TensorInfo,
  g: backend_util.Conv2DInfo,
  dx: TensorInfo,
): void {
  const pixels = g.outHeight * g.outWidth;
  const co = g.outChannels;
  const patch = wT.shape[1]!;
  const chunk = imagesPerChunk(pixels * patch, g.batchSize);
  for (let first = 0; first < g.batchSize; first += chunk) {
    const images = Math.min(chunk, g.batchSize - first);
    const rows = images * pixels;
    const whole = images === g.batchSize;
    const dyRows = whole ? view(dy, [rows, co]) : rowsOf(backend, dy, first * pixels, rows, co);
    const cols = matMul2d(backend, dyRows, wT);
    if (!whole) free(backend, dyRows);
    col2im(floats(backend, cols), g, first, images, floats(backend, dx));
    free(backend, cols);
  }
}

/** A copy of rows `first .. first + rows` of a `[*, width]` matrix. */
function rowsOf(
  backend: BackendWasm,
  m: TensorInfo,
  first: number,
  rows: number,
  width: number,
): TensorInfo {
  const copy = allocate(backend, [rows, width]);
  floats(backend, copy).set(floats(backend, m).subarray(first * width, (first + rows) * width));
  return copy;
}

/** The `Conv2DBackpropInput` fast path for the wasm backend. */
export const conv2dBackpropInputFastPath: FastPath = {
  kernelName: Conv2DBackpropInput,
  wrap: (original) => (args) => fastConv2dBackpropInput(args, original),
};
