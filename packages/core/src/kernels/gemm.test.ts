import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { gemmProduct } from './gemm';
import { compareBackends, TRANSPOSE_FLAGS, transposeCases, wasmLeftovers } from './parity';

// [label, a shape, b shape] as multiplied (before a transpose flag swaps the last two axes).
// Every n is a multiple of 8, so gankit's own product runs; the others test its edges.
const shapes: [string, number[], number[]][] = [
  ['MLP layer (k in 4 blocks of 256)', [100, 784], [784, 256]],
  ['rows not a multiple of 4, k = 300', [7, 300], [300, 16]],
  ['rows in three blocks of 128, the last with a tail (301 rows)', [301, 40], [40, 16]],
  ['one row', [1, 33], [33, 8]],
  ['k = 1', [5, 1], [1, 8]],
  ['batch x matrix (one tall product)', [3, 5, 20], [20, 24]],
];
// A batch stored transposed is not one matrix: the other fast path takes it.
const cases = transposeCases(shapes, (a, ta) => !(ta && a.length > 2));
/** The product as gemmProduct computes it, or undefined where it declines. */
function ownProduct(
  a: tf.Tensor,
  b: tf.Tensor,
  transposeA: boolean,
  transposeB: boolean,
  bias?: tf.Tensor,
): tf.Tensor | undefined {
  const backend = tf.backend() as BackendWasm;
  const [m, k] = transposeA ? [a.shape.at(-1)!, a.shape.at(-2)!] : a.shape.slice(-2);
  const n = transposeB ? b.shape.at(-2)! : b.shape.at(-1)!;
  const batchA = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  const info = gemmProduct(backend, {
    a,
    b,
    batchA,
    batchB: 1,
    m: m!,
    k: k!,
    n,
    transposeA,
    transposeB,
    bias,
  });
  if (info === undefined) return undefined;
  return tf.engine().makeTensorFromTensorInfo(info);
}

describe("gankit's matrix product (WASM SIMD gemm)", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it.each(cases)('runs and matches cpu: %s', async (_, aShape, bShape, ta, tb) => {
    const a = tf.randomNormal(aShape, 0, 1, 'float32', 1);
    const b = tf.randomNormal(bShape, 0, 1, 'float32', 2);
    const own = ownProduct(a, b, ta, tb);
    expect(own).toBeDefined();
    const expected = tf.matMul(a, b, ta, tb);
    expect(own!.shape).toEqual([
      expected.shape.slice(0, -1).reduce((x, y) => x * y, 1),
      expected.shape.at(-1),
    ]);
    tf.dispose([a, b, own!, expected]);
    const parity = await compareBackends((rng) =>
      tf.matMul(randomNormal(rng, aShape), randomNormal(rng, bShape), ta, tb),
    );
    expect(parity.wasmShapes).toEqual(parity.cpuShapes);
    expect(parity.error).toBeLessThan(1e-4);
  });

  it('computes a hand-checked product with a bias and with A transposed', async () => {
    // [1 2; 3 4; 5 6; 7 8; 9 10] x [1 0 ... 0; 0 1 0 ... 0] (2 x 8) + bias 0..7
    const a = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [5, 2]);
    const b = tf.tensor2d([1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1], [2, 8]);
    const bias = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7]);
    const out = ownProduct(a, b, false, false, bias)!;
    const rows = (await out.array()) as number[][];
    expect(rows[0]).toEqual([1, 3, 2, 3, 4, 5, 6, 10]);
    expect(rows[4]).toEqual([9, 11, 2, 3, 4, 5, 6, 26]);
    const aT = tf.transpose(a);
    const outT = ownProduct(aT, b, true, false)!;
    expect(((await outT.array()) as number[][])[4]).toEqual([9, 10, 0, 0, 0, 0, 0, 19]);
    tf.dispose([a, b, bias, out, aT, outT]);
  });

  it('declines what it does not serve (n not a multiple of 8, a batched right operand)', () => {
    const a = tf.zeros([4, 8]);
    expect(ownProduct(a, tf.zeros([8, 6]), false, false)).toBeUndefined();
    const backend = tf.backend() as BackendWasm;
    const b = tf.zeros([2, 8, 8]);
    expect(
      gemmProduct(backend, {
        a,
        b,
        batchA: 1,
        batchB: 2,
        m: 4,
        k: 8,
        n: 8,
        transposeA: false,
        transposeB: false,
      }),
    ).toBeUndefined();
    tf.dispose([a, b]);
  });

  it.each([
    ['relu', undefined],
    ['leakyrelu', 0.2],
    ['sigmoid', undefined],
    ['linear', undefined],
  ] as [tf.fused.Activation, number | undefined][])(
    'serves fused products with a bias and %s, transposed or not, matching cpu',
    async (activation, leakyreluAlpha) => {
      for (const [ta, tb] of TRANSPOSE_FLAGS) {
        const parity = await compareBackends((rng) =>
          tf.fused.matMul({
            a: randomNormal(rng, ta ? [40, 12] : [12, 40]),
            b: randomNormal(rng, tb ? [16, 40] : [40, 16]),
            transposeA: ta,
            transposeB: tb,
            bias: randomNormal(rng, [16]),
            activation,
            leakyreluAlpha,
          }),
        );
        expect(parity.wasmShapes).toEqual([[12, 16]]);
        expect(parity.error).toBeLessThan(1e-4);
      }
    },
  );

  it('leaves no tensors or WASM buffers behind', () => {
    const a = tf.randomNormal([40, 30]);
    const b = tf.randomNormal([40, 16]);
    const bias = tf.randomNormal([16]);
    for (const run of [
      () => tf.matMul(a, b, true, false),
      () => tf.matMul(b, b, true, false),
      () => tf.matMul(a, tf.transpose(b), true, true),
      () => tf.fused.matMul({ a, b, transposeA: true, bias, activation: 'relu' }),
    ]) {
      expect(wasmLeftovers(() => tf.tidy(run))).toEqual({ tensors: 0, bytes: 0, buffers: 0 });
    }
    tf.dispose([a, b, bias]);
  });
});
