import { type Rng, randomNormal, randomUniform } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** How a weight is filled before training. `fanIn`/`fanOut` come from the layer. */
export type Initializer =
  | 'glorotUniform'
  | 'heNormal'
  | 'zeros'
  | 'ones'
  | { normal: { mean?: number; std: number } };

/** The initializers by name, for error messages. */
export const initializerNames = [
  'glorotUniform',
  'heNormal',
  'zeros',
  'ones',
  '{ normal: { std } }',
];

/**
 * Creates the initial values of a weight of `shape`.
 * Glorot uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)); He normal: N(0, 2 / fanIn);
 * `{ normal: { mean, std } }`: N(mean, std²), for example DCGAN's N(0, 0.02).
 */
export function initialize(
  init: Initializer,
  shape: number[],
  fanIn: number,
  fanOut: number,
  rng: Rng,
): tf.Tensor {
  if (init === 'zeros') return tf.zeros(shape);
  if (init === 'ones') return tf.ones(shape);
  if (init === 'glorotUniform') {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return randomUniform(rng, shape, -limit, limit);
  }
  if (init === 'heNormal') return randomNormal(rng, shape, 0, Math.sqrt(2 / fanIn));
  return randomNormal(rng, shape, init.normal.mean ?? 0, init.normal.std);
}
