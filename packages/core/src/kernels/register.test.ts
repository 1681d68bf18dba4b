import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../index';
import { gankitKernels, wasmFastPaths, wasmGapKernels } from './list';
import { registerKernelPatches } from './register';

describe('registerKernelPatches', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('registers every gap kernel for wasm and leaves cpu alone', () => {
    for (const config of wasmGapKernels) {
      expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
      expect(tf.getKernel(config.kernelName, 'cpu')?.kernelFunc).not.toBe(config.kernelFunc);
    }
    expect(wasmGapKernels.map((c) => c.kernelName).sort()).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum',
    ]);
  });

  it('replaces each fast-path kernel but keeps the backend setup it relies on', () => {
    expect(wasmFastPaths.map((p) => p.kernelName).sort()).toEqual([
      'BatchMatMul',
      'Conv2DBackpropInput',
      'Identity',
      'LeakyRelu',
      'MaxPoolGrad',
      'Mean',
      'OneHot',
      'Sum',
      'Tanh',
      'Tile',
      '_FusedMatMul',
    ]);
    for (const fastPath of wasmFastPaths) {
      const config = tf.getKernel(fastPath.kernelName, 'wasm')!;
      // The stock kernels bind their WASM functions in a setup function; the wrapper keeps it.
      // (The stock Identity is JavaScript only: it has none.)
      if (fastPath.kernelName === 'Identity') expect(config.setupFunc).toBeUndefined();
      else expect(typeof config.setupFunc).toBe('function');
    }
  });

  it("registers the kernels of gankit's own ops for wasm and cpu", () => {
    const names = [...new Set(gankitKernels.map((c) => c.kernelName))].sort();
    expect(names).toEqual(['GankitAdamUpdate', 'GankitLeakyReluGrad']);
    for (const name of names) {
      expect(tf.getKernel(name, 'wasm')).toBeDefined();
      expect(tf.getKernel(name, 'cpu')).toBeDefined();
    }
  });

  it('is idempotent: a second call changes nothing', () => {
    const before = wasmFastPaths.map((p) => tf.getKernel(p.kernelName, 'wasm'));
    registerKernelPatches();
    expect(wasmFastPaths.map((p) => tf.getKernel(p.kernelName, 'wasm'))).toEqual(before);
  });
});
