import * as tf from '@tensorflow/tfjs-core';
import { comparisonGradConfigs } from './comparison_grads';
import { fusedMatMulGradConfig } from './fused_mat_mul_grad';
import { expGradConfig, sigmoidGradConfig, tanhGradConfig } from './saved_output_grads';

/** Registers gankit's gradient fixes over tfjs's (after `register_tfjs` ran). */
export function registerGradientFixes(): void {
  for (const config of [
    ...comparisonGradConfigs,
    tanhGradConfig,
    sigmoidGradConfig,
    expGradConfig,
    fusedMatMulGradConfig,
  ]) {
    tf.registerGradient(config);
  }
}
