import { createRng, randomUniform } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase } from './types';

const rand = (shape: number[], seed: number) => randomUniform(createRng(seed), shape, -1, 1);

function matMulCase(
  key: string,
  name: string,
  n: number,
  transposeA: boolean,
  transposeB: boolean,
): BenchCase {
  return {
    name,
    key,
    setup() {
      const a = rand([n, n], 1) as tf.Tensor2D;
      const b = rand([n, n], 2) as tf.Tensor2D;
      return {
        run: () => {
          const c = tf.matMul(a, b, transposeA, transposeB);
          c.dataSync();
          c.dispose();
        },
        dispose: () => tf.dispose([a, b]),
      };
    },
  };
}

/** (c) matMul and convolution kernels at the sizes of the issue and of DCGAN. */
export const kernelCases: BenchCase[] = [
  matMulCase('matmul_1024', 'matMul 1024x1024', 1024, false, false),
  matMulCase('matmul_512_tA', 'matMul 512x512 transposeA', 512, true, false),
  matMulCase('matmul_512_tB', 'matMul 512x512 transposeB', 512, false, true),
  {
    name: 'conv2d b64 14x14x64 -> 7x7x128 k4 s2',
    key: 'conv2d_dcgan',
    setup() {
      const x = rand([64, 14, 14, 64], 3) as tf.Tensor4D;
      const w = rand([4, 4, 64, 128], 4) as tf.Tensor4D;
      return {
        run: () => {
          const y = tf.conv2d(x, w, 2, 'same');
          y.dataSync();
          y.dispose();
        },
        dispose: () => tf.dispose([x, w]),
      };
    },
  },
  {
    name: 'conv2dTranspose b64 7x7x128 -> 14x14x64 k5 s2',
    key: 'conv2d_transpose_k5',
    slowOnCpu: true,
    setup() {
      const x = rand([64, 7, 7, 128], 5) as tf.Tensor4D;
      const w = rand([5, 5, 64, 128], 6) as tf.Tensor4D;
      return {
        run: () => {
          const y = tf.conv2dTranspose(x, w, [64, 14, 14, 64], 2, 'same');
          y.dataSync();
          y.dispose();
        },
        dispose: () => tf.dispose([x, w]),
      };
    },
  },
  {
    name: 'conv2d filter gradient b64 14x14x64 -> 7x7x128 k4 s2',
    key: 'conv2d_backprop_filter',
    slowOnCpu: true,
    setup() {
      const x = rand([64, 14, 14, 64], 7) as tf.Tensor4D;
      const dy = rand([64, 7, 7, 128], 8) as tf.Tensor4D;
      return {
        run: () => {
          const dw = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
            strides: [2, 2],
            pad: 'same',
            dataFormat: 'NHWC',
            dimRoundingMode: undefined,
            filterShape: [4, 4, 64, 128],
          } as never) as tf.Tensor;
          dw.dataSync();
          dw.dispose();
        },
        dispose: () => tf.dispose([x, dy]),
      };
    },
  },
];
