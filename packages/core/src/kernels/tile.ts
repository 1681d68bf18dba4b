import {
  type KernelFunc,
  type TensorInfo,
  Tile,
  type TileAttrs,
  type TileInputs,
  util,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { allocate, type WasmKernelArgs } from './wasm_backend';

/**
 * Tiling by block copies. The backend's kernel visits every output element; the gradient of
 * batch normalization tiles a `[1, 1, 1, c]` vector over a whole batch of feature maps with
 * it, which made it a fifth of a DCGAN training step. Here the input is copied once and each
 * axis, innermost first, is expanded in place by `copyWithin` of whole blocks.
 */
function tile(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<TileInputs, TileAttrs>;
  const x = inputs.x!;
  const { reps } = attrs;
  if (x.dtype === 'string' || reps.length !== x.shape.length) return original(args) as TensorInfo;
  const outShape = x.shape.map((size, axis) => size * reps[axis]!);
  const out = allocate(backend, outShape, x.dtype);
  if (util.sizeFromShape(outShape) === 0) return out;
  const values = backend.typedArrayFromHeap(out);
  values.set(backend.typedArrayFromHeap(x));
  expandAxes(values, x.shape, reps);
  return out;
}

/**
 * Turns `data`, which holds the input (shape `shape`) at its start, into the tiled output.
 * After expanding axis `a`, the array holds `prod(shape[0..a-1])` blocks, each the input's
 * sub-block at that prefix tiled on axes `a..`. Blocks are processed last to first so that
 * no block overwrites one not yet moved.
 */
function expandAxes(
  data: Float32Array | Int32Array | Uint8Array,
  shape: number[],
  reps: number[],
): void {
  let inner = 1; // size of one entry of axis `a` in the output already tiled on axes > a
  for (let a = shape.length - 1; a >= 0; a--) {
    const block = shape[a]! * inner;
    const r = reps[a]!;
    if (r > 1 && block > 0) {
      const blocks = util.sizeFromShape(shape.slice(0, a));
      for (let p = blocks - 1; p >= 0; p--) {
        const src = p * block;
        const dst = p * block * r;
        if (dst !== src) data.copyWithin(dst, src, src + block);
        let filled = block;
        while (filled < block * r) {
          const n = Math.min(filled, block * r - filled);
          data.copyWithin(dst + filled, dst, dst + n);
          filled += n;
        }
      }
    }
    inner *= shape[a]! * r;
  }
}

/** The `Tile` fast path for the wasm backend. */
export const tileFastPath: FastPath = {
  kernelName: Tile,
  wrap: (original) => (args) => tile(args, original),
};
