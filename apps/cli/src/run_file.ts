import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GANOptions } from '@gankit/gan';
import { UsageError } from './errors';
import type { SganNet } from './semi_supervised';

/**
 * `--lr-decay`: `'linear'`, the rate falls linearly to 0 over the run; `'linear-after:<epoch>'`,
 * it is held for the first `<epoch>` epochs and then falls linearly to 0.
 */
export type LearningRateDecay = 'linear' | `linear-after:${number}`;

/** What `gankit train` records in `<out>/run.json`, so later commands can rebuild the model. */
export interface RunFile {
  model: string;
  data: string;
  seed: number;
  learningRate: number;
  /** Samples per step (`--batch-size`); absent in runs made before it was recorded. */
  batchSize?: number;
  /** Training samples used (`--limit`), when given. */
  limit?: number;
  /** Labelled examples of a semi-supervised run (`--labels`). */
  labels?: number;
  /** Samples D judges at once (`--pack`), when more than one. */
  pack?: number;
  /** The fraction of the steps trained at a tenth of the learning rate (`--lr-drop`). */
  lrDrop?: number;
  /** How the learning rate fell (`--lr-decay`): over the run, or after the given epoch. */
  lrDecay?: LearningRateDecay;
  /** The semi-supervised model's networks (`--net`); absent in runs made before it existed (`small`). */
  net?: SganNet;
  /** Units of the dense layer in dcgan's and lsgan's networks (`--dense`); absent in runs made before it existed (0). */
  dense?: number;
  /** Channels of G's first feature map and D's last convolution in dcgan's and lsgan's networks (`--width`); absent in runs made before it existed (128). */
  width?: number;
  /** Weight γ of the R1 penalty in D's loss (`--r1`), when given. */
  r1?: number;
  /** Decay of the running average of G's weights that samples (`--g-average`), when given. */
  generatorAverageDecay?: number;
}

/**
 * The model options a run records (seed, rate, pack, R1, G's average), as `train` builds the
 * model and `sample`, `evaluate` and `--resume` rebuild it.
 */
export function ganOptions(run: RunFile): GANOptions {
  return {
    seed: run.seed,
    learningRate: run.learningRate,
    ...(run.pack ? { pack: run.pack } : {}),
    ...(run.r1 ? { r1: run.r1 } : {}),
    ...(run.generatorAverageDecay ? { generatorAverageDecay: run.generatorAverageDecay } : {}),
  };
}

/** Writes `<out>/run.json` (to a temporary file first, so an interrupted write keeps the old one). */
export async function writeRunFile(out: string, run: RunFile): Promise<void> {
  const file = join(out, 'run.json');
  await writeFile(`${file}.tmp`, `${JSON.stringify(run, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

/** Reads `<out>/run.json`, or explains what is missing. */
export async function readRunFile(out: string): Promise<RunFile> {
  let text: string;
  try {
    text = await readFile(join(out, 'run.json'), 'utf8');
  } catch {
    throw new UsageError(
      `${out} is not a gankit training folder (no run.json); train first with 'gankit train'`,
    );
  }
  try {
    return JSON.parse(text) as RunFile;
  } catch {
    throw new UsageError(`${join(out, 'run.json')} is corrupt`);
  }
}
