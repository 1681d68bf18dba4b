import { ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { anyTensor, type LossInput } from './input';

/** Whether `labels` holds class indices (rank 1) rather than one-hot rows (rank 2). */
export function isIndexLabels(labels: LossInput): boolean {
  if (labels instanceof tf.Tensor) return labels.rank === 1;
  if (ArrayBuffer.isView(labels)) return true;
  return Array.isArray(labels) && !Array.isArray(labels[0]) && !ArrayBuffer.isView(labels[0]);
}

/**
 * Reads class indices for `n` examples and `k` classes into a one-hot float32 tensor `[n, k]`,
 * after checking that each is an integer in [0, k). Reading the labels back is cheap (n
 * numbers) and catches the silent failure of `tf.oneHot`, which maps an out-of-range index
 * to a row of zeros.
 */
export function oneHotFromIndices(
  where: string,
  name: string,
  labels: LossInput,
  n: number,
  k: number,
): tf.Tensor2D {
  const t = anyTensor(where, name, labels);
  if (t.rank !== 1 || t.shape[0] !== n) {
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must hold one class index per example, shape [${n}], but got shape [${t.shape.join(', ')}].`,
    );
  }
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v) || v < 0 || v >= k) {
      throw new ValueError(
        `Argument '${name}' passed to '${where}' must hold integer class indices in [0, ${k - 1}], but entry ${i} is ${v}.`,
      );
    }
  }
  return tf.oneHot(tf.cast(t, 'int32') as tf.Tensor1D, k).toFloat() as tf.Tensor2D;
}
