import { assertKnownOptions, assertNumberInRange } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { Optimizer } from './optimizer';

/** Options of {@link RMSprop}. Defaults are PyTorch's. */
export interface RMSpropOptions {
  /** Default 0.01. */
  learningRate?: number;
  /** Decay of the squared-gradient average. Default 0.99. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-8. */
  epsilon?: number;
}

/** RMSprop: `p -= lr · g / (sqrt(E[g²]) + ε)`, with optional momentum (PyTorch's form). */
export class RMSprop extends Optimizer {
  readonly kind = 'rmsprop';
  protected readonly slotCount = 2;
  readonly learningRate: number;
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;

  constructor(options: RMSpropOptions = {}) {
    super();
    assertKnownOptions('RMSprop', options, ['learningRate', 'rho', 'momentum', 'epsilon']);
    this.learningRate = assertNumberInRange(
      'RMSprop',
      'learningRate',
      options.learningRate ?? 0.01,
      0,
    );
    this.rho = assertNumberInRange('RMSprop', 'rho', options.rho ?? 0.99, 0, 1);
    this.momentum = assertNumberInRange('RMSprop', 'momentum', options.momentum ?? 0, 0, 1);
    this.epsilon = assertNumberInRange('RMSprop', 'epsilon', options.epsilon ?? 1e-8, 0);
  }

  protected update(p: tf.Variable, g: tf.Tensor, [sq, buf]: tf.Variable[]): void {
    const s = sq as tf.Variable;
    const sNew = tf.add(tf.mul(s, this.rho), tf.mul(tf.square(g), 1 - this.rho));
    const step = tf.div(g, tf.add(tf.sqrt(sNew), this.epsilon));
    s.assign(sNew);
    if (this.momentum > 0) {
      const b = buf as tf.Variable;
      const bNew = tf.add(tf.mul(b, this.momentum), step);
      b.assign(bNew);
      p.assign(tf.sub(p, tf.mul(bNew, this.currentLearningRate)));
    } else {
      p.assign(tf.sub(p, tf.mul(step, this.currentLearningRate)));
    }
  }
}
