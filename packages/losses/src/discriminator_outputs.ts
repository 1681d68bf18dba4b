import type * as tf from '@tensorflow/tfjs-core';
import { assertBatch, assertSameExampleShape, floatTensor, type LossInput } from './input';

/**
 * Reads the discriminator's outputs on a real and a fake batch: float32 tensors of rank
 * >= 1 that agree on every dimension but the batch size (`[n, 1]` and `[m, 1]`, or `[n]` and
 * `[m]`). Call inside `tf.tidy`.
 */
export function realAndFake(
  where: string,
  real: LossInput,
  fake: LossInput,
  names: readonly [string, string] = ['realLogits', 'fakeLogits'],
): [tf.Tensor, tf.Tensor] {
  const r = floatTensor(where, names[0], real);
  const f = floatTensor(where, names[1], fake);
  assertSameExampleShape(where, names[0], r, names[1], f);
  return [r, f];
}

/** Reads one batch of discriminator outputs (rank >= 1, non-empty). Call inside `tf.tidy`. */
export function oneBatch(where: string, name: string, x: LossInput): tf.Tensor {
  const t = floatTensor(where, name, x);
  assertBatch(where, name, t);
  return t;
}
