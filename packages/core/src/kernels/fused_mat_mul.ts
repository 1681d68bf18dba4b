import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  _FusedMatMul,
  type _FusedMatMulAttrs,
  type _FusedMatMulInputs,
  broadcast_util,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { fastBatchMatMul } from './batch_mat_mul';
import type { FastPath, KernelArgs } from './fast_path';
import { gemmProduct } from './gemm';
import { free, runWasmKernel, transpose, view, type WasmKernelArgs } from './wasm_backend';

/**
 * `_FusedMatMul` (matMul + bias + activation) shares the backend's product: fast only for
 * one untransposed pair. Where gankit's own product applies ({@link gemmProduct}) it adds
 * the bias and the activation runs as its own kernel. Otherwise transposes become explicit
 * and a batch times one matrix becomes one tall product, so the fused XNNPACK call still
 * applies; a batch times a batch runs the fast unfused product, then the bias and the
 * activation as their own kernels.
 */
function fastFusedMatMul(args: KernelArgs, original: KernelFunc): TensorInfo {
  const { backend, inputs, attrs } = args as unknown as WasmKernelArgs<
    _FusedMatMulInputs,
    _FusedMatMulAttrs
  >;
  const a0 = inputs.a!;
  const b0 = inputs.b!;
  const { transposeA, transposeB } = attrs;
  if (
    a0.dtype !== 'float32' ||
    b0.dtype !== 'float32' ||
    a0.shape.length < 2 ||
    b0.shape.length < 2
  ) {
    return original(args) as TensorInfo;
  }
  const batchA = util.sizeFromShape(a0.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b0.shape.slice(0, -2));
  const [m, k] = transposeA ? [a0.shape.at(-1)!, a0.shape.at(-2)!] : a0.shape.slice(-2);
  const [kB, n] = transposeB ? [b0.shape.at(-1)!, b0.shape.at(-2)!] : b0.shape.slice(-2);
  const bias = inputs.bias;
  const simpleBias = bias == null || (bias.shape.length === 1 && bias.shape[0] === n);
  if (k !== kB || !simpleBias || !pairsOneToOne(a0.shape, b0.shape)) {
    return original(args) as TensorInfo;
  }
  const outer = (batchA > 1 ? a0 : b0).shape.slice(0, -2);
  const product = gemmProduct(backend, {
    a: a0,
    b: b0,
    batchA,
    batchB,
    m: m!,
    k: k!,
    n: n!,
    transposeA,
    transposeB,
    bias: bias ?? undefined,
  });
  if (product !== undefined) {
    const activated = activate(backend, product, attrs, inputs.preluActivationWeights);
    if (activated !== product) free(backend, product);
    return view(activated, [...outer, m!, n!]);
  }
  if (!transposeA && !transposeB && batchA === 1 && batchB === 1) {
    return original(args) as TensorInfo;
  }
  if (batchA > 1 && batchB > 1) return unfused(args as never);
  const a = transposeA ? transpose(backend, view(a0, [batchA, k!, m!]), [0, 2, 1]) : a0;
  const b = transposeB ? transpose(backend, view(b0, [batchB, n!, k!]), [0, 2, 1]) : b0;
  const out = original({
    // The backend's fused kernel reads rank-3 shapes.
    inputs: { ...inputs, a: view(a, [1, batchA * m!, k!]), b: view(b, [1, k!, n!]) },
    backend,
    attrs: { ...attrs, transposeA: false, transposeB: false },
  }) as TensorInfo;
  if (a !== a0) free(backend, a);
  if (b !== b0) free(backend, b);
  return view(out, [...outer, m!, n!]);
}

/**
 * Whether the batches of two operands pair up one to one (equal, or one of them a single
 * matrix); batches that pair only after broadcasting go to the backend's kernel.
 */
function pairsOneToOne(aShape: number[], bShape: number[]): boolean {
  const batchA = util.sizeFromShape(aShape.slice(0, -2));
  const batchB = util.sizeFromShape(bShape.slice(0, -2));
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) return false;
  const outer = broadcast_util.assertAndGetBroadcastShape(aShape.slice(0, -2), bShape.slice(0, -2));
  return util.sizeFromShape(outer) === Math.max(batchA, batchB);
}

/** The product on the fast path, then `+ bias` and the activation, each its own kernel. */
function unfused(args: WasmKernelArgs<_FusedMatMulInputs, _FusedMatMulAttrs>): TensorInfo {
  const { backend, inputs, attrs } = args;
  const product = fastBatchMatMul(
    {
      inputs: { a: inputs.a!, b: inputs.b! },
      backend,
      attrs: { transposeA: attrs.transposeA, transposeB: attrs.transposeB },
    },
    (plain) => runWasmKernel('BatchMatMul', backend, plain.inputs, plain.attrs),
  );
  let out = product;
  if (inputs.bias != null) {
    out = runWasmKernel('Add', backend, { a: product, b: inputs.bias });
    free(backend, product);
  }
  const activated = activate(backend, out, attrs, inputs.preluActivationWeights);
  if (activated !== out) free(backend, out);
  return activated;
}

function activate(
  backend: BackendWasm,
  x: TensorInfo,
  attrs: _FusedMatMulAttrs,
  preluWeights: TensorInfo | undefined,
): TensorInfo {
  switch (attrs.activation) {
    case 'linear':
      return x;
    case 'relu':
      return runWasmKernel('Relu', backend, { x });
    case 'relu6':
      return runWasmKernel('Relu6', backend, { x });
    case 'elu':
      return runWasmKernel('Elu', backend, { x });
    case 'sigmoid':
      return runWasmKernel('Sigmoid', backend, { x });
    case 'leakyrelu':
      return runWasmKernel('LeakyRelu', backend, { x }, { alpha: attrs.leakyreluAlpha ?? 0.2 });
    case 'prelu':
      return runWasmKernel('Prelu', backend, { x, alpha: preluWeights! });
    default:
      throw new Error(
        `gankit: _FusedMatMul on wasm does not support activation '${attrs.activation}'.`,
      );
  }
}

/** The `_FusedMatMul` fast path for the wasm backend. */
export const fusedMatMulFastPath: FastPath = {
  kernelName: _FusedMatMul,
  wrap: (original) => (args) => fastFusedMatMul(args, original),
};
