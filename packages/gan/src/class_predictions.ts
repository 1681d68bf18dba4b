import { type Matrix, ShapeError, toMatrix, ValueError } from '@gankit/core';
import type { Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A batch of samples for `network`, as an owned float32 tensor `[n, ...inputShape]`: a
 * tensor of that shape (or flattened to `[n, size]`), or plain rows of `size` numbers.
 */
export function toSamples(
  where: string,
  name: string,
  x: tf.Tensor | Matrix,
  network: Sequential,
): tf.Tensor {
  const shape = network.inputShape;
  const size = shape.reduce((a, b) => a * b, 1);
  const t = x instanceof tf.Tensor ? x.clone() : toMatrix(where, name, x);
  const n = t.shape[0] as number;
  const exact = t.rank === shape.length + 1 && shape.every((d, i) => t.shape[i + 1] === d);
  const flat = t.rank === 2 && t.shape[1] === size;
  if (!exact && !flat) {
    t.dispose();
    throw new ShapeError(
      `Argument '${name}' passed to '${where}' must have shape [n, ${shape.join(', ')}] or [n, ${size}], but got [${x instanceof tf.Tensor ? x.shape.join(', ') : `${n}, ?`}].`,
    );
  }
  if (exact) return t;
  return tf.tidy(() => tf.reshape(tf.cast(t, 'float32'), [n, ...shape]));
}

/** Class labels as an Int32Array, each an integer in [0, k). */
export function toClassLabels(
  where: string,
  name: string,
  y: ArrayLike<number> | tf.Tensor,
  k: number,
): Int32Array {
  const values = y instanceof tf.Tensor ? y.dataSync() : y;
  const labels = Int32Array.from(values as ArrayLike<number>);
  for (let i = 0; i < values.length; i++) {
    const c = values[i] as number;
    if (!Number.isInteger(c) || c < 0 || c >= k) {
      throw new ValueError(
        `Argument '${name}' passed to '${where}' must hold integer classes in [0, ${k}), but entry ${i} is ${c}.`,
      );
    }
  }
  return labels;
}

/** Softmax over the class logits of `network` in eval mode, in batches of 1000, as `[n * k]` rows. */
export function classProbabilities(network: Sequential, x: tf.Tensor): Float32Array {
  const n = x.shape[0] as number;
  const k = network.outputShape[0] as number;
  const out = new Float32Array(n * k);
  for (let start = 0; start < n; start += 1000) {
    const size = Math.min(1000, n - start);
    const probs = tf.tidy(() => {
      const begin = x.shape.map((_, i) => (i === 0 ? start : 0));
      const batch = tf.slice(x, begin, [size, ...x.shape.slice(1)]);
      return tf.softmax(network.predict(batch));
    });
    out.set(probs.dataSync(), start * k);
    probs.dispose();
  }
  return out;
}

/** The most likely class of each row of `[n * k]` probabilities. */
export function argMaxRows(probs: Float32Array, k: number): Int32Array {
  const n = probs.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++)
      if ((probs[i * k + c] as number) > (probs[i * k + best] as number)) best = c;
    out[i] = best;
  }
  return out;
}

/** The fraction of `predicted` equal to `truth`. */
export function accuracy(where: string, predicted: Int32Array, truth: Int32Array): number {
  if (predicted.length !== truth.length) {
    throw new ShapeError(
      `Argument 'y' passed to '${where}' has ${truth.length} labels but 'x' has ${predicted.length} samples.`,
    );
  }
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) correct++;
  return correct / truth.length;
}
