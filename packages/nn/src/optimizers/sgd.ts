import { assertKnownOptions, assertNumberInRange } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { Optimizer } from './optimizer';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** Default 0.01. */
  learningRate?: number;
  /** Default 0 (plain gradient descent). */
  momentum?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/** Stochastic gradient descent with optional (Nesterov) momentum, as PyTorch defines it. */
export class SGD extends Optimizer {
  readonly kind = 'sgd';
  protected readonly slotCount = 1;
  readonly learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(options: SGDOptions = {}) {
    super();
    assertKnownOptions('SGD', options, ['learningRate', 'momentum', 'nesterov']);
    this.learningRate = assertNumberInRange('SGD', 'learningRate', options.learningRate ?? 0.01, 0);
    this.momentum = assertNumberInRange('SGD', 'momentum', options.momentum ?? 0, 0, 1);
    this.nesterov = options.nesterov ?? false;
  }

  protected update(p: tf.Variable, g: tf.Tensor, [buf]: tf.Variable[]): void {
    if (this.momentum === 0) {
      p.assign(tf.sub(p, tf.mul(g, this.currentLearningRate)));
      return;
    }
    const b = buf as tf.Variable;
    const bNew = this.iterations === 1 ? g : tf.add(tf.mul(b, this.momentum), g);
    const step = this.nesterov ? tf.add(g, tf.mul(bNew, this.momentum)) : bNew;
    p.assign(tf.sub(p, tf.mul(step, this.currentLearningRate)));
    b.assign(bNew);
  }
}
