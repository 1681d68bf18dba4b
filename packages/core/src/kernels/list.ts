import type { KernelConfig } from '@tensorflow/tfjs-core';
import { adamUpdateCpuConfig, adamUpdateWasmConfig } from './adam_update';
import { batchMatMulFastPath } from './batch_mat_mul';
import { conv2dBackpropFilterConfig } from './conv2d_backprop_filter';
import { conv2dBackpropInputFastPath } from './conv2d_backprop_input';
import { depthwiseConv2dNativeBackpropFilterConfig } from './depthwise_conv2d_native_backprop_filter';
import { depthwiseConv2dNativeBackpropInputConfig } from './depthwise_conv2d_native_backprop_input';
import type { FastPath } from './fast_path';
import { fusedMatMulFastPath } from './fused_mat_mul';
import { identityFastPath } from './identity';
import { leakyReluFastPath, leakyReluGradCpuConfig, leakyReluGradWasmConfig } from './leaky_relu';
import { maxPoolGradFastPath } from './max_pool_grad';
import { oneHotFastPath } from './one_hot';
import { meanFastPath, sumFastPath } from './reduce_leading_axes';
import { tanhFastPath } from './tanh';
import { tileFastPath } from './tile';
import { unsortedSegmentSumConfig } from './unsorted_segment_sum';

/** Kernels the WASM backend lacks for training, filled by gankit. One file per kernel. */
export const wasmGapKernels: KernelConfig[] = [
  conv2dBackpropFilterConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  unsortedSegmentSumConfig,
];

/** Kernels of gankit's own ops (none of them exists in tfjs), for the backends they serve. */
export const gankitKernels: KernelConfig[] = [
  adamUpdateWasmConfig,
  adamUpdateCpuConfig,
  leakyReluGradWasmConfig,
  leakyReluGradCpuConfig,
];

/**
 * Kernels the WASM backend has but runs slowly (or wrongly) in common training cases:
 * each replaces the backend's kernel and keeps it for the cases that are already fast.
 */
export const wasmFastPaths: FastPath[] = [
  batchMatMulFastPath,
  fusedMatMulFastPath,
  conv2dBackpropInputFastPath,
  maxPoolGradFastPath,
  tileFastPath,
  tanhFastPath,
  leakyReluFastPath,
  sumFastPath,
  meanFastPath,
  identityFastPath,
  oneHotFastPath,
];
