import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  broadcast_util,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import type { FastPath, KernelArgs } from './fast_path';
import { gemmProduct, type Product } from './gemm';
import { allocate, floats, free, transpose, view, type WasmKernelArgs } from './wasm_backend';

/**
 * Below this many multiply-adds per matrix, a batched product stays on the backend's own
 * batched loop: splitting it into one XNNPACK call per matrix costs more than it saves.
 */
const SMALL_PRODUCT = 32 * 32 * 32;

/** A matrix product's operands, shapes and batch sizes (transposes still pending), and its output shape. */
interface Operands extends Omit<Product, 'transposeA' | 'transposeB' | 'bias'> {
  outShape: number[];
}

/**
 * The wasm backend multiplies on XNNPACK only for one untransposed pair of matrices; every
 * other call falls to a scalar loop (30x slower with `transposeA`). This fast path runs
 * gankit's own product ({@link gemmProduct}) where it applies, and otherwise makes every
 * call look like the backend's fast one: transposes become explicit transposes, a batch
 * times one matrix becomes one tall product, and a batch times a batch becomes one XNNPACK
 * product per matrix.
 */
export function fastBatchMatMul(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, attrs } = args as unknown as WasmKernelArgs<BatchMatMulInputs, BatchMatMulAttrs>;
  const ops = operands(args.inputs.a!, args.inputs.b!, attrs.transposeA, attrs.transposeB);
  if (ops !== undefined) {
    const { transposeA, transposeB } = attrs;
    const product = gemmProduct(backend, { ...ops, transposeA, transposeB });
    if (product !== undefined) return view(product, ops.outShape);
  }
  const untransposed = !attrs.transposeA && !attrs.transposeB;
  if (ops === undefined || (untransposed && ops.batchA === 1 && ops.batchB === 1)) {
    return original(args) as TensorInfo;
  }
  const { batchA, batchB, m, k, n } = ops;
  if (swapIsCheaper(ops, attrs.transposeA, attrs.transposeB))
    return swappedProduct(backend, ops, original);
  const batched = batchA > 1 && batchB > 1;
  if (batched && untransposed && m * k * n < SMALL_PRODUCT) return original(args) as TensorInfo;
  const a = attrs.transposeA ? transpose(backend, view(ops.a, [batchA, k, m]), [0, 2, 1]) : ops.a;
  const b = attrs.transposeB ? transpose(backend, view(ops.b, [batchB, n, k]), [0, 2, 1]) : ops.b;
  const run = (x: TensorInfo, y: TensorInfo) =>
    original({ inputs: { a: x, b: y }, backend, attrs: { transposeA: false, transposeB: false } });
  let out: TensorInfo;
  if (batchB === 1) {
    out = run(view(a, [batchA * m, k]), view(b, [k, n])) as TensorInfo;
  } else if (batched && m * k * n < SMALL_PRODUCT) {
    out = run(view(a, [batchA, m, k]), view(b, [batchB, k, n])) as TensorInfo;
  } else {
    out = productPerMatrix(backend, a, b, ops, run);
  }
  if (a !== ops.a) free(backend, a);
  if (b !== ops.b) free(backend, b);
  return view(out, ops.outShape);
}

/**
 * For one `a × bᵀ` (a dense layer's input gradient, `dy × Wᵀ`), transposing `b` costs a copy
 * of `b` and XNNPACK repacks the new operand on every call. Computing `(b × aᵀ)ᵀ` instead
 * moves and packs only `a` and the output: cheaper when `b` is the larger matrix.
 */
function swapIsCheaper(ops: Operands, transposeA: boolean, transposeB: boolean): boolean {
  const { batchA, batchB, m, k, n } = ops;
  return !transposeA && transposeB && batchA === 1 && batchB === 1 && 2 * m * k + m * n < 2 * n * k;
}

/** `a × bᵀ` computed as `(b × aᵀ)ᵀ`, with `b` used as stored. */
function swappedProduct(backend: BackendWasm, ops: Operands, original: KernelFunc): TensorInfo {
  const { m, k, n } = ops;
  const aT = transpose(backend, view(ops.a, [m, k]), [1, 0]);
  const outT = original({
    inputs: { a: view(ops.b, [n, k]), b: aT },
    backend,
    attrs: { transposeA: false, transposeB: false },
  }) as TensorInfo;
  const out = transpose(backend, outT, [1, 0]);
  free(backend, aT, outT);
  return view(out, ops.outShape);
}

/** Reads the shapes of a product, or undefined where the backend's own kernel must decide. */
function operands(
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): Operands | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  if (a.shape.length < 2 || b.shape.length < 2) return undefined;
  const [r0, r1] = a.shape.slice(-2) as [number, number];
  const [s0, s1] = b.shape.slice(-2) as [number, number];
  const [m, k] = transposeA ? [r1, r0] : [r0, r1];
  const [kB, n] = transposeB ? [s1, s0] : [s0, s1];
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  // Mismatched or partly broadcast batches: the original kernel reports or handles them.
  if (k !== kB || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return undefined;
  const outer = broadcast_util.assertAndGetBroadcastShape(
    a.shape.slice(0, -2),
    b.shape.slice(0, -2),
  );
  // Batches that pair up only after broadcasting ([3, 1] with [1, 3]) are not one-to-one.
  if (util.sizeFromShape(outer) !== Math.max(batchA, batchB)) return undefined;
  return { a, b, batchA, batchB, m, k, n, outShape: [...outer, m, n] };
}

/** One XNNPACK product per matrix of the batch, copied into one output. */
function productPerMatrix(
  backend: BackendWasm,
  a: TensorInfo,
  b: TensorInfo,
  ops: Operands,
  run: (x: TensorInfo, y: TensorInfo) => TensorInfo | TensorInfo[],
): TensorInfo {
  const { batchA, batchB, m, k, n } = ops;
  const batch = Math.max(batchA, batchB);
  const out = allocate(backend, [batch, m, n]);
  for (let i = 0; i < batch; i++) {
    const ai = batchA === 1 ? view(a, [m, k]) : matrixOf(backend, a, i, [m, k]);
    const bi = batchB === 1 ? view(b, [k, n]) : matrixOf(backend, b, i, [k, n]);
    const product = run(ai, bi) as TensorInfo;
    floats(backend, out).set(floats(backend, product), i * m * n);
    free(backend, product);
    if (batchA > 1) free(backend, ai);
    if (batchB > 1) free(backend, bi);
  }
  return out;
}

/** A copy of matrix `i` of a batch. */
function matrixOf(
  backend: BackendWasm,
  batch: TensorInfo,
  i: number,
  shape: [number, number],
): TensorInfo {
  const size = shape[0] * shape[1];
  const copy = allocate(backend, shape);
  floats(backend, copy).set(floats(backend, batch).subarray(i * size, (i + 1) * size));
  return copy;
}

/** The `BatchMatMul` fast path for the wasm backend. */
export const batchMatMulFastPath: FastPath = {
  kernelName: BatchMatMul,
  wrap: (original) => (args) => fastBatchMatMul(args, original),
};
