import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, initBackend, ValueError } from '@gankit/core';
import { LeakyReLU } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConditionalGAN,
  GAN,
  loadCheckpoint,
  type StepLogs,
  TrainingDivergedError,
  type TrainOptions,
  train,
  WGANGP,
} from './index';
import { ringPoints, tinyGenerator, tinyNet, twoClusters, weightValues } from './testing/toys';

let root = '';
beforeAll(async () => {
  await initBackend();
  root = await mkdtemp(join(tmpdir(), 'gankit-trainer-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const models = {
  GAN: (seed: number) =>
    new GAN({
      generator: tinyGenerator(2, seed),
      discriminator: tinyNet('discriminator', 2, 1, seed),
      learningRate: 1e-3,
      seed,
    }),
  WGANGP: (seed: number) =>
    new WGANGP({
      generator: tinyGenerator(2, seed),
      discriminator: tinyNet('discriminator', 2, 1, seed, 16, () => new LeakyReLU()),
      nCritic: 2,
      seed,
    }),
  ConditionalGAN: (seed: number) =>
    new ConditionalGAN({
      generator: tinyGenerator(4, seed),
      discriminator: tinyNet('discriminator', 4, 1, seed),
      numClasses: 2,
      seed,
    }),
};

/** Runs `train` and records the logs of every step. */
async function run(
  gan: GAN,
  x: tf.Tensor,
  options: TrainOptions,
): Promise<{ logs: StepLogs[]; steps: number[] }> {
  const logs: StepLogs[] = [];
  const steps: number[] = [];
  await train(gan, x, {
    ...options,
    onBatchEnd: async (step, l) => {
      steps.push(step);
      logs.push(l);
      await options.onBatchEnd?.(step, l);
    },
  });
  return { logs, steps };
}

describe('train', () => {
  for (const [name, make] of Object.entries(models)) {
    it(`${name}: resuming from a checkpoint gives exactly the losses of an uninterrupted run`, async () => {
      const { x, y } = twoClusters(40, 1); // 16 per batch: 2 steps per epoch, so 6 steps cross epochs
      const base: TrainOptions = { epochs: 3, batchSize: 16, labels: y };
      const full = make(3);
      const whole = await run(full, x, {
        ...base,
        checkpoint: { dir: join(root, `${name}-full`), every: 3 },
      });
      expect(whole.steps).toEqual([1, 2, 3, 4, 5, 6]);
      const first = make(3);
      await run(first, x, {
        ...base,
        maxSteps: 3,
        checkpoint: { dir: join(root, `${name}-half`) },
      });
      first.dispose();
      const resumed = make(3);
      const rest = await run(resumed, x, {
        ...base,
        resume: true,
        checkpoint: { dir: join(root, `${name}-half`) },
      });
      expect(rest.steps).toEqual([4, 5, 6]);
      expect(rest.logs).toEqual(whole.logs.slice(3));
      expect(weightValues(resumed.generator)).toEqual(weightValues(full.generator));
      tf.dispose(x);
      full.dispose();
      resumed.dispose();
    });
  }

  it('stops on a NaN loss with TrainingDivergedError and keeps the last good checkpoint', async () => {
    const x = ringPoints(64, 2);
    const gan = models.GAN(4);
    const dir = join(root, 'nan');
    let atCheckpoint: number[] = [];
    const training = run(gan, x, {
      epochs: 5,
      batchSize: 16,
      checkpoint: { dir, every: 2 },
      onBatchEnd: (step) => {
        if (step === 2) atCheckpoint = weightValues(gan.discriminator);
        if (step === 3) {
          const w = gan.discriminator.weights[0]?.variable as tf.Variable;
          const values = w.dataSync().slice();
          values[0] = Number.NaN;
          w.assign(tf.tensor(values, w.shape));
        }
      },
    });
    await expect(training).rejects.toThrow(TrainingDivergedError);
    await expect(training).rejects.toThrow(`GAN training diverged at step 4: {"dLoss":null,`);
    await expect(training).rejects.toThrow(`The last good checkpoint is in ${dir}.`);
    const fresh = models.GAN(4);
    const info = await loadCheckpoint(fresh, dir, 'GAN');
    expect(info.step).toBe(2);
    expect(weightValues(fresh.discriminator)).toEqual(atCheckpoint);
    expect(weightValues(fresh.discriminator).every(Number.isFinite)).toBe(true);
    x.dispose();
    gan.dispose();
    fresh.dispose();
  });

  it('an AbortSignal stops training after the current step and saves a checkpoint', async () => {
    const x = ringPoints(64, 3);
    const gan = models.GAN(5);
    const dir = join(root, 'abort');
    const controller = new AbortController();
    const result = await train(gan, x, {
      epochs: 10,
      batchSize: 16,
      signal: controller.signal,
      checkpoint: { dir, every: 100 },
      onBatchEnd: (step) => {
        if (step === 5) controller.abort();
      },
    });
    expect(result).toMatchObject({ steps: 5, stopped: 'aborted' });
    const fresh = models.GAN(5);
    expect((await loadCheckpoint(fresh, dir, 'GAN')).step).toBe(5);
    expect(weightValues(fresh.generator)).toEqual(weightValues(gan.generator));
    x.dispose();
    gan.dispose();
    fresh.dispose();
  });

  it('calls onTrainBegin, onBatchEnd and onEpochEnd with the right figures', async () => {
    const x = ringPoints(50, 4); // batch 16: 3 steps per epoch, 2 samples dropped
    const gan = models.GAN(6);
    const begins: unknown[] = [];
    const batches: [number, StepLogs][] = [];
    const epochs: [number, Record<string, number>][] = [];
    const result = await train(gan, x, {
      epochs: 2,
      batchSize: 16,
      onTrainBegin: (info) => {
        begins.push(info);
      },
      onBatchEnd: (step, logs) => {
        batches.push([step, logs]);
      },
      onEpochEnd: (epoch, logs) => {
        epochs.push([epoch, logs]);
      },
    });
    expect(begins).toEqual([{ step: 0, stepsPerEpoch: 3 }]);
    expect(batches.map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(epochs.map(([e]) => e)).toEqual([0, 1]);
    for (const [epoch, logs] of epochs) {
      const own = batches.slice(3 * epoch, 3 * epoch + 3).map(([, l]) => l);
      expect(logs.steps).toBe(3);
      expect(logs.seconds).toBeGreaterThan(0);
      for (const key of ['dLoss', 'gLoss', 'dReal', 'dFake']) {
        const mean = own.reduce((s, l) => s + (l[key] as number), 0) / 3;
        expect(logs[key]).toBeCloseTo(mean, 6);
      }
    }
    expect(result.history).toEqual(epochs.map(([, l]) => l));
    expect(result).toMatchObject({ steps: 6, stopped: 'finished' });
    x.dispose();
    gan.dispose();
  });

  it('refuses to resume with another seed, batch size or data, before touching the model', async () => {
    const x = ringPoints(48, 5);
    const fewer = ringPoints(40, 5);
    const dir = join(root, 'same-run');
    const first = models.GAN(7);
    await train(first, x, { epochs: 1, batchSize: 16, checkpoint: { dir } });
    first.dispose();
    const resume = (gan: GAN, options: Partial<TrainOptions>, data: tf.Tensor = x) =>
      train(gan, data, { epochs: 2, batchSize: 16, resume: true, checkpoint: { dir }, ...options });
    type Refusal = [Partial<TrainOptions>, tf.Tensor, string, string];
    const refusals: Refusal[] = [
      [{ seed: 8 }, x, "it was trained with seed 7, but option 'seed' is 8.", 'seed'],
      [
        { batchSize: 12 },
        x,
        "it was trained with batchSize 16, but option 'batchSize' is 12.",
        'batchSize',
      ],
      [{}, fewer, "it was trained with samples 48, but 'x' has 40.", 'data'],
    ];
    const refuse = async ([options, data, message, fix]: Refusal) => {
      const gan = models.GAN(7);
      const untouched = weightValues(gan.generator);
      await expect(resume(gan, options, data)).rejects.toThrow(
        new ValueError(
          `Cannot resume 'train' from ${dir}: ${message} Resume with the same ${fix}, or train without 'resume'.`,
        ),
      );
      expect(weightValues(gan.generator)).toEqual(untouched);
      gan.dispose();
    };
    for (const refusal of refusals) await refuse(refusal);
    // The same seed written as a string takes the same batches: accepted (and recorded as given).
    const same = models.GAN(7);
    await expect(resume(same, { seed: '7' })).resolves.toMatchObject({ steps: 6 });
    same.dispose();
    // A checkpoint written before batch size and samples were recorded is checked on the seed only.
    const file = join(dir, 'model.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json.modelTopology.gankitCheckpoint).toMatchObject({
      seed: '7',
      batchSize: 16,
      samples: 48,
    });
    delete json.modelTopology.gankitCheckpoint.batchSize;
    delete json.modelTopology.gankitCheckpoint.samples;
    await writeFile(file, JSON.stringify(json));
    await refuse(refusals[0] as Refusal);
    const old = models.GAN(7);
    await expect(resume(old, { batchSize: 12 })).resolves.toMatchObject({ steps: 8 });
    old.dispose();
    tf.dispose([x, fewer]);
  });

  it('refuses a corrupt checkpoint or one of another model with FormatError', async () => {
    const x = ringPoints(32, 5);
    const gan = models.GAN(7);
    const dir = join(root, 'corrupt');
    await train(gan, x, { epochs: 1, batchSize: 16, checkpoint: { dir } });
    const wgan = models.WGANGP(7);
    await expect(loadCheckpoint(wgan, dir, 'WGANGP')).rejects.toThrow(
      new FormatError(`${dir}: the checkpoint is of a GAN, not a WGANGP.`),
    );
    const weights = (await readdir(dir)).find((f) => f.endsWith('.bin')) as string;
    await writeFile(join(dir, weights), new Uint8Array(10));
    await expect(
      train(models.GAN(7), x, { epochs: 2, batchSize: 16, resume: true, checkpoint: { dir } }),
    ).rejects.toThrow(FormatError);
    await writeFile(join(dir, 'model.json'), '{ not json');
    await expect(loadCheckpoint(models.GAN(7), dir, 'GAN')).rejects.toThrow(FormatError);
    x.dispose();
    gan.dispose();
    wgan.dispose();
  });

  it('learningRateSchedule scales both learning rates step by step, resumes exactly, then resets', async () => {
    const x = ringPoints(48, 8); // 3 steps of 16 per epoch
    const calls: [number, number][] = [];
    const schedule = (s: number, total: number) => {
      calls.push([s, total]);
      return s > 2 ? 0 : 1;
    };
    // A factor of 0 from step 3 on: the weights stay those after step 2.
    const frozen = models.GAN(9);
    await run(frozen, x, { epochs: 2, batchSize: 16, learningRateSchedule: schedule });
    expect(calls).toEqual([1, 2, 3, 4, 5, 6].map((s) => [s, 6]));
    const twoSteps = models.GAN(9);
    await run(twoSteps, x, { epochs: 2, batchSize: 16, maxSteps: 2 });
    expect(weightValues(frozen.generator)).toEqual(weightValues(twoSteps.generator));
    expect(weightValues(frozen.discriminator)).toEqual(weightValues(twoSteps.discriminator));
    expect(frozen.gOptimizer.learningRateScale).toBe(1);
    expect(frozen.dOptimizer.learningRateScale).toBe(1);
    // A decaying schedule, interrupted after 3 steps and resumed, gives the same losses.
    const decay = (s: number, total: number) => 1 - s / (total + 1);
    const base: TrainOptions = { epochs: 2, batchSize: 16, learningRateSchedule: decay };
    const whole = await run(models.GAN(9), x, base);
    const dir = join(root, 'schedule');
    const stop = new AbortController(); // an interruption, not maxSteps: that would change totalSteps
    await run(models.GAN(9), x, {
      ...base,
      signal: stop.signal,
      checkpoint: { dir },
      onBatchEnd: (step) => {
        if (step === 3) stop.abort();
      },
    });
    const rest = await run(models.GAN(9), x, { ...base, resume: true, checkpoint: { dir } });
    expect(rest.logs).toEqual(whole.logs.slice(3));
    expect(whole.logs).not.toEqual(
      (await run(models.GAN(9), x, { epochs: 2, batchSize: 16 })).logs,
    );
    x.dispose();
    frozen.dispose();
    twoSteps.dispose();
  });

  it('refuses a schedule that is not a function or returns a bad factor, naming the step', async () => {
    const x = ringPoints(32, 9);
    const gan = models.GAN(10);
    await expect(
      train(gan, x, { epochs: 1, batchSize: 16, learningRateSchedule: 0.1 as never }),
    ).rejects.toThrow("Option 'learningRateSchedule' of 'train' must be a function");
    await expect(
      train(gan, x, {
        epochs: 1,
        batchSize: 16,
        learningRateSchedule: (s) => (s === 2 ? Number.NaN : 1),
      }),
    ).rejects.toThrow(
      "Option 'learningRateSchedule' of 'train' must return a finite number >= 0, but returned NaN for step 2.",
    );
    expect(gan.gOptimizer.learningRateScale).toBe(1);
    x.dispose();
    gan.dispose();
  });
});
