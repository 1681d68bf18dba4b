import * as tf from '@tensorflow/tfjs-core';
import { GankitError } from './errors';

/** The number of live tensors in the tfjs engine. */
export function countTensors(): number {
  return tf.memory().numTensors;
}

/**
 * Runs `fn` (sync or async) and throws if it left more tensors alive than it found.
 * Meant for tests: `await assertNoLeaks(() => model.trainStep(x))`.
 */
export async function assertNoLeaks<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = countTensors();
  const result = await fn();
  const after = countTensors();
  if (after !== before) {
    throw new GankitError(
      `assertNoLeaks: ${after - before} tensor(s) leaked (${before} before, ${after} after).`,
    );
  }
  return result;
}
