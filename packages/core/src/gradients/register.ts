import * as tf from '@tensorflow/tfjs-core';
import { comparisonGradConfigs } from './comparison_grads';
import { fusedConv2dGradConfig } from './fused_conv2d_grad';
import { fusedMatMulGradConfig } from './fused_mat_mul_grad';
import { leakyReluGradConfig, leakyReluGradGradConfig } from './leaky_relu_grad';
import { expGradConfig, sigmoidGradConfig, tanhGradConfig } from './saved_output_grads';

/**
 * Registers gankit's gradients over tfjs's (after `register_tfjs` ran): fixes of wrong or
 * missing ones, and faster ones (lazy fused-kernel gradients, one-kernel LeakyReLU).
 */
export function registerGradientFixes(): void {
  for (const config of [
    ...comparisonGradConfigs,
    tanhGradConfig,
    sigmoidGradConfig,
    expGradConfig,
    fusedMatMulGradConfig,
    fusedConv2dGradConfig,
    leakyReluGradConfig,
    leakyReluGradGradConfig,
  ]) {
    tf.registerGradient(config);
  }
}
