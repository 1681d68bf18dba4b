import { FormatError, type RngState, ValueError } from '@gankit/core';
import { loadTensors, saveTensors } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { GAN } from './gan';

/** What a checkpoint records beside the tensors. */
export interface CheckpointInfo {
  /** Training steps completed. */
  step: number;
  /** The model class, e.g. `'DCGAN'`, checked on resume. */
  model: string;
  /** The seed of the data order, checked on resume (another seed would not continue the same run). */
  seed: number | string;
  /** Samples per step, checked on resume; absent in checkpoints written before it was recorded. */
  batchSize?: number;
  /** Samples in the training data, checked on resume; absent in checkpoints written before it was recorded. */
  samples?: number;
  rngState: RngState;
}

/** What a resumed run must share with the run that wrote the checkpoint. */
export type RunIdentity = Pick<CheckpointInfo, 'seed' | 'batchSize' | 'samples'>;

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
 * if the files are corrupt or belong to another model. With `run`, first throws
 * `ValueError` (leaving `gan` untouched) when the checkpoint was written by a run with another
 * seed, batch size or number of samples, which could not continue it step for step; a
 * checkpoint that does not record the batch size or the samples is not checked on those.
 */
export async function loadCheckpoint(
  gan: GAN,
  dir: string,
  model: string,
  run?: RunIdentity,
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
    if (run) checkSameRun(dir, info, run);
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

/** Throws `ValueError` naming the first option in which `run` differs from the checkpoint's. */
function checkSameRun(dir: string, info: CheckpointInfo, run: RunIdentity): void {
  // [name, as recorded, as now, how the message says "now", what to resume with]
  const recorded = [
    ['seed', String(info.seed), String(run.seed), "option 'seed' is", 'seed'],
    ['batchSize', info.batchSize, run.batchSize, "option 'batchSize' is", 'batchSize'],
    ['samples', info.samples, run.samples, "'x' has", 'data'],
  ] as const;
  for (const [name, before, now, what, fix] of recorded) {
    if (before === undefined || before === now) continue;
    throw new ValueError(
      `Cannot resume 'train' from ${dir}: it was trained with ${name} ${before}, but ${what} ${now}. Resume with the same ${fix}, or train without 'resume'.`,
    );
  }
}
