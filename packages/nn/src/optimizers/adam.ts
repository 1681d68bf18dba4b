import { adamUpdate, assertKnownOptions, assertNumberInRange } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import { Optimizer } from './optimizer';

/** Options of {@link Adam}. Defaults are PyTorch's. */
export interface AdamOptions {
  /** Default 1e-3. DCGAN uses 2e-4. */
  learningRate?: number;
  /** Default 0.9. DCGAN uses 0.5. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  epsilon?: number;
}

/**
 * Adam (Kingma and Ba), with PyTorch's bias correction:
 * `p -= lr · m̂ / (sqrt(v̂) + ε)`, `m̂ = m / (1 - β1^t)`, `v̂ = v / (1 - β2^t)`.
 */
export class Adam extends Optimizer {
  readonly kind = 'adam';
  protected readonly slotCount = 2;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;

  constructor(options: AdamOptions = {}) {
    super();
    assertKnownOptions('Adam', options, ['learningRate', 'beta1', 'beta2', 'epsilon']);
    this.learningRate = assertNumberInRange(
      'Adam',
      'learningRate',
      options.learningRate ?? 1e-3,
      0,
    );
    this.beta1 = assertNumberInRange('Adam', 'beta1', options.beta1 ?? 0.9, 0, 0.999999);
    this.beta2 = assertNumberInRange('Adam', 'beta2', options.beta2 ?? 0.999, 0, 0.999999);
    this.epsilon = assertNumberInRange('Adam', 'epsilon', options.epsilon ?? 1e-8, 0);
  }

  protected update(p: tf.Variable, g: tf.Tensor, [m, v]: tf.Variable[]): void {
    const [p2, m2, v2] = adamUpdate(p, g, m as tf.Variable, v as tf.Variable, {
      learningRate: this.currentLearningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      step: this.iterations,
    });
    p.assign(p2);
    (m as tf.Variable).assign(m2);
    (v as tf.Variable).assign(v2);
  }
}
