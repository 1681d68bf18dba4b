import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, randomNormal } from '../index';
import { createRng } from '../rng';
import { gemmHelper, stopGemmHelpers } from './gemm_helper';
import { relativeError } from './parity';
import { simdKernels } from './simd_kernels';

// Its own file: the threaded build replaces the `wasm` backend for the rest of the process.
describe("gankit's matrix product on the threaded build (a helper thread takes half the columns)", () => {
  beforeAll(async () => {
    await initBackend({ threads: 2 });
  });

  it('runs on the shared memory and starts its helper thread', async () => {
    const kernels = simdKernels(tf.backend() as BackendWasm);
    expect(kernels?.shared).toBe(true);
    const helper = gemmHelper(kernels!);
    expect(helper).toBeDefined();
    for (let i = 0; i < 100 && !helper!.ready(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(helper!.ready()).toBe(true);
  });

  it.each([
    ['MLP layer, 784 columns split 392 + 392', [100, 784], [784, 256], false, false],
    ['weight gradient (transposeA), 24 columns split 16 + 8', [300, 100], [300, 24], true, false],
    ['input gradient (transposeB), rows not a multiple of 4', [99, 256], [784, 256], false, true],
  ] as [string, number[], number[], boolean, boolean][])(
    'matches cpu: %s',
    async (_, aShape, bShape, ta, tb) => {
      const rng = createRng(3);
      const a = randomNormal(rng, aShape);
      const b = randomNormal(rng, bShape);
      const bias = randomNormal(rng, [tb ? bShape[0]! : bShape[1]!]);
      const run = () => [
        tf.matMul(a, b, ta, tb),
        tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation: 'relu' }),
      ];
      const threaded = await Promise.all(run().map((t) => t.data()));
      await tf.setBackend('cpu');
      const [ac, bc, biasc] = [a, b, bias].map((t) => tf.tensor(t.dataSync(), t.shape));
      const reference = await Promise.all(
        [
          tf.matMul(ac!, bc!, ta, tb),
          tf.fused.matMul({
            a: ac!,
            b: bc!,
            transposeA: ta,
            transposeB: tb,
            bias: biasc,
            activation: 'relu',
          }),
        ].map((t) => t.data()),
      );
      await tf.setBackend('wasm');
      for (let i = 0; i < 2; i++) {
        expect(relativeError(threaded[i]!, reference[i]!)).toBeLessThan(1e-4);
      }
    },
  );

  it('stops its helper when asked; products then run on one thread, bit for bit the same', async () => {
    const kernels = simdKernels(tf.backend() as BackendWasm)!;
    expect(gemmHelper(kernels)?.ready()).toBe(true);
    const a = tf.randomNormal([64, 64], 0, 1, 'float32', 5);
    const b = tf.randomNormal([64, 64], 0, 1, 'float32', 6);
    const twoThreads = await tf.matMul(a, b).data();
    expect(stopGemmHelpers()).toBe(1);
    expect(stopGemmHelpers()).toBe(0);
    expect(gemmHelper(kernels)?.ready()).toBe(false);
    expect(Array.from(await tf.matMul(a, b).data())).toEqual(Array.from(twoThreads));
    tf.dispose([a, b]);
  });
});
