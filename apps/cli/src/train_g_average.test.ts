import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRun } from './commands/sample';
import { trainCommand } from './commands/train';
import { quietly } from './test_output';

beforeAll(async () => {
  await initBackend();
});

describe('gankit train gan --g-average', () => {
  it('records the decay, reloads the average with the checkpoint, and resumes only with it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gankit-g-average-'));
    const flags = { data: 'grid', limit: '512', epochs: '1', seed: '6', out };
    await quietly(() => trainCommand('gan', { ...flags, gAverage: '0.9' }));
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).generatorAverageDecay).toBe(0.9);
    const { gan } = await loadRun(out);
    expect(gan.generatorAverage?.decay).toBe(0.9);
    expect(gan.generatorAverage?.updates).toBe(5); // 512 points: five full batches of 100
    const z = gan.latent(32, 1);
    const [averaged, trained] = [gan.generate(32, { z }), gan.generator.predict(z)];
    expect(Array.from(averaged.dataSync())).not.toEqual(Array.from(trained.dataSync()));
    tf.dispose([z, averaged, trained]);
    gan.dispose();
    await expect(trainCommand('gan', { ...flags, epochs: '2', resume: true })).rejects.toThrow(
      `--resume: ${out} was trained with generatorAverageDecay 0.9, not (none)`,
    );
  });

  it('refuses --g-average on other models and decays outside (0, 1), naming the flag', async () => {
    await expect(trainCommand('cgan', { data: 'mnist', gAverage: '0.9' })).rejects.toThrow(
      "--g-average works with gan, dcgan and lsgan only, not 'cgan'",
    );
    for (const bad of ['0', '1', '-0.5', 'high']) {
      await expect(trainCommand('gan', { data: 'grid', gAverage: bad })).rejects.toThrow(
        `--g-average must be a decay between 0 and 1, got '${bad}'`,
      );
    }
  });
});
