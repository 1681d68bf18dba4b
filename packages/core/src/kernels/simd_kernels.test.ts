import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleSimd } from '../../scripts/build_simd';
import { initBackend } from '../index';
import { gemmHelper } from './gemm_helper';
import { simdKernels } from './simd_kernels';
import { SIMD_MODULE_BASE64, SIMD_SHARED_MODULE_BASE64 } from './simd_module';

describe("gankit's SIMD module", () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('ships the modules that simd_wat.ts assembles to (memory not shared, and shared)', async () => {
    expect(await assembleSimd(false)).toBe(SIMD_MODULE_BASE64);
    expect(await assembleSimd(true)).toBe(SIMD_SHARED_MODULE_BASE64);
  });

  it('runs on the single-threaded build, on its unshared memory, with no helper thread', () => {
    const kernels = simdKernels(tf.backend() as BackendWasm);
    expect(kernels).not.toBeNull();
    expect(kernels!.shared).toBe(false);
    expect(typeof kernels!.gemm).toBe('function');
    expect(typeof kernels!.adam).toBe('function');
    expect(gemmHelper(kernels!)).toBeUndefined();
  });
});
