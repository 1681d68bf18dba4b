import { assertFraction, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Top-k training's selection (Sinha et al. 2020, "Top-k Training of GANs: Improving GAN
 * Performance by Throwing Away Bad Samples"): the rows of D's outputs `outputs` ([n] or
 * [n, 1], higher meaning "more real") for the `fraction` of the batch that D rates highest,
 * k = max(1, round(fraction · n)) of them, best first. G's loss on them leaves the samples D
 * rates worst out of G's update. The gradient flows through the kept rows only. The choice is
 * read from the outputs' values (`dataSync`), so it is not part of the gradient; ties keep
 * the earlier row.
 */
export function highestOutputs(outputs: tf.Tensor, fraction: number): tf.Tensor {
  const where = 'highestOutputs';
  if (outputs.rank < 1 || outputs.rank > 2 || (outputs.rank === 2 && outputs.shape[1] !== 1)) {
    throw new ShapeError(
      `Argument 'outputs' passed to '${where}' must have shape [n] or [n, 1] (one output per sample), but got [${outputs.shape.join(', ')}].`,
    );
  }
  assertFraction(where, 'fraction', fraction);
  const n = outputs.shape[0] as number;
  const k = Math.max(1, Math.round(fraction * n));
  if (k === n) return outputs;
  const values = outputs.dataSync();
  // Array.prototype.sort is stable: ties keep the earlier row first.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (values[b] as number) - (values[a] as number),
  );
  return tf.tidy(() => tf.gather(outputs, tf.tensor1d(order.slice(0, k), 'int32')));
}
