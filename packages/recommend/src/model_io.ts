import { FormatError, GankitError } from '@gankit/core';
import { BaselineOnly } from './baseline_only';
import { ImplicitALS } from './implicit_als';
import { KNNBaseline, KNNBasic, KNNWithMeans, KNNWithZScore } from './knn';
import { loadInteractions, type ModelState } from './model_state';
import {
  type ModelJSON,
  stateFromBytes,
  stateFromJSON,
  stateToBytes,
  stateToJSON,
} from './serialization';
import { SVD } from './svd';

/** Every model that can be saved and loaded. */
export type SavableModel =
  | KNNBasic
  | KNNWithMeans
  | KNNWithZScore
  | KNNBaseline
  | BaselineOnly
  | SVD
  | ImplicitALS;

const MAKERS: Record<string, (options: Record<string, unknown>) => SavableModel> = {
  KNNBasic: (o) => new KNNBasic(o),
  KNNWithMeans: (o) => new KNNWithMeans(o),
  KNNWithZScore: (o) => new KNNWithZScore(o),
  KNNBaseline: (o) => new KNNBaseline(o),
  BaselineOnly: (o) => new BaselineOnly(o),
  SVD: (o) => new SVD(o),
  ImplicitALS: (o) => new ImplicitALS(o),
};

/** Rebuilds a fitted model from its state; any inconsistency is a `FormatError`. */
function restore(state: ModelState, where: string): SavableModel {
  const make = MAKERS[state.kind];
  if (!make)
    throw new FormatError(`The model passed to '${where}' has unknown kind '${state.kind}'.`);
  try {
    const model = make(state.options);
    return model.restoreState(state, loadInteractions(state, where), where);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    const why = error instanceof GankitError ? error.message : String(error);
    throw new FormatError(`The model passed to '${where}' is inconsistent: ${why}`);
  }
}

/** A fitted model as JSON-safe data (for browsers, localStorage, HTTP). */
export function modelToJSON(model: SavableModel): ModelJSON {
  return stateToJSON(model.toState());
}

/** Rebuilds a model saved by {@link modelToJSON}. Malformed input: `FormatError`. */
export function modelFromJSON(json: unknown): SavableModel {
  return restore(stateFromJSON(json, 'modelFromJSON'), 'modelFromJSON');
}

/** A fitted model as bytes (the file format of {@link saveModel}). */
export function modelToBytes(model: SavableModel): Uint8Array {
  return stateToBytes(model.toState());
}

/** Rebuilds a model from {@link modelToBytes}. Truncated or corrupt bytes: `FormatError`. */
export function modelFromBytes(bytes: Uint8Array): SavableModel {
  return restore(stateFromBytes(bytes, 'modelFromBytes'), 'modelFromBytes');
}

/**
 * Writes a fitted model to `path` (Node only) atomically: the bytes go to a temporary file
 * in the same folder, which is flushed and then renamed over `path`, so a crash never
 * leaves a half-written model where the old one was.
 */
export async function saveModel(model: SavableModel, path: string): Promise<void> {
  const fs = await import('node:fs/promises');
  const bytes = modelToBytes(model);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** Reads a model written by {@link saveModel} (Node only). Corrupt file: `FormatError`. */
export async function loadModel(path: string): Promise<SavableModel> {
  const fs = await import('node:fs/promises');
  const bytes = new Uint8Array(await fs.readFile(path));
  return restore(stateFromBytes(bytes, 'loadModel'), 'loadModel');
}
