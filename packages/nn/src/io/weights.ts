import { FormatError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Weight } from '../layer';

/**
 * Assigns decoded tensors to `weights`, all or nothing: every weight must be present with
 * its exact shape and no unknown weight may remain, or a `FormatError` names the first
 * problem and no weight changes. Disposes the decoded tensors.
 */
export function assignWeights(
  weights: Weight[],
  decoded: Map<string, tf.Tensor>,
  source: string,
): void {
  try {
    for (const w of weights) {
      const t = decoded.get(w.name);
      if (!t) throw new FormatError(`${source}: weight '${w.name}' is missing.`);
      if (!tf.util.arraysEqual(t.shape, w.variable.shape)) {
        throw new FormatError(
          `${source}: weight '${w.name}' has shape [${t.shape.join(', ')}] but the model expects [${w.variable.shape.join(', ')}].`,
        );
      }
    }
    const known = new Set(weights.map((w) => w.name));
    const extra = [...decoded.keys()].find((name) => !known.has(name));
    if (extra !== undefined) {
      throw new FormatError(`${source}: weight '${extra}' does not belong to this model.`);
    }
    for (const w of weights) w.variable.assign(decoded.get(w.name) as tf.Tensor);
  } finally {
    tf.dispose([...decoded.values()]);
  }
}
