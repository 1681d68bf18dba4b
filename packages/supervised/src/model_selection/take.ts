import { ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { MatrixInput, VectorInput } from '../input';

/** The number of rows (or entries) of a matrix or vector input, without reading its values. */
export function lengthOf(where: string, name: string, x: MatrixInput | VectorInput): number {
  if (x instanceof tf.Tensor) return x.shape[0] as number;
  if (Array.isArray(x) || ArrayBuffer.isView(x)) return (x as ArrayLike<unknown>).length;
  throw new ShapeError(
    `Argument '${name}' passed to '${where}' must be a tensor or an array, but got ${typeof x}.`,
  );
}

/** The rows `index` of `x`, in the kind of `x` (a new tensor for a tensor). */
export function takeRows<T extends MatrixInput | VectorInput>(x: T, index: Int32Array): T {
  if (x instanceof tf.Tensor) return tf.tidy(() => tf.gather(x, tf.tensor1d(index, 'int32'))) as T;
  if (Array.isArray(x)) return Array.from(index, (i) => x[i]) as unknown as T;
  const typed = x as unknown as Float64Array;
  const out = new (typed.constructor as Float64ArrayConstructor)(index.length);
  index.forEach((i, k) => {
    out[k] = typed[i] as number;
  });
  return out as unknown as T;
}
