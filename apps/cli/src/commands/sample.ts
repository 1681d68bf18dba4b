import { join, resolve } from 'node:path';
import { initBackend } from '@gankit/core';
import { type GAN, imageGrid, interpolate, loadCheckpoint, savePng } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { positiveInt, UsageError } from '../errors';
import { models } from '../models';
import { readRunFile } from '../run_file';

/** Rebuilds the model trained in `dir` and loads its checkpoint. */
export async function loadTrained(dir: string): Promise<{ gan: GAN; data: string }> {
  const run = await readRunFile(dir);
  const entry = models[run.model];
  if (!entry) throw new UsageError(`${dir}/run.json names an unknown model '${run.model}'`);
  if (run.data !== 'mnist')
    throw new UsageError(
      `sampling image grids needs an MNIST run; ${dir} trained on '${run.data}'`,
    );
  await initBackend();
  const gan = entry.create(
    { seed: run.seed, learningRate: run.learningRate },
    entry.flat ? [784] : [28, 28, 1],
  );
  await loadCheckpoint(gan, join(dir, 'checkpoint'), gan.constructor.name);
  return { gan, data: run.data };
}

async function saveGrid(samples: tf.Tensor, n: number, cols: number, file: string): Promise<void> {
  const images = samples.rank === 2 ? samples.reshape([n, 28, 28, 1]) : samples;
  const grid = imageGrid(images, { cols });
  if (images !== samples) images.dispose();
  await savePng(grid, file);
}

/** `gankit sample <dir>`: a grid of new samples from a trained model. */
export async function sampleCommand(
  dirArg: string,
  flags: { n?: string; seed?: string; out?: string },
): Promise<void> {
  const dir = resolve(dirArg);
  const n = positiveInt('n', flags.n, 64);
  const { gan } = await loadTrained(dir);
  const file = resolve(flags.out ?? join(dir, 'samples', 'sample.png'));
  const samples = gan.generate(n, { seed: flags.seed ?? 'cli-sample' });
  await saveGrid(samples, n, Math.ceil(Math.sqrt(n)), file);
  samples.dispose();
  gan.dispose();
  process.stdout.write(`gankit: ${n} samples -> ${file}\n`);
}

/** `gankit interpolate <dir>`: rows of samples walking between random points of z. */
export async function interpolateCommand(
  dirArg: string,
  flags: { rows?: string; steps?: string; mode?: string; seed?: string; out?: string },
): Promise<void> {
  const dir = resolve(dirArg);
  const rows = positiveInt('rows', flags.rows, 6);
  const steps = positiveInt('steps', flags.steps, 10);
  if (steps < 2) throw new UsageError('--steps must be at least 2');
  const mode = flags.mode ?? 'spherical';
  if (mode !== 'linear' && mode !== 'spherical')
    throw new UsageError(`--mode must be linear or spherical, got '${mode}'`);
  const { gan } = await loadTrained(dir);
  const ends = gan.latent(2 * rows, flags.seed ?? 'cli-interpolate');
  const paths = tf.tidy(() => {
    const lines = [];
    for (let r = 0; r < rows; r++) {
      const z0 = tf.slice(ends, [2 * r, 0], [1, -1]);
      const z1 = tf.slice(ends, [2 * r + 1, 0], [1, -1]);
      lines.push(interpolate(z0, z1, steps, mode));
    }
    return tf.concat(lines) as tf.Tensor2D;
  });
  const samples = gan.generate(rows * steps, { z: paths });
  const file = resolve(flags.out ?? join(dir, 'samples', `interpolate-${mode}.png`));
  await saveGrid(samples, rows * steps, steps, file);
  tf.dispose([ends, paths, samples]);
  gan.dispose();
  process.stdout.write(`gankit: ${rows} interpolations of ${steps} steps (${mode}) -> ${file}\n`);
}
