import * as tf from '@tensorflow/tfjs-core';

/**
 * `log(1 + exp(x))` computed as `max(x, 0) + log1p(exp(-|x|))`, which never overflows
 * (`exp` only sees non-positive numbers) and is exact to float32 precision for any `x`.
 * Its autodiff gradient is `sigmoid(x)` everywhere, including `x = 0` (tfjs takes the
 * left derivative of both `relu` and `abs` there, and the two agree).
 */
export function softplus(x: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(x), tf.log1p(tf.exp(tf.neg(tf.abs(x)))));
}
