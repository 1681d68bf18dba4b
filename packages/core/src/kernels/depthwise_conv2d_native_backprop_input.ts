import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type DepthwiseConv2dNativeBackpropInputInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { assertFloat32, floats, type WasmKernelArgs, zeros } from './wasm_backend';

/**
 * The gradient of a depthwise convolution with respect to its input: every output pixel
 * sends `Σ_q w[ky, kx, c, q] · dy[b, oy, ox, c·m + q]` back to the input pixel under
 * filter tap `(ky, kx)`.
 */
function depthwiseConv2dNativeBackpropInput(
  args: WasmKernelArgs<
    DepthwiseConv2dNativeBackpropInputInputs,
    DepthwiseConv2dNativeBackpropInputAttrs
  >,
): TensorInfo {
  const { backend, attrs } = args;
  const dy = args.inputs.dy!;
  const filter = args.inputs.filter!;
  assertFloat32(DepthwiseConv2dNativeBackpropInput, { dy, filter });
  const g = backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const dx = zeros(backend, attrs.inputShape);
  scatterInputGradient(floats(backend, dy), floats(backend, filter), g, floats(backend, dx));
  return dx;
}

function scatterInputGradient(
  dy: Float32Array,
  w: Float32Array,
  g: backend_util.Conv2DInfo,
  dx: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = g;
  const { dilationHeight: DH, dilationWidth: DW, outChannels: CO } = g;
  const { top, left } = g.padInfo;
  const m = CO / C;
  for (let b = 0; b < g.batchSize; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        const dyAt = ((b * OH + oy) * OW + ox) * CO;
        for (let ky = 0; ky < FH; ky++) {
          const iy = oy * SH - top + ky * DH;
          if (iy < 0 || iy >= H) continue;
          for (let kx = 0; kx < FW; kx++) {
            const ix = ox * SW - left + kx * DW;
            if (ix < 0 || ix >= W) continue;
            const dxAt = ((b * H + iy) * W + ix) * C;
            const wAt = (ky * FW + kx) * CO;
            for (let c = 0; c < C; c++) {
              let s = 0;
              for (let q = 0; q < m; q++) s += w[wAt + c * m + q]! * dy[dyAt + c * m + q]!;
              dx[dxAt + c] = dx[dxAt + c]! + s;
            }
          }
        }
      }
    }
  }
}

/** `DepthwiseConv2dNativeBackpropInput` for the wasm backend. */
export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropInput as unknown as KernelFunc,
};
