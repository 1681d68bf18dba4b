import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { batchMatMulFastPath } from './batch_mat_mul';
import { compareBackends, transposeCases, wasmLeftovers } from './parity';

const batchOf = (shape: number[]) => shape.slice(0, -2).reduce((x, y) => x * y, 1);

// [label, a shape, b shape] as multiplied (before any transpose flag swaps the last two axes).
const shapes: [string, number[], number[]][] = [
  ['matrix x matrix, odd sizes', [5, 7], [7, 3]],
  ['outer product (k = 1)', [6, 1], [1, 4]],
  ['row x column', [1, 64], [64, 1]],
  ['batch x matrix', [3, 5, 7], [7, 4]],
  ['batch x batch of one', [3, 5, 7], [1, 7, 4]],
  ['batch of one x batch', [1, 5, 7], [3, 7, 4]],
  ['small batch x batch (backend loop)', [4, 6, 5], [4, 5, 3]],
  ['large batch x batch (one product per matrix)', [3, 40, 33], [3, 33, 35]],
  ['rank 4 batches', [2, 3, 9, 8], [2, 3, 8, 6]],
  ['rank 4 x rank 2', [2, 3, 9, 8], [8, 6]],
];

const cases = transposeCases(shapes);
describe('BatchMatMul fast path on wasm', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('matches cpu: %s', async (_, aShape, bShape, ta, tb) => {
    const parity = await compareBackends((rng) =>
      tf.matMul(randomNormal(rng, aShape), randomNormal(rng, bShape), ta, tb),
    );
    expect(parity.wasmShapes).toEqual(parity.cpuShapes);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it.each(cases)(
    'hands the backend only untransposed single products (its XNNPACK path): %s',
    (_, aShape, bShape, ta, tb) => {
      const [m, k] = ta ? aShape.slice(-2).reverse() : aShape.slice(-2);
      const n = tb ? bShape.at(-2)! : bShape.at(-1)!;
      if (batchOf(aShape) > 1 && batchOf(bShape) > 1 && m! * k! * n < 32 ** 3) return;
      const backend = tf.backend() as BackendWasm;
      const registered = tf.getKernel('BatchMatMul', 'wasm')!.kernelFunc;
      const calls: { attrs: tf.NamedAttrMap; a: number[]; b: number[] }[] = [];
      const spy: tf.KernelFunc = (args) => {
        const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
        calls.push({ attrs: args.attrs!, a: a.shape, b: b.shape });
        return registered(args);
      };
      const a = tf.randomNormal(aShape);
      const b = tf.randomNormal(bShape);
      const out = batchMatMulFastPath.wrap(spy)({
        inputs: { a, b },
        backend,
        attrs: { transposeA: ta, transposeB: tb },
      }) as tf.TensorInfo;
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) {
        expect(call.attrs).toEqual({ transposeA: false, transposeB: false });
        expect(batchOf(call.a) * batchOf(call.b)).toBe(1);
      }
      backend.disposeData(out.dataId);
      tf.dispose([a, b]);
    },
  );

  it('computes a hand-checked transposed product', async () => {
    const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const b = tf.tensor2d([5, 6, 7, 8], [2, 2]);
    // aᵀ b = [1 3; 2 4][5 6; 7 8] = [26 30; 38 44]; a bᵀ = [17 23; 39 53].
    expect(Array.from(await tf.matMul(a, b, true, false).data())).toEqual([26, 30, 38, 44]);
    expect(Array.from(await tf.matMul(a, b, false, true).data())).toEqual([17, 23, 39, 53]);
  });

  it('still reports mismatched inner dimensions', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([2, 3]);
    expect(() => tf.matMul(a, b)).toThrow('inner shapes (3) and (2)');
    tf.dispose([a, b]);
  });

  it.each([
    ['transposeA', [40, 30], [40, 20], true, false],
    ['transposeB', [30, 40], [20, 40], false, true],
    ['batch x matrix', [3, 30, 40], [40, 20], false, false],
    ['batch x batch', [3, 40, 30], [3, 20, 40], true, true],
  ] as [string, number[], number[], boolean, boolean][])(
    'leaves no tensors or WASM buffers behind: %s',
    (_, aShape, bShape, ta, tb) => {
      const a = tf.randomNormal(aShape);
      const b = tf.randomNormal(bShape);
      expect(wasmLeftovers(() => tf.matMul(a, b, ta, tb))).toEqual({
        tensors: 0,
        bytes: 0,
        buffers: 0,
      });
      tf.dispose([a, b]);
    },
  );
});
