import { assertOneOf } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** Activations a layer can apply to its output. */
export type Activation = 'linear' | 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'softmax' | 'elu';

export const activations: readonly Activation[] = [
  'linear',
  'relu',
  'leakyRelu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
];

/** Checks an activation name given to `where`. */
export function checkActivation(where: string, value: unknown): Activation {
  return assertOneOf(where, 'activation', value, activations);
}

/** Applies `activation` (LeakyReLU with slope `alpha`, default 0.2 as in DCGAN). */
export function activate(x: tf.Tensor, activation: Activation, alpha = 0.2): tf.Tensor {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return tf.relu(x);
    case 'leakyRelu':
      return tf.leakyRelu(x, alpha);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'softmax':
      return tf.softmax(x);
    case 'elu':
      return tf.elu(x);
  }
}
