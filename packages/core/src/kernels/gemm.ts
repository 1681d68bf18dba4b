import { type BackendWasm, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { GEMM, GEMM_BT, type GemmJob, gemmHelper, runJob } from './gemm_helper';
import { address, simdKernels } from './simd_kernels';
import { allocate, free, transpose, view } from './wasm_backend';

/** A matrix product as a kernel receives it: `a` and `b` with their pending transposes. */
export interface Product {
  a: TensorInfo;
  b: TensorInfo;
  /** Matrices in `a` (a batch times one `b` is one tall product). */
  batchA: number;
  batchB: number;
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  /** Added to every row of the product, `[n]`. */
  bias?: TensorInfo;
}

/** Below this many multiply-adds, handing half a product to the helper thread costs more than it saves. */
const HELPER_MIN_WORK = 64 * 64 * 64;

/**
 * With XNNPACK on more than one thread, its idle threads spin for milliseconds after each of
 * its kernels and share a core with the helper: the helper then pays only for products this
 * large (a DCGAN convolution's 411M multiply-adds; an MLP layer's 20M ran slower).
 */
const HELPER_MIN_WORK_BESIDE_XNNPACK = 1 << 25;

/**
 * gankit's own matrix product on the wasm backend's heap, or `undefined` where it does not
 * apply (then the caller uses the backend's kernel).
 *
 * The backend's XNNPACK product repacks the right-hand matrix for every tensor it has not
 * seen, which is every call in training (weights change each step), and has no transposed
 * form. This kernel (WASM SIMD, 4 × 8 tiles, see `gemm_wat.ts`) reads B as stored and A as
 * stored or transposed, so a forward pass, a weight gradient (`xᵀ·dy`) and an input
 * gradient (`dy·Wᵀ`, `gemm_bt_wat.ts`) all run without packing or transposing. It serves
 * products with `n` a multiple of 8 and `b` a single matrix. On the backend's threaded build
 * a helper thread ({@link gemmHelper}) computes half the columns of large products.
 */
export function gemmProduct(backend: BackendWasm, product: Product): TensorInfo | undefined {
  const { batchA, batchB, m, k, n, transposeA, transposeB } = product;
  if (n % 8 !== 0 || k === 0 || batchB !== 1 || (transposeA && batchA !== 1)) return undefined;
  const float32 = [product.a, product.b, product.bias].every(
    (x) => x === undefined || x.dtype === 'float32',
  );
  if (!float32) return undefined;
  const kernels = simdKernels(backend);
  if (kernels === null) return undefined;
  const rows = batchA * m;
  // B transposed is read as stored where k allows 4 at a time (gemmBT), else transposed here.
  const direct = transposeB && !transposeA && k % 4 === 0;
  const b = transposeB && !direct ? transpose(backend, view(product.b, [n, k]), [1, 0]) : product.b;
  const out = allocate(backend, [rows, n]);
  const bias = product.bias === undefined ? 0 : address(backend, product.bias);
  const a = address(backend, product.a);
  const [bAt, c] = [address(backend, b), address(backend, out)];
  // Columns [from, to) of the product (8 at a time), with their own bias: one job.
  const columns = (from: number, to: number): GemmJob => {
    const biasFrom = bias && bias + 4 * from;
    return direct
      ? [GEMM_BT, a, bAt + 4 * from * k, c + 4 * from, rows, k, to - from, k, n, biasFrom]
      : [
          GEMM,
          a,
          bAt + 4 * from,
          c + 4 * from,
          rows,
          k,
          to - from,
          transposeA ? m : k,
          n,
          transposeA ? 1 : 0,
          biasFrom,
        ];
  };
  const work = rows * k * n;
  const minWork = getThreadsCount() > 1 ? HELPER_MIN_WORK_BESIDE_XNNPACK : HELPER_MIN_WORK;
  const helper = n >= 16 && work >= minWork ? gemmHelper(kernels) : undefined;
  if (helper?.ready()) {
    const half = 8 * Math.ceil(n / 16);
    helper.post(columns(half, n));
    runJob(kernels, columns(0, half));
    helper.wait();
  } else {
    runJob(kernels, columns(0, n));
  }
  if (b !== product.b) free(backend, b);
  return out;
}
