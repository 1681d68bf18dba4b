import { FormatError, type RngState } from '@gankit/core';
import { loadTensors, saveTensors } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { GAN } from './gan';

/** What a checkpoint records beside the tensors. */
export interface CheckpointInfo {
  /** Training steps completed. */
  step: number;
  /** The model class, e.g. `'DCGAN'`, checked on resume. */
  model: string;
  /** The training seed, checked on resume (a different seed could not continue the same run). */
  seed: number | string;
  rngState: RngState;
}

/**
 * Saves both networks, both optimizers' state, the step and the RNG state to `dir`
 * (atomic: a failed save keeps the previous checkpoint). Node only.
 */
export async function saveCheckpoint(
  gan: GAN,
  dir: string,
  info: Omit<CheckpointInfo, 'rngState'>,
): Promise<void> {
  const tensors = gan.stateTensors();
  try {
    await saveTensors(dir, tensors, { gankitCheckpoint: { ...info, rngState: gan.rngState() } });
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
}

/**
 * Restores a checkpoint from `dir` into `gan` and returns its info. Throws `FormatError`
 * if the files are corrupt or belong to another model.
 */
export async function loadCheckpoint(
  gan: GAN,
  dir: string,
  model: string,
): Promise<CheckpointInfo> {
  const { tensors, topology } = await loadTensors(dir);
  try {
    const info = topology.gankitCheckpoint as CheckpointInfo | undefined;
    if (!info || typeof info.step !== 'number' || !info.rngState) {
      throw new FormatError(`${dir}: not a gankit GAN checkpoint (no step or RNG state).`);
    }
    if (info.model !== model) {
      throw new FormatError(`${dir}: the checkpoint is of a ${info.model}, not a ${model}.`);
    }
    try {
      gan.restoreState(tensors, info.rngState);
    } catch (error) {
      throw new FormatError(`${dir}: ${(error as Error).message}`);
    }
    return info;
  } finally {
    tf.dispose([...tensors.values()]);
  }
}
