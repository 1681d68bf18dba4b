import { ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** What a loss accepts for a tensor argument: a tensor, a (nested) array of numbers or a typed array. */
export type LossInput = tf.Tensor | tf.TensorLike;

function prefix(where: string, name: string): string {
  return `Argument '${name}' passed to '${where}'`;
}

/**
 * Turns a loss argument into a float32 tensor. Tensors pass through (cast when they are
 * not float32); arrays become new tensors. Call inside `tf.tidy` so the new ones are freed.
 */
export function floatTensor(where: string, name: string, x: LossInput): tf.Tensor {
  const t = anyTensor(where, name, x);
  return t.dtype === 'float32' ? t : tf.cast(t, 'float32');
}

/** Like {@link floatTensor} but keeps the dtype (used for integer class labels). */
export function anyTensor(where: string, name: string, x: LossInput): tf.Tensor {
  if (x instanceof tf.Tensor) {
    if (x.isDisposed) {
      throw new ValueError(`${prefix(where, name)} is a disposed tensor.`);
    }
    return x;
  }
  const ok = typeof x === 'number' || Array.isArray(x) || ArrayBuffer.isView(x as ArrayBufferView);
  if (!ok) {
    throw new ShapeError(
      `${prefix(where, name)} must be a tensor, a number array or a typed array, but got ${typeof x}.`,
    );
  }
  try {
    return tf.tensor(x as tf.TensorLike);
  } catch (e) {
    throw new ShapeError(
      `${prefix(where, name)} is not a rectangular array of numbers: ${(e as Error).message}`,
    );
  }
}

/** Throws a `ShapeError` unless `a` and `b` have the same shape. */
export function assertSameShape(
  where: string,
  nameA: string,
  a: tf.Tensor,
  nameB: string,
  b: tf.Tensor,
): void {
  const same = a.rank === b.rank && a.shape.every((d, i) => d === b.shape[i]);
  if (!same) {
    throw new ShapeError(
      `Arguments '${nameA}' and '${nameB}' passed to '${where}' must have the same shape, but got [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`,
    );
  }
}

/** Throws a `ShapeError` unless `x` has rank >= 1 and at least one entry. */
export function assertBatch(where: string, name: string, x: tf.Tensor): void {
  if (x.rank === 0 || x.size === 0) {
    throw new ShapeError(
      `${prefix(where, name)} must be a non-empty batch (rank >= 1), but got shape [${x.shape.join(', ')}].`,
    );
  }
}

/**
 * Throws a `ShapeError` unless two batches agree on every dimension after the first
 * (the batch sizes may differ: a discriminator may see more real than fake examples).
 */
export function assertSameExampleShape(
  where: string,
  nameA: string,
  a: tf.Tensor,
  nameB: string,
  b: tf.Tensor,
): void {
  assertBatch(where, nameA, a);
  assertBatch(where, nameB, b);
  const same = a.rank === b.rank && a.shape.every((d, i) => i === 0 || d === b.shape[i]);
  if (!same) {
    throw new ShapeError(
      `Arguments '${nameA}' and '${nameB}' passed to '${where}' must agree on every dimension but the first, but got [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`,
    );
  }
}
