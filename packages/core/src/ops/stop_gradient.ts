import * as tf from '@tensorflow/tfjs-core';

const identityWithoutGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as Parameters<typeof tf.customGrad>[0]);

/**
 * `x` itself, as a constant to any gradient taken through it (TensorFlow's `stop_gradient`,
 * PyTorch's `detach`): values flow, gradients stop. The caller disposes the result.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return identityWithoutGradient(x) as T;
}
