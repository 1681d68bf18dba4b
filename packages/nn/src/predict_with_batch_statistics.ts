import * as tf from '@tensorflow/tfjs-core';
import { BatchNorm } from './layers/batch_norm';
import type { Sequential } from './sequential';

/**
 * `model`'s output for the batch `x` in eval mode, except that every `BatchNorm` layer
 * normalizes with the mean and variance of the batch itself, as in training, instead of its
 * running statistics, which stay unchanged. `Dropout` and `GaussianNoise` stay off. A GAN's
 * BatchNorm D judged every fake batch this way during training, never with its running
 * statistics; discriminator rejection scores candidates so. Outputs depend on the rest of the
 * batch, so give it batches of many samples. The caller disposes the result.
 */
export function predictWithBatchStatistics(model: Sequential, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() =>
    model.layers.reduce(
      (h, layer) => (layer instanceof BatchNorm ? layer.normalizeByBatch(h) : layer.call(h, false)),
      x,
    ),
  );
}
