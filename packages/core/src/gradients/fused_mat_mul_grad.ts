import type { _FusedMatMulAttrs, GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The gradient of the `_FusedMatMul` kernel when it is run directly (as {@link dense} does;
 * `tf.fused.matMul` wraps the kernel in its own custom gradient and never reaches this).
 * Each input's gradient is computed only when backpropagation asks for it. Supports the
 * `linear` and `relu` activations (ReLU's derivative from the saved output: exact for first
 * and second derivatives, since it is piecewise constant).
 */
export const fusedMatMulGradConfig: GradConfig = {
  kernelName: tf._FusedMatMul,
  inputsToSave: ['a', 'b'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [a, b, y] = saved as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    const { transposeA, transposeB, activation } = attrs as unknown as _FusedMatMulAttrs;
    const dz = activationGradient(dy as tf.Tensor3D, y, activation);
    const products = inputGradients(a, b, dz, transposeA, transposeB);
    return {
      ...products,
      bias: () => tf.sum(dz, [...Array(dz.rank - 1).keys()]),
    };
  },
};

/** `dy` through the activation a fused kernel applied, from its saved output `y`. */
export function activationGradient<T extends tf.Tensor>(dy: T, y: T, activation: string): T {
  if (activation === 'linear') return dy;
  if (activation === 'relu') return tf.mul(dy, tf.step(y)) as T;
  throw new Error(
    `gankit: the gradient of a directly run fused kernel supports the 'linear' and 'relu' activations, not '${activation}'.`,
  );
}

/** d/da and d/db of `op(a)·op(b)`, where op transposes the last two axes when its flag is set. */
function inputGradients(
  a: tf.Tensor3D,
  b: tf.Tensor3D,
  dz: tf.Tensor3D,
  transposeA: boolean,
  transposeB: boolean,
): { a: () => tf.Tensor; b: () => tf.Tensor } {
  if (!transposeA && !transposeB) {
    return { a: () => tf.matMul(dz, b, false, true), b: () => tf.matMul(a, dz, true, false) };
  }
  if (!transposeA && transposeB) {
    return { a: () => tf.matMul(dz, b), b: () => tf.matMul(dz, a, true, false) };
  }
  if (transposeA && !transposeB) {
    return { a: () => tf.matMul(b, dz, false, true), b: () => tf.matMul(a, dz) };
  }
  return { a: () => tf.matMul(b, dz, true, true), b: () => tf.matMul(dz, a, true, true) };
}
