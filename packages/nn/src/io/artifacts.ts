import { FormatError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../optimizers/optimizer';

/** The JSON file of a saved model: tfjs's `model.json` layout with a weights manifest. */
export interface ModelJson {
  format: 'gankit-weights';
  generatedBy: string;
  /** Free-form description of what was saved (model name, summary, training step...). */
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/**
 * Encodes named tensors as tfjs model artifacts (specs + one binary buffer). Works in Node
 * and browsers; file and IndexedDB writers build on it.
 */
export async function encodeArtifacts(
  tensors: NamedTensor[],
  topology: Record<string, unknown> = {},
): Promise<tf.io.ModelArtifacts> {
  const { data, specs } = await tf.io.encodeWeights(
    tensors.map((t) => ({ name: t.name, tensor: t.tensor })),
  );
  return {
    modelTopology: topology,
    weightSpecs: specs,
    weightData: data,
    format: 'gankit-weights',
  };
}

/**
 * Decodes artifacts into named float32 tensors after checking each weight: its byte range
 * lies inside the buffer (a truncated file fails here), and its values are finite.
 * Throws `FormatError` naming `source` and the weight.
 */
export function decodeArtifacts(
  artifacts: tf.io.ModelArtifacts,
  source: string,
): Map<string, tf.Tensor> {
  const specs = artifacts.weightSpecs;
  const data = artifacts.weightData;
  if (!Array.isArray(specs) || data === undefined) {
    throw new FormatError(`${source}: no weights manifest or weight data.`);
  }
  const buffer =
    data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data as ArrayBuffer[]);
  let offset = 0;
  for (const spec of specs) {
    if (typeof spec?.name !== 'string' || !Array.isArray(spec.shape) || spec.dtype !== 'float32') {
      throw new FormatError(
        `${source}: weight '${String(spec?.name)}' must be a named float32 entry with a shape.`,
      );
    }
    const bytes = 4 * spec.shape.reduce((a, b) => a * b, 1);
    if (offset + bytes > buffer.byteLength) {
      throw new FormatError(
        `${source}: weight '${spec.name}' needs bytes ${offset}..${offset + bytes} but the data has only ${buffer.byteLength} bytes (truncated?).`,
      );
    }
    const values = new Float32Array(buffer, offset, bytes / 4);
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new FormatError(
        `${source}: weight '${spec.name}' has a non-finite value (${values[bad]}) at index ${bad}.`,
      );
    }
    offset += bytes;
  }
  if (offset !== buffer.byteLength) {
    throw new FormatError(
      `${source}: the data has ${buffer.byteLength} bytes but the manifest describes ${offset}.`,
    );
  }
  const decoded = tf.io.decodeWeights(buffer, specs);
  return new Map(Object.entries(decoded));
}

/** Builds the `model.json` content for artifacts whose weights live in `weightsPath`. */
export function toModelJson(artifacts: tf.io.ModelArtifacts, weightsPath: string): ModelJson {
  return {
    format: 'gankit-weights',
    generatedBy: '@gankit/nn',
    modelTopology: (artifacts.modelTopology ?? {}) as Record<string, unknown>,
    weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs ?? [] }],
  };
}

/** Reads `model.json` text, checking its layout; returns the manifest's weight specs and file path. */
export function parseModelJson(
  text: string,
  source: string,
): { json: ModelJson; weightsPath: string } {
  let json: ModelJson;
  try {
    json = JSON.parse(text) as ModelJson;
  } catch (error) {
    throw new FormatError(`${source}: not valid JSON (${(error as Error).message}).`);
  }
  const manifest = json?.weightsManifest;
  const group = Array.isArray(manifest) && manifest.length === 1 ? manifest[0] : undefined;
  const weightsPath = group?.paths?.[0];
  if (
    !group ||
    !Array.isArray(group.weights) ||
    typeof weightsPath !== 'string' ||
    group.paths.length !== 1
  ) {
    throw new FormatError(
      `${source}: expected a weightsManifest with one group naming one weights file.`,
    );
  }
  return { json, weightsPath };
}
