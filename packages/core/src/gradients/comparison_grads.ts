import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

// Comparisons are piecewise constant: their gradient is zero. tfjs registers none, so a
// second derivative through leakyRelu, prelu or maximum (whose gradients use greater/less
// masks) fails with "gradient function not found for Greater". WGAN-GP needs exactly that.
const zeroGrad = (kernelName: string): GradConfig => ({
  kernelName,
  inputsToSave: ['a', 'b'],
  gradFunc: (_dy, saved) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
  },
});

/** Zero gradients for the comparison kernels tfjs leaves without one. */
export const comparisonGradConfigs: GradConfig[] = [
  'Greater',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'Equal',
  'NotEqual',
].map(zeroGrad);
