import { access } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { initBackend } from '@gankit/core';
import { loadMnist } from '@gankit/datasets';
import {
  ConditionalGAN,
  type GAN,
  imageGrid,
  type LearningRateSchedule,
  linearDecay,
  linearDecayAfter,
  SemiSupervisedGAN,
  savePng,
  train,
} from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { positiveInt, positiveNumber, UsageError, wholeNumber } from '../errors';
import { isMixture, type MixtureName, mixtureSample } from '../mixtures';
import { type ModelEntry, models } from '../models';
import { makeFolder } from '../output_files';
import { createProgress } from '../progress';
import { scatterPlot } from '../render';
import {
  ganOptions,
  type LearningRateDecay,
  type RunFile,
  readRunFile,
  writeRunFile,
} from '../run_file';
import {
  baselineAccuracy,
  initializeDiscriminator,
  labelCount,
  labelledDigits,
  loadTestDigits,
  percent,
  type SganNet,
  sganLearningRate,
  sganNet,
  type TestDigits,
} from '../semi_supervised';

/** Flags of `gankit train`. */
export interface TrainFlags {
  data: string;
  epochs?: string;
  batchSize?: string;
  lr?: string;
  seed?: string;
  limit?: string;
  out?: string;
  resume?: boolean;
  backend?: string;
  threads?: string;
  labels?: string;
  baseline?: boolean;
  pack?: string;
  lrDrop?: string;
  lrDecay?: string;
  net?: string;
  dense?: string;
  width?: string;
  r1?: string;
  gAverage?: string;
}

