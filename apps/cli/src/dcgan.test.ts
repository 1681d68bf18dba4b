import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import { DCGAN, LSGAN, loadCheckpoint } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCommand } from './commands/evaluate';
import { loadRun } from './commands/sample';
import { trainCommand } from './commands/train';
import { quietly } from './test_output';

describe('gankit train dcgan / lsgan --dense, --g-average', () => {
  const out = mkdtempSync(join(tmpdir(), 'gankit-dcgan-'));
  const flags = {
    data: 'mnist',
    limit: '64',
    epochs: '1',
    batchSize: '32',
    seed: '2',
    threads: '1',
  };

  beforeAll(async () => {
    await initBackend();
  });

  it('trains the library default networks (dense 1024) and records the width in run.json', async () => {
    const dir = join(out, 'default');
    await quietly(() => trainCommand('dcgan', { ...flags, limit: '32', out: dir }));
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run.dense).toBe(1024);
    expect(run.width).toBe(128);
    // The checkpoint loads into `new DCGAN()`'s networks (a shape mismatch would throw).
    const gan = new DCGAN({ seed: 2 });
    await loadCheckpoint(gan, join(dir, 'checkpoint'), 'DCGAN');
    gan.dispose();
  });

  it('--dense 0 trains the plain networks; a run.json without dense (older runs) loads as 0', async () => {
    const dir = join(out, 'plain');
    await quietly(() => trainCommand('lsgan', { ...flags, dense: '0', out: dir }));
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run.dense).toBe(0);
    const gan = new LSGAN({ seed: 2, dense: 0 });
    await loadCheckpoint(gan, join(dir, 'checkpoint'), 'LSGAN');
    gan.dispose();
    const { dense: _, ...old } = run;
    writeFileSync(join(dir, 'run.json'), JSON.stringify(old));
    const stdout = await quietly(() => evaluateCommand(dir, { n: '20' }));
    expect(stdout).toContain('classifier score');
    // Resuming such a folder with --dense 0 continues it; the new default would not fit it.
    await quietly(() =>
      trainCommand('lsgan', { ...flags, epochs: '2', dense: '0', out: dir, resume: true }),
    );
    await expect(
      trainCommand('lsgan', { ...flags, epochs: '3', out: dir, resume: true }),
    ).rejects.toThrow(`--resume: ${dir} was trained with dense 0, not 1024`);
  });

  it('--g-average records the decay and samples from the average with BatchNorm statistics set for it', async () => {
    const dir = join(out, 'g-average');
    await quietly(() => trainCommand('dcgan', { ...flags, dense: '0', gAverage: '0.9', out: dir }));
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).generatorAverageDecay).toBe(0.9);
    const { gan } = await loadRun(dir);
    expect(gan.generatorAverage?.updates).toBe(2);
    const z = gan.latent(8, 1);
    const statistics = () =>
      gan.generator.weights
        .filter((w) => !w.trainable)
        .map((w) => Array.from(w.variable.dataSync()));
    const before = statistics();
    const [averaged, trained] = [gan.generate(8, { z }), gan.generator.predict(z)];
    expect(Array.from(averaged.dataSync())).not.toEqual(Array.from(trained.dataSync()));
    expect(statistics()).toEqual(before);
    tf.dispose([z, averaged, trained]);
    gan.dispose();
  });

  it('--r1 records the penalty and rebuilds the model with it', async () => {
    const dir = join(out, 'r1');
    await quietly(() => trainCommand('lsgan', { ...flags, dense: '0', r1: '1', out: dir }));
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).r1).toBe(1);
    const { gan } = await loadRun(dir);
    expect(gan.r1).toBe(1);
    gan.dispose();
  });

  it('--width records the channels and rebuilds those networks; a run.json without width loads as 128', async () => {
    const dir = join(out, 'width');
    await quietly(() => trainCommand('dcgan', { ...flags, dense: '0', width: '8', out: dir }));
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run.width).toBe(8);
    const { gan } = await loadRun(dir);
    const narrow = new DCGAN({ seed: 2, dense: 0, width: 8 });
    expect(gan.generator.weights.map((w) => w.variable.shape)).toEqual(
      narrow.generator.weights.map((w) => w.variable.shape),
    );
    gan.dispose();
    narrow.dispose();
    const resume = (width: string) =>
      trainCommand('dcgan', { ...flags, epochs: '2', dense: '0', width, out: dir, resume: true });
    await expect(resume('16')).rejects.toThrow(`--resume: ${dir} was trained with width 8, not 16`);
    // A folder from before --width: trained at 128, so resuming it without the flag continues it.
    const { width: _, ...old } = run;
    writeFileSync(join(dir, 'run.json'), JSON.stringify(old));
    await expect(resume('8')).rejects.toThrow(`--resume: ${dir} was trained with width 128, not 8`);
  });

  it.each([
    ['gan', { dense: '8' }, '--dense works with dcgan and lsgan only'],
    ['dcgan', { dense: '-1' }, "--dense must be a whole number >= 0, got '-1'"],
    ['lsgan', { dense: '2.5' }, "--dense must be a whole number >= 0, got '2.5'"],
    ['gan', { width: '8' }, '--width works with dcgan and lsgan only'],
    ['lsgan', { width: '0' }, "--width must be a positive integer, got '0'"],
    ['dcgan', { width: '7' }, "--width must be even (D's first convolution has half), got '7'"],
  ])('refuses %s with %o: %s', async (model, flag, message) => {
    await expect(trainCommand(model, { data: 'mnist', ...flag })).rejects.toThrow(message);
  });
});
