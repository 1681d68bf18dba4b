import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import {
  classifierScore,
  GAN,
  loadCheckpoint,
  loadMnistClassifier,
  saveCheckpoint,
  toClassifierRange,
} from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCommand } from './commands/evaluate';
import { trainCommand } from './commands/train';
import { models } from './models';
import { writeRunFile } from './run_file';
import { quietly } from './test_output';
import { trainedGanWeights } from './test_training';

/** PacGAN's figures by hand: nearest mode, high quality under 3 std, covered with one sample. */
function reference(points: Float32Array, means: number[][], std: number) {
  const counts = new Array<number>(means.length).fill(0);
  for (let i = 0; i < points.length; i += 2) {
    const d = means.map(([mx, my]) =>
      Math.hypot(
        (points[i] as number) - (mx as number),
        (points[i + 1] as number) - (my as number),
      ),
    );
    const best = d.indexOf(Math.min(...d));
    if ((d[best] as number) < 3 * std) counts[best] = (counts[best] as number) + 1;
  }
  const good = counts.reduce((a, b) => a + b, 0);
  return {
    covered: counts.filter((c) => c > 0).length,
    percent: ((100 * good) / (points.length / 2)).toFixed(2),
    counts,
  };
}

const ring = Array.from({ length: 8 }, (_, k) => [
  2 * Math.cos((Math.PI * k) / 4),
  2 * Math.sin((Math.PI * k) / 4),
]);
const grid = Array.from({ length: 25 }, (_, k) => [2 * (k % 5) - 4, 2 * Math.floor(k / 5) - 4]);

/**
 * A ring run (in a new folder) of an untrained 2D generator whose last layer is rescaled so
 * that its samples spread about 0.05 (2.5 of the ring's std) around the first mode, (2, 0):
 * some within 3 std. Returns the folder and the model, which the caller disposes.
 */
async function ringRunNearFirstMode(): Promise<{ dir: string; gan: GAN }> {
  const dir = mkdtempSync(join(tmpdir(), 'gankit-eval-ring-'));
  const gan = (models.gan as (typeof models)['gan']).create({ seed: 4, learningRate: 1e-3 }, [2]);
  const weights = gan.generator.weights;
  const kernel = weights[weights.length - 2]?.variable as tf.Variable;
  const bias = weights[weights.length - 1]?.variable as tf.Variable;
  const before = gan.generate(500, { seed: 1 });
  const { mean, variance } = tf.moments(before, 0);
  const [mx, my] = mean.dataSync();
  const spread = Math.sqrt(Math.max(...variance.dataSync()));
  tf.dispose([before, mean, variance]);
  const scale = 0.05 / spread;
  kernel.assign(tf.tidy(() => tf.mul(kernel, scale)));
  bias.assign(
    tf.tidy(() =>
      tf.add(
        tf.mul(bias, scale),
        tf.tensor1d([2 - (mx as number) * scale, -(my as number) * scale]),
      ),
    ),
  );
  await saveCheckpoint(gan, join(dir, 'checkpoint'), { step: 0, model: 'GAN', seed: 4 });
  await writeRunFile(dir, { model: 'gan', data: 'ring', seed: 4, learningRate: 1e-3 });
  return { dir, gan };
}

