import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TensorInfo } from '@tensorflow/tfjs-core';
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

/**
 * Depth of one pass over k: a block of B rows stays in cache while every row of A uses it.
 * Measured on this machine's 2-core EPYC: 256 is 15-20% faster than one pass for k = 784.
 */
const K_BLOCK = 256;

/**
 * gankit's own matrix product on the wasm backend's heap, or `undefined` where it does not
 * apply (then the caller uses the backend's kernel).
 *
 * The backend's XNNPACK product repacks the right-hand matrix for every tensor it has not
 * seen, which is every call in training (weights change each step), and has no transposed
 * form. These kernels (WASM SIMD, 4 × 8 tiles, see `gemm_wat.ts`) read B as stored and A
 * as stored or transposed, so a forward pass, a weight gradient (`xᵀ·dy`) and an input
 * gradient (`dy·Wᵀ`, one explicit transpose of W) all run without packing. They serve
 * products with `n` a multiple of 8, `b` a single matrix, and the single-threaded build:
 * with threads the backend's XNNPACK product splits work across them.
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
  const b = transposeB ? transpose(backend, view(product.b, [n, k]), [1, 0]) : product.b;
  const out = allocate(backend, [rows, n]);
  const bias = product.bias === undefined ? 0 : address(backend, product.bias);
  const [a, bAt, c] = [address(backend, product.a), address(backend, b), address(backend, out)];
  const whole = rows - (rows % 4);
  for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
    const depth = Math.min(K_BLOCK, k - k0);
    const acc = k0 > 0 ? 1 : 0;
    const bBlock = bAt + 4 * k0 * n;
    const biasBlock = acc ? 0 : bias;
    if (transposeA) {
      // A is stored [k, m]: block k0 starts at row k0; row i of the product is column i.
      const aBlock = a + 4 * k0 * m;
      kernels.gemm4t(aBlock, bBlock, c, whole, depth, n, m, acc, biasBlock);
      kernels.gemm1t(
        aBlock + 4 * whole,
        bBlock,
        c + 4 * whole * n,
        rows - whole,
        depth,
        n,
        m,
        acc,
        biasBlock,
      );
    } else {
      const aBlock = a + 4 * k0;
      kernels.gemm4n(aBlock, bBlock, c, whole, depth, n, k, acc, biasBlock);
      kernels.gemm1n(
        aBlock + 4 * whole * k,
        bBlock,
        c + 4 * whole * n,
        rows - whole,
        depth,
        n,
        k,
        acc,
        biasBlock,
      );
    }
  }
  if (b !== product.b) free(backend, b);
  return out;
}
