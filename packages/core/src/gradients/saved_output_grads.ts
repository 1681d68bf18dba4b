import type { GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';

// tfjs's gradients of Tanh, Sigmoid and Exp reuse the op's saved output. That is right for a
// first derivative but wrong for a second one: the saved output is recorded on the tape as
// a copy that does not lead back to the input, so d/dw of a gradient through tanh(w·x) loses
// a term (0.786 instead of 0.423 in a test). These recompute from the input instead.

/** Tanh: dy · (1 - tanh(x)²), from x. */
export const tanhGradConfig: GradConfig = {
  kernelName: 'Tanh',
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as [tf.Tensor];
    return { x: () => tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(tf.tanh(x)))) };
  },
};

/** Sigmoid: dy · σ(x)(1 - σ(x)), from x. */
export const sigmoidGradConfig: GradConfig = {
  kernelName: 'Sigmoid',
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as [tf.Tensor];
    return {
      x: () => {
        const s = tf.sigmoid(x);
        return tf.mul(dy as tf.Tensor, tf.mul(s, tf.sub(1, s)));
      },
    };
  },
};

/** Exp: dy · exp(x), from x. */
export const expGradConfig: GradConfig = {
  kernelName: 'Exp',
  inputsToSave: ['x'],
  gradFunc: (dy, saved) => {
    const [x] = saved as [tf.Tensor];
    return { x: () => tf.mul(dy as tf.Tensor, tf.exp(x)) };
  },
};
