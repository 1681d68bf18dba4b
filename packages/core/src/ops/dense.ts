import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors';

/** Activations {@link dense} fuses into its kernel. */
export type DenseActivation = 'linear' | 'relu';

/**
 * `x · kernel + bias`, then ReLU when asked: one `_FusedMatMul` kernel forward.
 *
 * Unlike `tf.fused.matMul`, whose custom gradient computes the gradients of all its inputs
 * every time, this op's gradient (registered by @gankit/core for `_FusedMatMul`) computes
 * only those backpropagation asks for. A discriminator's first layer never needs the
 * gradient of its input during its own update: that product (100×256 by 256×784 in the MLP
 * GAN) is skipped.
 *
 * @param x `[batch, in]`.
 * @param kernel `[in, out]`.
 * @param bias `[out]`, optional.
 * @param activation `'linear'` (default) or `'relu'`.
 * @returns `[batch, out]`.
 */
export function dense(
  x: tf.Tensor2D,
  kernel: tf.Tensor2D,
  bias?: tf.Tensor1D,
  activation: DenseActivation = 'linear',
): tf.Tensor2D {
  const [batch, size] = x.shape;
  const [rows, units] = kernel.shape;
  if (x.rank !== 2 || kernel.rank !== 2 || size !== rows) {
    throw new ShapeError(
      `Arguments 'x' and 'kernel' passed to 'dense' must have shapes [batch, in] and [in, out], but got [${x.shape.join(', ')}] and [${kernel.shape.join(', ')}].`,
    );
  }
  if (bias && (bias.rank !== 1 || bias.shape[0] !== units)) {
    throw new ShapeError(
      `Argument 'bias' passed to 'dense' must have shape [${units}], but got [${bias.shape.join(', ')}].`,
    );
  }
  return tf.tidy(() => {
    const a = tf.reshape(x, [1, batch, size]);
    const b = tf.reshape(kernel, [1, size, units]);
    const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
    const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0 };
    const y = tf.engine().runKernel(tf._FusedMatMul, inputs, attrs) as tf.Tensor3D;
    return tf.reshape(y, [batch, units]);
  });
}
