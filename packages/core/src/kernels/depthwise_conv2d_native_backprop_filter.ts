import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type DepthwiseConv2dNativeBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { assertFloat32, floats, type WasmKernelArgs, zeros } from './wasm_backend';

/**
 * The gradient of a depthwise convolution with respect to its `[fh, fw, ci, m]` filter:
 * `dw[ky, kx, c, q] = Σ x[b, iy, ix, c] · dy[b, oy, ox, c·m + q]` over batch and output
 * pixels. Depthwise work is small next to a dense convolution, so a typed-array loop.
 */
function depthwiseConv2dNativeBackpropFilter(
  args: WasmKernelArgs<
    DepthwiseConv2dNativeBackpropFilterInputs,
    DepthwiseConv2dNativeBackpropFilterAttrs
  >,
): TensorInfo {
  const { backend, attrs } = args;
  const x = args.inputs.x!;
  const dy = args.inputs.dy!;
  assertFloat32(DepthwiseConv2dNativeBackpropFilter, { x, dy });
  const g = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    attrs.dilations,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
  const dw = zeros(backend, attrs.filterShape);
  accumulateFilterGradient(floats(backend, x), floats(backend, dy), g, floats(backend, dw));
  return dw;
}

function accumulateFilterGradient(
  x: Float32Array,
  dy: Float32Array,
  g: backend_util.Conv2DInfo,
  dw: Float32Array,
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
            const xAt = ((b * H + iy) * W + ix) * C;
            const dwAt = (ky * FW + kx) * CO;
            for (let c = 0; c < C; c++) {
              const xv = x[xAt + c]!;
              for (let q = 0; q < m; q++) {
                const j = c * m + q;
                dw[dwAt + j] = dw[dwAt + j]! + xv * dy[dyAt + j]!;
              }
            }
          }
        }
      }
    }
  }
}

/** `DepthwiseConv2dNativeBackpropFilter` for the wasm backend. */
export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dNativeBackpropFilter as unknown as KernelFunc,
};