/** `gankit train <model>`: trains a GAN, writing a sample grid per epoch and checkpoints. */
export async function trainCommand(modelName: string, flags: TrainFlags): Promise<void> {
  const entry = models[modelName];
  if (!entry)
    throw new UsageError(
      `unknown model '${modelName}'; choose one of: ${Object.keys(models).join(', ')}`,
    );
  const twoD = isMixture(flags.data);
  if (!twoD && flags.data !== 'mnist')
    throw new UsageError(`--data must be mnist, ring or grid, got '${flags.data}'`);
  if (twoD && modelName !== 'gan')
    throw new UsageError(`--data ${flags.data} works with 'gan' only`);
  if (!entry.semiSupervised && flags.labels !== undefined)
    throw new UsageError("--labels works with 'sgan' only");
  if (!entry.semiSupervised && flags.baseline)
    throw new UsageError("--baseline works with 'sgan' only");
  if (!entry.semiSupervised && flags.net !== undefined)
    throw new UsageError("--net works with 'sgan' only");
  const net = entry.semiSupervised ? sganNet(flags.net) : undefined;
  if (!entry.dense && flags.dense !== undefined)
    throw new UsageError(`--dense works with ${modelsWith('dense')} only`);
  const dense = entry.dense ? wholeNumber('dense', flags.dense, 1024) : undefined;
  if (!entry.dense && flags.width !== undefined)
    throw new UsageError(`--width works with ${modelsWith('dense')} only`);
  const width = entry.dense ? positiveInt('width', flags.width, 128) : undefined;
  if (width !== undefined && width % 2 !== 0)
    throw new UsageError(`--width must be even (D's first convolution has half), got '${width}'`);
  const pack = positiveInt('pack', flags.pack, 1);
  if (pack > 1 && !entry.packs)
    throw new UsageError(`--pack works with ${modelsWith('packs')}, not '${modelName}'`);
  if (flags.r1 !== undefined && !entry.r1)
    throw new UsageError(`--r1 works with ${modelsWith('r1')} only, not '${modelName}'`);
  const r1 = flags.r1 === undefined ? undefined : positiveNumber('r1', flags.r1, 0);
  const generatorAverageDecay = averageDecay(modelName, entry, flags.gAverage);
  const labelsWanted = entry.semiSupervised ? labelCount(flags.labels) : undefined;
  const epochs = positiveInt('epochs', flags.epochs, twoD ? 20 : 5);
  const batchSize = positiveInt('batch-size', flags.batchSize, 100);
  if (batchSize % pack !== 0)
    throw new UsageError(`--batch-size ${batchSize} must be a multiple of --pack ${pack}`);
  const learningRate = positiveNumber(
    'lr',
    flags.lr,
    net ? sganLearningRate(net) : twoD ? 1e-3 : 2e-4,
  );
  const lrDrop =
    flags.lrDrop === undefined ? undefined : positiveNumber('lr-drop', flags.lrDrop, 0);
  if (lrDrop !== undefined && lrDrop >= 1)
    throw new UsageError(
      `--lr-drop must be a fraction of the steps below 1, got '${flags.lrDrop}'`,
    );
  const lrDecay = learningRateDecay(flags.lrDecay, lrDrop, net, epochs);
  if (net === 'salimans' && lrDecay === 'linear' && epochs > 10)
    process.stderr.write(
      `gankit: warning: sgan --net salimans runs longer than 10 epochs have ended worse, not better (seed 0: 87.2% after 10 epochs, 59.8% after 25; see the @gankit/gan README). Use --epochs 10, or --net salimans-wn (the default), which keeps improving.\n`,
    );
  const seed = flags.seed === undefined ? 0 : Number(flags.seed);
  if (!Number.isInteger(seed))
    throw new UsageError(`--seed must be an integer, got '${flags.seed}'`);
  const out = resolve(flags.out ?? join('gankit-out', `${modelName}-${flags.data}`));
  const run: RunFile = { model: modelName, data: flags.data, seed, learningRate, batchSize };
  const limit = flags.limit === undefined ? undefined : positiveInt('limit', flags.limit, 1);
  if (limit !== undefined) run.limit = limit;
  if (labelsWanted !== undefined) run.labels = labelsWanted;
  if (pack > 1) run.pack = pack;
  if (lrDrop !== undefined) run.lrDrop = lrDrop;
  if (lrDecay) run.lrDecay = lrDecay;
  if (net) run.net = net;
  if (dense !== undefined) run.dense = dense;
  if (width !== undefined) run.width = width;
  if (r1 !== undefined) run.r1 = r1;
  if (generatorAverageDecay !== undefined) run.generatorAverageDecay = generatorAverageDecay;
  if (flags.resume) await checkResumable(out, run, entry.dense === true);
  const backend = flags.backend === 'cpu' ? 'cpu' : 'wasm';
  // Dense MNIST models: gankit's products on two threads, XNNPACK (whose idle threads spin
  // and slow them) on one. Convolutional models: XNNPACK on up to 4. 2D toys: one thread.
  const threads = positiveInt(
    'threads',
    flags.threads,
    twoD ? 1 : entry.flat ? Math.min(2, cpus().length) : Math.min(4, cpus().length),
  );
  const xnnpack = entry.flat && threads > 1 ? { xnnpackThreads: 1 } : {};
  const info = await initBackend({ backend, threads, ...(backend === 'wasm' ? xnnpack : {}) });
  process.stderr.write(
    `gankit: ${modelName} on ${flags.data}, backend ${info.backend}${info.simd ? ' (SIMD)' : ''}, ${info.threads} thread(s), output ${out}\n`,
  );

  await makeFolder(join(out, 'samples'));
  const { x, real, labels } = loadData(flags.data, entry.flat, limit, seed);
  let labelled: { x: tf.Tensor; y: Int32Array } | undefined;
  try {
    if (labelsWanted !== undefined && labels)
      labelled = labelledDigits(x, labels, labelsWanted, seed);
  } catch (error) {
    x.dispose();
    throw error;
  }
  const gan: GAN = entry.create(ganOptions(run), x.shape.slice(1), run);
  // A fresh salimans-wn D takes its scales from the data; a resumed one from its checkpoint.
  if (net && !flags.resume && gan instanceof SemiSupervisedGAN)
    initializeDiscriminator(net, gan.discriminator, x, seed);
  const learningRateSchedule: LearningRateSchedule | undefined =
    lrDrop !== undefined
      ? (step, total) => (step > (1 - lrDrop) * total ? 0.1 : 1)
      : lrDecay
        ? decaySchedule(lrDecay, epochs)
        : undefined;
  const test: TestDigits | undefined = labelled ? loadTestDigits() : undefined;
  if (labelled && gan instanceof SemiSupervisedGAN) gan.setLabelled(labelled.x, labelled.y);
  const testAccuracy = () =>
    gan instanceof SemiSupervisedGAN && test ? gan.score(test.images, test.labels) : undefined;
  const progress = createProgress();
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\ngankit: stopping after this step and saving a checkpoint (Ctrl-C again to quit now)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let stepsPerEpoch = 1;
  let epochStartStep = 0;
  let epochStartTime = performance.now();
  try {
    await writeRunFile(out, run);
    const result = await train(gan, x, {
      epochs,
      batchSize,
      seed,
      labels: entry.conditional ? labels : undefined,
      signal: controller.signal,
      checkpoint: { dir: join(out, 'checkpoint') },
      resume: flags.resume ?? false,
      ...(learningRateSchedule ? { learningRateSchedule } : {}),
      onTrainBegin: ({ step, stepsPerEpoch: spe }) => {
        stepsPerEpoch = spe;
        epochStartStep = step - (step % spe);
        if (step > 0) process.stderr.write(`gankit: resumed at step ${step}\n`);
        progress.epochStart(Math.floor(step / spe) + 1, epochs, spe);
      },
      onBatchEnd: (step, logs) => {
        const done = step - epochStartStep;
        const seconds = (performance.now() - epochStartTime) / 1000;
        progress.step(done, logs, done / Math.max(seconds, 1e-9));
      },
      onEpochEnd: async (epoch, logs) => {
        const file = join(out, 'samples', `epoch-${String(epoch + 1).padStart(3, '0')}.png`);
        await saveSamples(gan, file, real);
        const accuracy = testAccuracy();
        const scored = accuracy === undefined ? '' : ` test accuracy ${percent(accuracy)}`;
        progress.epochEnd(
          `epoch ${epoch + 1}/${epochs}: d_loss ${logs.dLoss.toFixed(3)} g_loss ${logs.gLoss.toFixed(3)} D(x) ${logs.dReal.toFixed(3)} D(G(z)) ${logs.dFake.toFixed(3)}${scored} (${logs.seconds.toFixed(1)} s) -> ${file}`,
        );
        epochStartStep += stepsPerEpoch;
        epochStartTime = performance.now();
        if (epoch + 1 < epochs) progress.epochStart(epoch + 2, epochs, stepsPerEpoch);
      },
    });
    progress.stop();
    const latest = join(out, 'samples', 'latest.png');
    await saveSamples(gan, latest, real);
    const verb = result.stopped === 'aborted' ? 'stopped' : 'finished';
    process.stdout.write(
      `gankit: ${verb} after ${result.steps} steps. Samples: ${latest}  Checkpoint: ${join(out, 'checkpoint')} (continue with --resume)\n`,
    );
    if (labelled && test) {
      await reportAccuracy(testAccuracy() as number, labelled, test, {
        baseline: (flags.baseline ?? false) && result.stopped === 'finished',
        steps: result.steps,
        seed,
        learningRate,
        net: net as SganNet,
        ...(learningRateSchedule ? { learningRateSchedule } : {}),
      });
    }
  } finally {
    process.off('SIGINT', onSigint);
    tf.dispose([x, ...(labelled ? [labelled.x] : []), ...(test ? [test.images] : [])]);
    gan.dispose();
  }
}

