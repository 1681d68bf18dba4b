import {
  backend_util,
  type KernelFunc,
  MaxPoolGrad,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { floats, type WasmKernelArgs, zeros } from './wasm_backend';

/**
 * The gradient of max pooling: each window's gradient goes to the position of its maximum
 * (the first one in row-major order on ties, as on the cpu backend; none when the window
 * holds only NaN). The backend's own kernel sends it to the wrong element in some windows
 * (for instance when every value is <= 0), so this one replaces it for float32.
 */
function maxPoolGrad(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<
    MaxPoolGradInputs,
    MaxPoolGradAttrs
  >;
  const dy = inputs.dy!;
  const x = inputs.input!;
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') return original(args) as TensorInfo;
  const g = backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const dx = zeros(backend, x.shape);
  routeToMaxima(floats(backend, x), floats(backend, dy), g, floats(backend, dx));
  return dx;
}

function routeToMaxima(
  x: Float32Array,
  dy: Float32Array,
  g: backend_util.Conv2DInfo,
  dx: Float32Array,
): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = g;
  const { top, left } = g.padInfo;
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  for (let b = 0; b < g.batchSize; b++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        best.fill(Number.NEGATIVE_INFINITY);
        where.fill(-1);
        for (let ky = 0; ky < FH; ky++) {
          const iy = oy * SH - top + ky;
          if (iy < 0 || iy >= H) continue;
          for (let kx = 0; kx < FW; kx++) {
            const ix = ox * SW - left + kx;
            if (ix < 0 || ix >= W) continue;
            const at = ((b * H + iy) * W + ix) * C;
            for (let c = 0; c < C; c++) {
              const v = x[at + c]!;
              if (v > best[c]!) {
                best[c] = v;
                where[c] = at + c;
              }
            }
          }
        }
        const dyAt = ((b * OH + oy) * OW + ox) * C;
        for (let c = 0; c < C; c++) {
          const i = where[c]!;
          if (i >= 0) dx[i] = dx[i]! + dy[dyAt + c]!;
        }
      }
    }
  }
}

/** The `MaxPoolGrad` replacement for the wasm backend. */
export const maxPoolGradFastPath: FastPath = {
  kernelName: MaxPoolGrad,
  wrap: (original) => (args) => maxPoolGrad(args, original),
};