describe('gankit evaluate', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('scores a ring run by mode coverage and high-quality samples', async () => {
    const { dir, gan } = await ringRunNearFirstMode();
    const points = gan.generate(500, { seed: 1 });
    const expected = reference(points.dataSync() as Float32Array, ring, 0.02);
    tf.dispose(points);
    gan.dispose();
    expect(expected.covered).toBeGreaterThan(0);
    expect(Number(expected.percent)).toBeGreaterThan(0);
    expect(Number(expected.percent)).toBeLessThan(100);

    const tensors = tf.memory().numTensors;
    const stdout = await quietly(() => evaluateCommand(dir, { n: '500', seed: '1' }));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(stdout).toBe(
      `gankit: 500 samples of the ring of 8 Gaussians (std 0.02): ${expected.covered}/8 modes covered, ${expected.percent}% high quality (within 3 std of the nearest mode, PacGAN's definition)\n  high-quality samples per mode: ${expected.counts.join(' ')}\n`,
    );
  });

  it('trains on the grid and scores it with 2500 samples by default', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gankit-eval-grid-'));
    await quietly(() =>
      trainCommand('gan', { data: 'grid', limit: '1024', epochs: '2', seed: '2', out }),
    );
    const stdout = await quietly(() => evaluateCommand(out, {}));
    const gan = (models.gan as (typeof models)['gan']).create({ seed: 2, learningRate: 1e-3 }, [2]);
    await loadCheckpoint(gan, join(out, 'checkpoint'), 'GAN');
    const points = gan.generate(2500, { seed: 'cli-evaluate' });
    const expected = reference(points.dataSync() as Float32Array, grid, 0.05);
    tf.dispose(points);
    gan.dispose();
    expect(stdout).toBe(
      `gankit: 2500 samples of the 5x5 grid of 25 Gaussians (std 0.05): ${expected.covered}/25 modes covered, ${expected.percent}% high quality (within 3 std of the nearest mode, PacGAN's definition)\n  high-quality samples per mode: ${expected.counts.join(' ')}\n`,
    );
  });

  it('trains a PacGAN with --pack, records it, and rebuilds it to evaluate and to resume', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gankit-eval-pack-'));
    const flags = { data: 'grid', limit: '512', epochs: '1', seed: '3', pack: '2', out };
    await quietly(() => trainCommand('gan', flags));
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).pack).toBe(2);
    const stdout = await quietly(() => evaluateCommand(out, { n: '100' }));
    expect(stdout).toMatch(/^gankit: 100 samples of the 5x5 grid of 25 Gaussians/);
    await expect(trainCommand('gan', { ...flags, pack: '4', resume: true })).rejects.toThrow(
      `--resume: ${out} was trained with pack 2, not 4`,
    );
    // The batch size and --limit decide which samples each step takes: a resume keeps them.
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'))).toMatchObject({
      batchSize: 100,
      limit: 512,
    });
    await expect(trainCommand('gan', { ...flags, batchSize: '64', resume: true })).rejects.toThrow(
      `--resume: ${out} was trained with batchSize 100, not 64`,
    );
    const { limit: _, ...unlimited } = flags;
    await expect(trainCommand('gan', { ...unlimited, resume: true })).rejects.toThrow(
      `--resume: ${out} was trained with limit 512, not (none)`,
    );
  });

  it('--lr-drop trains the last steps at a tenth of the rate, records it, and resumes only with it', async () => {
    const base = { data: 'grid', limit: '512', epochs: '2', seed: '5' };
    const weightsAfter = (flags: Record<string, string>) =>
      trainedGanWeights({ ...base, ...flags }, 'generator');
    const plain = await weightsAfter({});
    const dropped = await weightsAfter({ lrDrop: '0.5' });
    expect(dropped.values).not.toEqual(plain.values);
    expect(JSON.parse(readFileSync(join(dropped.out, 'run.json'), 'utf8')).lrDrop).toBe(0.5);
    await expect(trainCommand('gan', { ...base, out: dropped.out, resume: true })).rejects.toThrow(
      `--resume: ${dropped.out} was trained with lrDrop 0.5, not (none)`,
    );
    for (const bad of ['0', '1', 'half']) {
      await expect(trainCommand('gan', { ...base, lrDrop: bad })).rejects.toThrow(/--lr-drop must/);
    }
  });

  it('trains a model that has no pack option without passing one', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gankit-cgan-'));
    await quietly(() =>
      trainCommand('cgan', { data: 'mnist', limit: '100', epochs: '1', threads: '1', out }),
    );
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).pack).toBeUndefined();
  });

  it('refuses --pack where it does not apply, naming the flag', async () => {
    await expect(trainCommand('cgan', { data: 'mnist', pack: '2' })).rejects.toThrow(
      "--pack works with gan, dcgan and lsgan, not 'cgan'",
    );
    await expect(
      trainCommand('gan', { data: 'grid', pack: '3', batchSize: '100' }),
    ).rejects.toThrow('--batch-size 100 must be a multiple of --pack 3');
    await expect(trainCommand('gan', { data: 'grid', pack: '0' })).rejects.toThrow(
      "--pack must be a positive integer, got '0'",
    );
  });

  it('--keep scores the samples drawn by discriminator rejection', async () => {
    const { dir, gan } = await ringRunNearFirstMode();
    const figures = (options: { seed: number; keep?: number }) => {
      const points = gan.generate(500, options);
      const result = reference(points.dataSync() as Float32Array, ring, 0.02);
      points.dispose();
      return result;
    };
    const expected = figures({ seed: 1, keep: 0.5 });
    expect(expected.percent).not.toBe(figures({ seed: 1 }).percent); // rejection changed them
    gan.dispose();
    const stdout = await quietly(() => evaluateCommand(dir, { n: '500', seed: '1', keep: '0.5' }));
    expect(stdout).toBe(
      `gankit: 500 samples (--keep 0.5) of the ring of 8 Gaussians (std 0.02): ${expected.covered}/8 modes covered, ${expected.percent}% high quality (within 3 std of the nearest mode, PacGAN's definition)\n  high-quality samples per mode: ${expected.counts.join(' ')}\n`,
    );
    await expect(evaluateCommand(dir, { keep: '1.5' })).rejects.toThrow(
      "--keep must be a number in (0, 1], got '1.5'",
    );
  });

  it('keeps the classifier figures for MNIST runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gankit-eval-mnist-'));
    const gan = new GAN({ seed: 1 });
    await saveCheckpoint(gan, join(dir, 'checkpoint'), { step: 0, model: 'GAN', seed: 1 });
    gan.dispose();
    await writeRunFile(dir, { model: 'gan', data: 'mnist', seed: 1, learningRate: 2e-4 });
    const stdout = await quietly(() => evaluateCommand(dir, { n: '250' }));
    expect(stdout).toMatch(
      /^gankit: 250 samples: classifier score \d+\.\d\d \(real MNIST test digits: \d+\.\d\d\), FCD to 250 test digits \d+\.\d\d \(lower is better\)\ngankit: the score is exp\(\d\.\d\d - \d\.\d\d\): the entropy of the digit mix \(ln 10 = 2\.30 when even; % per digit 0-9: (\d+\.\d ){9}\d+\.\d\) minus the classifier's mean entropy per sample \(0 when sure\)\n$/,
    );
    const tensors = tf.memory().numTensors;
    const kept = await quietly(() => evaluateCommand(dir, { n: '250', keep: '0.8' }));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(kept).toMatch(
      /^gankit: 250 samples \(--keep 0\.8: discriminator rejection\): classifier score \d+\.\d\d /,
    );
    // The score is that of the samples generate gives with the same seed and keep.
    const loaded = new GAN({ seed: 1 });
    await loadCheckpoint(loaded, join(dir, 'checkpoint'), 'GAN');
    const judge = loadMnistClassifier();
    const probs = tf.tidy(() =>
      judge.probabilities(
        toClassifierRange(loaded.generate(250, { seed: 'cli-evaluate', keep: 0.8 })),
      ),
    );
    const parts = tf.unstack(probs);
    const rows = parts.map((t) => t.dataSync() as Float32Array);
    tf.dispose([probs, ...parts]);
    judge.dispose();
    loaded.dispose();
    expect(kept.split(' ')[9]).toBe(classifierScore(rows).mean.toFixed(2));
  });
});
