import { ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { BatchNorm } from './layers/batch_norm';
import type { Sequential } from './sequential';

/**
 * Sets the running mean and variance of every `BatchNorm` layer in `model` to the average of
 * its batch statistics over `batches` (each a `[batch, ...inputShape]` tensor), computed in
 * training mode with the current weights. PyTorch's `torch.optim.swa_utils.update_bn` does the
 * same. Use it when the weights changed without the statistics following them, e.g. after
 * putting a running average of the weights into the model: eval mode then normalizes with
 * statistics of these weights, not of the ones trained a few steps ago. Changes no other
 * weight, and none at all when a batch is refused; the caller keeps and disposes `batches`.
 * Runs the model in training mode, so `Dropout` and `GaussianNoise` layers draw from their
 * random generators. Returns the number of BatchNorm layers.
 *
 * ```ts
 * const z = [0, 1, 2].map((i) => tf.randomNormal([100, 64], 0, 1, 'float32', i));
 * updateBatchNormStatistics(generator, z);
 * const samples = generator.predict(z[0]);
 * ```
 */
export function updateBatchNormStatistics(model: Sequential, batches: Iterable<tf.Tensor>): number {
  const layers = model.layers.filter((l): l is BatchNorm => l instanceof BatchNorm);
  const all = [...batches];
  if (all.length === 0) {
    throw new ValueError(
      `Argument 'batches' passed to 'updateBatchNormStatistics' must hold at least one batch, but got none.`,
    );
  }
  if (layers.length === 0) return 0;
  // Kept to put back if a batch is refused half way (e.g. a wrong shape).
  const statistics = layers.flatMap((l) => l.weights.filter((w) => !w.trainable));
  const before = statistics.map((w) => w.variable.clone());
  for (const layer of layers) layer.startAveraging();
  try {
    for (const batch of all) tf.dispose(model.apply(batch, { training: true }));
  } catch (error) {
    for (const [i, w] of statistics.entries()) w.variable.assign(before[i] as tf.Tensor);
    throw error;
  } finally {
    for (const layer of layers) layer.stopAveraging();
    tf.dispose(before);
  }
  return layers.length;
}
