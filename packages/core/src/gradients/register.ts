import * as tf from '@tensorflow/tfjs-core';
import { comparisonGradConfigs } from './comparison_grads';
import { expGradConfig, sigmoidGradConfig, tanhGradConfig } from './saved_output_grads';

/** Registers gankit's gradient fixes over tfjs's (after `register_tfjs` ran). */
export function registerGradientFixes(): void {
  for (const config of [
    ...comparisonGradConfigs,
    tanhGradConfig,
    sigmoidGradConfig,
    expGradConfig,
  ]) {
    tf.registerGradient(config);
  }
}
