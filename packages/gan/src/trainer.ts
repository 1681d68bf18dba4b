import {
  assertInteger,
  assertKnownOptions,
  createRng,
  GankitError,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { loadCheckpoint, type RunIdentity, saveCheckpoint } from './checkpoint';
import type { GAN, StepLogs } from './gan';
import { checkSchedule, type LearningRateSchedule, scheduledFactor } from './schedule';

/** Logs of a finished epoch: the mean of each figure over its steps, plus `steps` and `seconds`. */
export type EpochLogs = StepLogs & { steps: number; seconds: number };

/** Options of {@link train}. */
export interface TrainOptions {
  /** Passes over the data. */
  epochs: number;
  /** Samples per step. Default 100. The last incomplete batch of an epoch is dropped. */
  batchSize?: number;
  /** Integer class of each sample, for conditional GANs. */
  labels?: Int32Array;
  /** Seed of the data order. Default: the model's seed. */
  seed?: number | string;
  /** Stop after this many steps in all (useful for short runs). */
  maxSteps?: number;
  /** Aborting saves a checkpoint (when `checkpoint` is set) and ends training with `stopped: 'aborted'`. */
  signal?: AbortSignal;
  /** Write a checkpoint to `dir` every `every` steps and at the end. Node only. */
  checkpoint?: { dir: string; every?: number };
  /**
   * Continue from the checkpoint in `checkpoint.dir`, exactly where it left off. The seed,
   * `batchSize` and the number of samples in `x` must be those of the run that wrote it
   * (`ValueError` otherwise); `epochs`, `maxSteps` and the schedule may change.
   */
  resume?: boolean;
  /**
   * A factor on both networks' learning rates, step by step: `(step, totalSteps) => factor`,
   * with `step` the number (from 1) of the step about to run and `totalSteps` the steps of the
   * whole run (`epochs` of steps, or `maxSteps` if fewer). For example
   * `(s, total) => (s > 0.75 * total ? 0.1 : 1)` trains the last quarter at a tenth of the
   * rate. A function of the step, so a resumed run follows it exactly. The optimizers'
   * `learningRateScale` is set to 1 again when `train` returns.
   */
  learningRateSchedule?: LearningRateSchedule;
  onTrainBegin?: (info: { step: number; stepsPerEpoch: number }) => void | Promise<void>;
  onBatchEnd?: (step: number, logs: StepLogs) => void | Promise<void>;
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
}

/** What {@link train} did. */
export interface TrainResult {
  /** Steps completed in all (including those before a resume). */
  steps: number;
  stopped: 'finished' | 'aborted';
  /** Mean logs of each epoch finished in this call. */
  history: EpochLogs[];
}

/** Training produced a NaN or infinite loss. The last good checkpoint, if any, is kept. */
export class TrainingDivergedError extends GankitError {
  override name = 'TrainingDivergedError';
}

const where = 'train';

/**
 * Trains `gan` on the samples `x` (shape `[n, ...sampleShape]`), shuffling each epoch from
 * the seed, so a run resumed from a checkpoint takes the same batches and, with the same
 * seed, gives the same losses as an uninterrupted run.
 */
export async function train(gan: GAN, x: tf.Tensor, options: TrainOptions): Promise<TrainResult> {
  assertKnownOptions(where, options, [
    'epochs',
    'batchSize',
    'labels',
    'seed',
    'maxSteps',
    'signal',
    'checkpoint',
    'resume',
    'learningRateSchedule',
    'onTrainBegin',
    'onBatchEnd',
    'onEpochEnd',
  ]);
  const epochs = assertInteger(where, 'epochs', options.epochs);
  const batchSize = assertInteger(where, 'batchSize', options.batchSize ?? 100);
  const n = x.shape[0] as number;
  if (batchSize > n) {
    throw new ValueError(
      `Argument 'batchSize' passed to '${where}' is ${batchSize}, more than the ${n} samples of 'x'.`,
    );
  }
  if (options.labels && options.labels.length !== n) {
    throw new ShapeError(
      `Argument 'labels' passed to '${where}' has ${options.labels.length} entries but 'x' has ${n} samples.`,
    );
  }
  const schedule = checkSchedule(where, options.learningRateSchedule);
  if (options.resume && !options.checkpoint) {
    throw new ValueError(`Option 'resume' of '${where}' needs 'checkpoint.dir' to resume from.`);
  }
  const model = gan.constructor.name;
  const seed = options.seed ?? gan.seed;
  const stepsPerEpoch = Math.floor(n / batchSize);
  const totalSteps = Math.min(epochs * stepsPerEpoch, options.maxSteps ?? Number.POSITIVE_INFINITY);
  const every = options.checkpoint?.every ?? stepsPerEpoch;
  // What a resume must repeat to take the same batches: checked on load, recorded on save.
  const run: RunIdentity = { seed, batchSize, samples: n };
  let step = 0;
  if (options.resume && options.checkpoint) {
    step = (await loadCheckpoint(gan, options.checkpoint.dir, model, run)).step;
  }
  const save = async () => {
    if (options.checkpoint)
      await saveCheckpoint(gan, options.checkpoint.dir, { step, model, ...run });
  };
  await options.onTrainBegin?.({ step, stepsPerEpoch });
  const history: EpochLogs[] = [];
  let epochSum: Record<string, number> = {};
  let epochSteps = 0;
  let epochStart = performance.now();
  let order: Int32Array | undefined;
  let lastYield = performance.now();
  try {
    while (step < totalSteps) {
      if (options.signal?.aborted) {
        await save();
        return { steps: step, stopped: 'aborted', history };
      }
      const epoch = Math.floor(step / stepsPerEpoch);
      const b = step % stepsPerEpoch;
      if (b === 0 || !order) order = createRng(`${seed}:epoch:${epoch}`).permutation(n);
      const indices = order.subarray(b * batchSize, (b + 1) * batchSize);
      if (schedule)
        setLearningRateScale(gan, scheduledFactor(where, schedule, step + 1, totalSteps));
      const logs = runStep(gan, x, indices, options.labels);
      if (!Object.values(logs).every(Number.isFinite)) {
        throw new TrainingDivergedError(
          `${model} training diverged at step ${step + 1}: ${JSON.stringify(logs)}.${options.checkpoint ? ` The last good checkpoint is in ${options.checkpoint.dir}.` : ''}`,
        );
      }
      step++;
      epochSteps++;
      for (const [k, v] of Object.entries(logs)) epochSum[k] = (epochSum[k] ?? 0) + v;
      await options.onBatchEnd?.(step, logs);
      if (step % every === 0 && step < totalSteps) await save();
      if (step % stepsPerEpoch === 0 || step === totalSteps) {
        const mean = Object.fromEntries(
          Object.entries(epochSum).map(([k, v]) => [k, v / epochSteps]),
        );
        const logsOfEpoch = {
          ...mean,
          steps: epochSteps,
          seconds: (performance.now() - epochStart) / 1000,
        } as EpochLogs;
        history.push(logsOfEpoch);
        await options.onEpochEnd?.(Math.ceil(step / stepsPerEpoch) - 1, logsOfEpoch);
        epochSum = {};
        epochSteps = 0;
        epochStart = performance.now();
      }
      if (performance.now() - lastYield > 25) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  } finally {
    if (schedule) setLearningRateScale(gan, 1);
  }
  await save();
  return { steps: step, stopped: 'finished', history };
}

function setLearningRateScale(gan: GAN, factor: number): void {
  gan.gOptimizer.learningRateScale = factor;
  gan.dOptimizer.learningRateScale = factor;
}

function runStep(gan: GAN, x: tf.Tensor, indices: Int32Array, labels?: Int32Array): StepLogs {
  const idx = tf.tensor1d(indices, 'int32');
  const batch = tf.gather(x, idx);
  const batchLabels = labels
    ? tf.tensor1d(
        Int32Array.from(indices, (i) => labels[i] as number),
        'int32',
      )
    : undefined;
  try {
    return gan.trainStep(batch, batchLabels);
  } finally {
    tf.dispose(batchLabels ? [idx, batch, batchLabels] : [idx, batch]);
  }
}

/** Lets timers, abort signals and (in a page) rendering run between steps. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
