import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import { labelledSubset, loadMnist } from '@gankit/datasets';
import {
  linearDecay,
  loadCheckpoint,
  SemiSupervisedGAN,
  SupervisedBaseline,
  salimansDiscriminator,
} from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCommand } from './commands/evaluate';
import { trainCommand } from './commands/train';
import { createSgan, initializeDiscriminator, labelCount, labelledDigits } from './semi_supervised';
import { captureOutput, quietly } from './test_output';

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

describe('gankit train sgan', () => {
  const out = mkdtempSync(join(tmpdir(), 'gankit-sgan-'));
  const flags = {
    data: 'mnist',
    limit: '300',
    epochs: '1',
    batchSize: '100',
    labels: '20',
    seed: '3',
    net: 'salimans', // the plain networks with their linear decay; the default has its own test
    out,
  };
  let test: ReturnType<typeof loadMnist>;

  beforeAll(async () => {
    await initBackend();
    test = loadMnist({ split: 'test', normalize: '-1..1', flat: true });
  });
  afterAll(() => tf.dispose([test.images, test.oneHot]));

  it("prints D's test accuracy per epoch and at the end, and the supervised baseline's", async () => {
    const tensors = tf.memory().numTensors;
    const output = captureOutput();
    try {
      await trainCommand('sgan', { ...flags, baseline: true });
    } finally {
      output.restore();
    }
    expect(tf.memory().numTensors).toBe(tensors); // data, model, test digits and baseline freed
    // The printed figures are those of the saved model (Salimans' networks, D averaged) and
    // of a baseline trained here (the same D, at the same linearly falling rate).
    const sgan = createSgan('salimans', { seed: 3, learningRate: 0.003, sampleShape: [784] });
    expect(sgan.average?.decay).toBe(0.999);
    expect(sgan.unsupervisedWeight).toBe(0.5);
    await loadCheckpoint(sgan, join(out, 'checkpoint'), 'SemiSupervisedGAN');
    const accuracy = sgan.score(test.images, test.labels);
    sgan.dispose();
    const train = loadMnist({ split: 'train', normalize: '-1..1', flat: true, limit: 300 });
    const { labelled } = labelledSubset(train.labels, { nPerClass: 2, seed: 3 });
    const xl = tf.gather(train.images, tf.tensor1d(labelled, 'int32'));
    const yl = Int32Array.from(labelled, (i) => train.labels[i] as number);
    expect(Array.from(new Set(yl)).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const baseline = await new SupervisedBaseline({
      steps: 3,
      seed: 3,
      learningRate: 0.003,
      learningRateSchedule: linearDecay,
      network: salimansDiscriminator({ seed: 3, pixelRange: '-1..1' }),
    }).fit(xl, yl);
    const base = baseline.score(test.images, test.labels);
    tf.dispose([xl, train.images, train.oneHot]);
    baseline.dispose();

    expect(output.stderr()).toContain(`D(G(z))`);
    expect(output.stderr()).not.toContain('warning'); // 1 epoch: nothing to warn about
    expect(output.stderr()).toMatch(new RegExp(`epoch 1/1: .* test accuracy ${pct(accuracy)} `));
    expect(output.stdout()).toContain(
      `gankit: D's classifier: test accuracy ${pct(accuracy)} on 10000 MNIST test digits, from 20 labelled examples\n`,
    );
    expect(output.stdout()).toContain(
      `gankit: supervised baseline: test accuracy ${pct(base)} (semi-supervised GAN ${pct(accuracy)}`,
    );
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toMatchObject({
      model: 'sgan',
      labels: 20,
      seed: 3,
      learningRate: 0.003,
      net: 'salimans',
      lrDecay: 'linear',
    });
    expect(
      readFileSync(join(out, 'samples', 'epoch-001.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const evaluated = captureOutput();
    try {
      await evaluateCommand(out, { n: '250' });
    } finally {
      evaluated.restore();
    }
    expect(evaluated.stdout()).toContain(
      `\ngankit: D's classifier: test accuracy ${pct(accuracy)} on 10000 MNIST test digits\n`,
    );
  });

  it('resumes the same run, and refuses to resume with other labels', async () => {
    await expect(trainCommand('sgan', { ...flags, labels: '30', resume: true })).rejects.toThrow(
      `--resume: ${out} was trained with labels 20, not 30`,
    );
    const output = captureOutput();
    try {
      await trainCommand('sgan', { ...flags, epochs: '2', resume: true });
    } finally {
      output.restore();
    }
    expect(output.stderr()).toContain('gankit: resumed at step 3\n');
    expect(output.stderr()).toMatch(/epoch 2\/2: .* test accuracy \d+\.\d\d% /);
    expect(output.stdout()).toContain('gankit: finished after 6 steps.');
  });

  it('saves a checkpoint and reports the accuracy when interrupted (Ctrl-C)', async () => {
    const dir = join(out, 'interrupted');
    const output = captureOutput();
    const before = process.listeners('SIGINT').length;
    // Press Ctrl-C once the first epoch has ended: call the handler train registered.
    const poll = setInterval(() => {
      const handler = process.listeners('SIGINT')[before];
      if (handler && output.stderr().includes('epoch 1/20:')) {
        clearInterval(poll);
        handler('SIGINT');
      }
    }, 5);
    try {
      await trainCommand('sgan', { ...flags, epochs: '20', baseline: true, out: dir });
    } finally {
      clearInterval(poll);
      output.restore();
    }
    expect(output.stderr()).toContain('gankit: stopping after this step and saving a checkpoint');
    // 20 epochs of the linear decay: the measured recipe is 10, and the tool says so.
    expect(output.stderr()).toContain(
      'gankit: warning: sgan --net salimans runs longer than 10 epochs have ended worse, not better (seed 0: 87.2% after 10 epochs, 59.8% after 25',
    );
    const stopped = /gankit: stopped after (\d+) steps\./.exec(output.stdout());
    expect(Number(stopped?.[1])).toBeGreaterThanOrEqual(3);
    expect(Number(stopped?.[1])).toBeLessThan(60);
    expect(output.stdout()).toMatch(/D's classifier: test accuracy \d+\.\d\d% on 10000/);
    expect(output.stdout()).not.toContain('supervised baseline'); // skipped after Ctrl-C
    expect(process.listeners('SIGINT').length).toBe(before);
    const checkpoint = JSON.parse(readFileSync(join(dir, 'checkpoint', 'model.json'), 'utf8'));
    expect(checkpoint.modelTopology.gankitCheckpoint.step).toBe(Number(stopped?.[1]));
  });

  it('by default trains salimans-wn: weight-normalised D set from the data, constant rate; baseline alike', async () => {
    const dir = join(out, 'wn');
    const { net: _, ...defaults } = flags;
    const output = captureOutput();
    try {
      await trainCommand('sgan', { ...defaults, baseline: true, out: dir });
    } finally {
      output.restore();
    }
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ net: 'salimans-wn', learningRate: 0.003 });
    expect(run.lrDecay).toBeUndefined();
    expect(output.stderr()).not.toContain('warning');
    // The checkpoint holds D's fixed scales as the data set them (a fresh D has all 1s), and
    // the printed accuracy is that of the saved model, D averaged.
    const sgan = createSgan('salimans-wn', { seed: 3, learningRate: 0.003, sampleShape: [784] });
    expect(sgan.unsupervisedWeight).toBe(1);
    expect(sgan.average?.decay).toBe(0.999);
    const scale = () =>
      Array.from(
        sgan.discriminator.weights.find((w) => w.name.endsWith('/scale'))?.variable.dataSync() ??
          [],
      );
    expect(scale().every((v) => v === 1)).toBe(true);
    await loadCheckpoint(sgan, join(dir, 'checkpoint'), 'SemiSupervisedGAN');
    expect(Math.min(...scale())).toBeGreaterThan(1.2); // [-1, 1] pixels mapped to [0, 1]: std < 1
    const accuracy = sgan.score(test.images, test.labels);
    sgan.dispose();
    expect(output.stdout()).toContain(`test accuracy ${pct(accuracy)} on 10000 MNIST test digits`);
    // The baseline: the same weight-normalised D, initialised on the labelled digits alone,
    // trained at the same constant rate.
    const train = loadMnist({ split: 'train', normalize: '-1..1', flat: true, limit: 300 });
    const labelled = labelledDigits(train.images, train.labels, 20, 3);
    const network = salimansDiscriminator({ seed: 3, pixelRange: '-1..1', weightNorm: true });
    initializeDiscriminator('salimans-wn', network, labelled.x, 3);
    const baseline = await new SupervisedBaseline({
      steps: 3,
      seed: 3,
      learningRate: 0.003,
      network,
    }).fit(labelled.x, labelled.y);
    const base = baseline.score(test.images, test.labels);
    tf.dispose([labelled.x, train.images, train.oneHot]);
    baseline.dispose();
    expect(output.stdout()).toContain(
      `gankit: supervised baseline: test accuracy ${pct(base)} (semi-supervised GAN ${pct(accuracy)}`,
    );
    // It resumes as itself, and refuses to resume as the plain networks.
    await expect(
      trainCommand('sgan', {
        ...defaults,
        net: 'salimans',
        lrDecay: 'none',
        resume: true,
        out: dir,
      }),
    ).rejects.toThrow(`--resume: ${dir} was trained with net salimans-wn, not salimans`);
    const resumed = await quietly(() =>
      trainCommand('sgan', { ...defaults, epochs: '2', resume: true, out: dir }),
    );
    expect(resumed).toContain('gankit: finished after 6 steps.');
  });

  it('--net small trains the small default networks at a constant 2e-4, as runs made before --net', async () => {
    const dir = join(out, 'small');
    await quietly(() => trainCommand('sgan', { ...flags, net: 'small', out: dir }));
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ net: 'small', learningRate: 2e-4 });
    expect(run.lrDecay).toBeUndefined();
    const small = new SemiSupervisedGAN({ seed: 3, learningRate: 2e-4, sampleShape: [784] });
    await loadCheckpoint(small, join(dir, 'checkpoint'), 'SemiSupervisedGAN');
    const accuracy = small.score(test.images, test.labels);
    small.dispose();
    // A folder whose run.json has no 'net' (written before it existed) is read as 'small'.
    const { net: _, ...old } = run;
    writeFileSync(join(dir, 'run.json'), JSON.stringify(old));
    const stdout = await quietly(() => evaluateCommand(dir, { n: '100' }));
    expect(stdout).toContain(`D's classifier: test accuracy ${pct(accuracy)} on 10000`);
  });

  it('refuses --net and --lr-decay values it does not know, and both schedules at once', async () => {
    await expect(trainCommand('sgan', { ...flags, net: 'large' })).rejects.toThrow(
      "--net must be one of salimans-wn, salimans, small, got 'large'",
    );
    await expect(trainCommand('gan', { data: 'mnist', net: 'small' })).rejects.toThrow(
      "--net works with 'sgan' only",
    );
    await expect(trainCommand('sgan', { ...flags, lrDecay: 'cosine' })).rejects.toThrow(
      "--lr-decay must be linear, linear-after:<epoch> or none, got 'cosine'",
    );
    await expect(
      trainCommand('sgan', { ...flags, lrDecay: 'linear', lrDrop: '0.25' }),
    ).rejects.toThrow('--lr-decay linear and --lr-drop are two schedules: give one');
    await expect(trainCommand('sgan', { ...flags, net: 'small', resume: true })).rejects.toThrow(
      `--resume: ${out} was trained with lrDecay linear, not (none)`,
    );
  });

  it('rejects label counts it cannot honour, with one line naming the flag', async () => {
    expect(labelCount(undefined)).toBe(100);
    expect(() => labelCount('25')).toThrow(
      "--labels must be a multiple of 10 (the same number of labelled examples per digit), got '25'",
    );
    expect(() => labelCount('0')).toThrow("--labels must be a positive integer, got '0'");
    await expect(trainCommand('gan', { data: 'mnist', labels: '100' })).rejects.toThrow(
      "--labels works with 'sgan' only",
    );
    await expect(trainCommand('dcgan', { data: 'mnist', baseline: true })).rejects.toThrow(
      "--baseline works with 'sgan' only",
    );
    const output = captureOutput();
    try {
      await expect(
        trainCommand('sgan', { ...flags, labels: '1000', out: join(out, 'other') }),
      ).rejects.toThrow(
        /^--labels 1000 needs 100 examples of each digit, but the 300 training images hold only \d+ of digit \d \(raise --limit or lower --labels\)$/,
      );
    } finally {
      output.restore();
    }
    await expect(
      trainCommand('sgan', { ...flags, resume: true, out: join(out, 'never-trained') }),
    ).rejects.toThrow(
      `--resume: no checkpoint in ${join(out, 'never-trained', 'checkpoint')}; train without --resume first (or give --out)`,
    );
  });
});
