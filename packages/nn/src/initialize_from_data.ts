import { ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { Dense } from './layers/dense';
import type { Sequential } from './sequential';

/**
 * Data-dependent initialisation (Salimans and Kingma 2016, section 3): passes the batch `x`
 * through `model` in training mode (noise layers add their noise, as in Salimans et al.'s
 * code), and sets the `scale` and `bias` of every weight-normalised `Dense` layer on the way,
 * so that each of its units starts with mean 0 and standard deviation 1 before the
 * activation on this batch. Later layers are initialised on the already initialised outputs
 * of earlier ones. Call it once before training, with a few hundred training samples.
 * Returns the number of layers it initialised.
 *
 * @example
 * const d = salimansDiscriminator({ weightNorm: true });
 * initializeFromData(d, tf.slice(images, 0, 500));
 */
export function initializeFromData(model: Sequential, x: tf.Tensor): number {
  const where = 'initializeFromData';
  const ok =
    x instanceof tf.Tensor &&
    x.rank === model.inputShape.length + 1 &&
    model.inputShape.every((d, i) => x.shape[i + 1] === d) &&
    (x.shape[0] as number) >= 2;
  if (!ok) {
    const got = x instanceof tf.Tensor ? `[${x.shape.join(', ')}]` : typeof x;
    throw new ShapeError(
      `Argument 'x' passed to '${where}' must have shape [batch >= 2, ${model.inputShape.join(', ')}] (the input of '${model.name}'), but got ${got}.`,
    );
  }
  const layers = model.layers.filter((l) => l instanceof Dense && l.weightNorm);
  if (layers.length === 0) {
    throw new ValueError(
      `Argument 'model' passed to '${where}' has no Dense layer with weightNorm: there is nothing to initialise.`,
    );
  }
  tf.tidy(() => {
    let h = x;
    for (const layer of model.layers) {
      if (layers.includes(layer)) (layer as Dense).initializeFromData(h);
      h = layer.call(h, true);
    }
  });
  return layers.length;
}
