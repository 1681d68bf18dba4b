import type * as tf from '@tensorflow/tfjs-core';

/** Largest |a - b| / max(1, |b|) over two arrays. */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.abs(y)));
  }
  return worst;
}

/** Reads every tensor's values into one flat array. */
export function flatValues(tensors: tf.Tensor[]): number[] {
  return tensors.flatMap((t) => Array.from(t.dataSync()));
}