/** The models whose table entry sets `property`, as prose: "gan, dcgan and lsgan". */
function modelsWith(property: 'packs' | 'dense' | 'r1' | 'averagesG'): string {
  const names = Object.keys(models).filter((name) => models[name]?.[property]);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Reads `--g-average` (models with `averagesG`): a decay strictly between 0 and 1, or none. */
function averageDecay(
  modelName: string,
  entry: ModelEntry,
  value: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  if (!entry.averagesG)
    throw new UsageError(
      `--g-average works with ${modelsWith('averagesG')} only, not '${modelName}'`,
    );
  const decay = Number(value);
  if (!(decay > 0 && decay < 1))
    throw new UsageError(`--g-average must be a decay between 0 and 1, got '${value}'`);
  return decay;
}

/**
 * Reads `--lr-decay` (`linear`, `linear-after:<epoch>` or `none`). Without it the learning
 * rate falls linearly for sgan's Salimans networks (unless `--lr-drop` is given) and stays
 * constant otherwise.
 */
function learningRateDecay(
  value: string | undefined,
  lrDrop: number | undefined,
  net: SganNet | undefined,
  epochs: number,
): LearningRateDecay | undefined {
  const after = /^linear-after:(\d+)$/.exec(value ?? '');
  if (value !== undefined && value !== 'linear' && value !== 'none' && !after)
    throw new UsageError(`--lr-decay must be linear, linear-after:<epoch> or none, got '${value}'`);
  if (after && Number(after[1]) >= epochs)
    throw new UsageError(
      `--lr-decay ${value}: the rate must start falling before the last epoch (--epochs ${epochs})`,
    );
  if (value !== undefined && value !== 'none' && lrDrop !== undefined)
    throw new UsageError(`--lr-decay ${value} and --lr-drop are two schedules: give one`);
  if (after) return value as LearningRateDecay;
  const linear =
    value === 'linear' || (value === undefined && lrDrop === undefined && net === 'salimans');
  return linear ? 'linear' : undefined;
}

/**
 * The schedule of a `--lr-decay` value: linear over the run, or held for the first `<epoch>`
 * epochs of `epochs` and then linear.
 */
function decaySchedule(decay: LearningRateDecay, epochs: number): LearningRateSchedule {
  if (decay === 'linear') return linearDecay;
  const hold = Number(decay.slice('linear-after:'.length));
  return (step, total) => linearDecayAfter(Math.round((total / epochs) * hold))(step, total);
}

/**
 * Refuses `--resume` without a checkpoint, or with settings that would not continue the same
 * run. `dense`: whether the model has `--dense` and `--width` (a folder written before them has
 * no `dense`, meaning 0, and no `width`, meaning 128).
 */
async function checkResumable(out: string, run: RunFile, dense: boolean): Promise<void> {
  const checkpoint = join(out, 'checkpoint');
  try {
    await access(join(checkpoint, 'model.json'));
  } catch {
    throw new UsageError(
      `--resume: no checkpoint in ${checkpoint}; train without --resume first (or give --out)`,
    );
  }
  const before = await readRunFile(out);
  if (dense) {
    before.dense ??= 0;
    before.width ??= 128;
  }
  // A run.json written before the batch size was recorded cannot be checked on it here.
  before.batchSize ??= run.batchSize;
  for (const key of [
    'model',
    'data',
    'seed',
    'batchSize',
    'limit',
    'labels',
    'pack',
    'lrDrop',
    'lrDecay',
    'net',
    'dense',
    'width',
    'r1',
    'generatorAverageDecay',
  ] as const) {
    if (before[key] !== run[key])
      throw new UsageError(
        `--resume: ${out} was trained with ${key} ${before[key] ?? '(none)'}, not ${run[key] ?? '(none)'}`,
      );
  }
}

/** Prints D's test accuracy and, when asked, the supervised baseline's beside it. */
async function reportAccuracy(
  accuracy: number,
  labelled: { x: tf.Tensor; y: Int32Array },
  test: TestDigits,
  options: {
    baseline: boolean;
    steps: number;
    seed: number;
    learningRate: number;
    net: SganNet;
    learningRateSchedule?: LearningRateSchedule;
  },
): Promise<void> {
  const n = test.labels.length;
  process.stdout.write(
    `gankit: D's classifier: test accuracy ${percent(accuracy)} on ${n} MNIST test digits, from ${labelled.y.length} labelled examples\n`,
  );
  if (!options.baseline) return;
  process.stderr.write(
    `gankit: training the supervised baseline (same network and labels, no unlabelled or generated data) for ${options.steps} steps\n`,
  );
  const { baseline: _, ...training } = options;
  const base = await baselineAccuracy(labelled, training, test);
  process.stdout.write(
    `gankit: supervised baseline: test accuracy ${percent(base)} (semi-supervised GAN ${percent(accuracy)}, ${accuracy >= base ? '+' : ''}${((accuracy - base) * 100).toFixed(2)} points)\n`,
  );
}

function loadData(data: string, flat: boolean, limit: number | undefined, seed: number) {
  if (data === 'mnist') {
    const set = loadMnist({ split: 'train', normalize: '-1..1', flat, limit });
    set.oneHot.dispose();
    return { x: set.images as tf.Tensor, real: undefined, labels: set.labels };
  }
  const n = limit ?? 20_000;
  const sample = mixtureSample(data as MixtureName, n, seed);
  const values = new Float32Array(sample.points[0]?.buffer ?? new ArrayBuffer(0), 0, n * 2);
  return {
    x: tf.tensor2d(values, [n, 2]) as tf.Tensor,
    real: values.slice(0, 4000),
    labels: undefined,
  };
}

async function saveSamples(gan: GAN, file: string, real: Float32Array | undefined): Promise<void> {
  if (real) {
    const points = gan.generate(1000, { seed: 'cli-samples' });
    const values = points.dataSync() as Float32Array;
    points.dispose();
    await savePng(scatterPlot(values, real), file);
    return;
  }
  // Conditional models: each row of the grid asks for one digit (0..7).
  const rows = Array.from({ length: 64 }, (_, i) => Math.floor(i / 8));
  const samples =
    gan instanceof ConditionalGAN
      ? gan.generate(64, { seed: 'cli-samples', labels: rows })
      : gan.generate(64, { seed: 'cli-samples' });
  const images = samples.rank === 2 ? samples.reshape([64, 28, 28, 1]) : samples;
  const grid = imageGrid(images, { cols: 8 });
  tf.dispose([samples, images]);
  await savePng(grid, file);
}
