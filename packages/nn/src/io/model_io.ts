import { FormatError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Sequential } from '../sequential';
import { decodeArtifacts, encodeArtifacts } from './artifacts';
import { loadTensors, saveTensors } from './files';
import { assignWeights } from './weights';

function topologyOf(model: Sequential): Record<string, unknown> {
  return {
    name: model.name,
    inputShape: model.inputShape,
    layers: model.layers.map((l) => ({ name: l.name, kind: l.kind, outputShape: l.outputShape })),
  };
}

/** Saves `model`'s weights to `dir` (`model.json` + weights file, atomic). Node only. */
export async function saveModel(model: Sequential, dir: string): Promise<void> {
  await saveTensors(
    dir,
    model.weights.map((w) => ({ name: w.name, tensor: w.variable })),
    topologyOf(model),
  );
}

/**
 * Loads weights saved by {@link saveModel} into `model`. The model must have the same
 * layers (names and shapes); otherwise a `FormatError` names the weight, and the model
 * keeps its weights. Node only.
 */
export async function loadModel(model: Sequential, dir: string): Promise<void> {
  const { tensors } = await loadTensors(dir);
  assignWeights(model.weights, tensors, dir);
}

/**
 * Saves `model`'s weights through a tfjs IO handler URL in a browser:
 * `'indexeddb://my-gan'` (kept in the page's IndexedDB) or `'downloads://my-gan'`
 * (the browser downloads `my-gan.json` and `my-gan.weights.bin`).
 */
export async function saveModelToUrl(model: Sequential, url: string): Promise<void> {
  const [handler] = tf.io.getSaveHandlers(url);
  if (!handler?.save)
    throw new FormatError(`saveModelToUrl: no tfjs save handler for '${url}' in this runtime.`);
  const artifacts = await encodeArtifacts(
    model.weights.map((w) => ({ name: w.name, tensor: w.variable })),
    topologyOf(model),
  );
  await handler.save(artifacts);
}

/** Loads weights saved by {@link saveModelToUrl} (e.g. `'indexeddb://my-gan'`) into `model`. */
export async function loadModelFromUrl(model: Sequential, url: string): Promise<void> {
  const [handler] = tf.io.getLoadHandlers(url);
  if (!handler?.load)
    throw new FormatError(`loadModelFromUrl: no tfjs load handler for '${url}' in this runtime.`);
  const artifacts = await handler.load();
  assignWeights(model.weights, decodeArtifacts(artifacts, url), url);
}
