import { access } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { initBackend } from '@gankit/core';
import { ConditionalGAN, type GAN, imageGrid, interpolate, loadCheckpoint } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { fraction, positiveInt, UsageError } from '../errors';
import { labelCells, upscale } from '../glyphs';
import { latentSeed } from '../latent_picks';
import { models } from '../models';
import { writePng } from '../output_files';
import { ganOptions, type RunFile, readRunFile } from '../run_file';

/** Rebuilds the model trained in `dir` (on any data set) and loads its checkpoint. */
export async function loadRun(dir: string): Promise<{ gan: GAN; run: RunFile }> {
  const run = await readRunFile(dir);
  const entry = models[run.model];
  if (!entry) throw new UsageError(`${dir}/run.json names an unknown model '${run.model}'`);
  const checkpoint = join(dir, 'checkpoint');
  try {
    await access(join(checkpoint, 'model.json'));
  } catch {
    throw new UsageError(`${dir} has no checkpoint yet (${checkpoint}); train longer first`);
  }
  await initBackend();
  const twoD = run.data === 'ring' || run.data === 'grid';
  const gan = entry.create(ganOptions(run), twoD ? [2] : entry.flat ? [784] : [28, 28, 1], run);
  try {
    await loadCheckpoint(gan, checkpoint, gan.constructor.name);
  } catch (error) {
    gan.dispose();
    throw error;
  }
  return { gan, run };
}

/** Rebuilds the MNIST model trained in `dir` and loads its checkpoint. */
export async function loadTrained(dir: string): Promise<{ gan: GAN; data: string }> {
  const run = await readRunFile(dir);
  if (run.data !== 'mnist')
    throw new UsageError(
      `sampling image grids needs an MNIST run; ${dir} trained on '${run.data}'`,
    );
  const { gan } = await loadRun(dir);
  return { gan, data: run.data };
}

async function saveGrid(
  samples: tf.Tensor,
  n: number,
  cols: number,
  file: string,
  numbered = false,
): Promise<void> {
  const images = samples.rank === 2 ? samples.reshape([n, 28, 28, 1]) : samples;
  let grid = imageGrid(images, { cols });
  if (images !== samples) images.dispose();
  if (numbered) {
    const layout = { cols, cell: 28, pad: 2, scale: 2 };
    grid = upscale(grid, layout.scale);
    labelCells(
      grid,
      Array.from({ length: n }, (_, k) => String(k)),
      layout,
      { box: true },
    );
  }
  await writePng(grid, file);
}

/**
 * Reads `--keep` for `run`: a fraction in (0, 1]; below 1 only for runs whose D judges one
 * unconditioned sample (not cgan, not `--pack`). Checked before the model is loaded.
 */
export function keepFlag(run: RunFile, value: string | undefined): number {
  const keep = fraction('keep', value, 1);
  if (keep < 1 && run.model === 'cgan')
    throw new UsageError('--keep (discriminator rejection) does not work with cgan runs');
  if (keep < 1 && (run.pack ?? 1) > 1)
    throw new UsageError(
      `--keep needs a D that judges one sample at a time; this run has --pack ${run.pack}`,
    );
  return keep;
}

/**
 * `gankit sample <dir>`: a grid of new samples from a trained model. Cell k shows row k of
 * `gan.latent(n, seed)`: the index `gankit arithmetic` takes. With `--keep f` < 1 the samples
 * come by discriminator rejection (`generate`'s `keep`), and cells are no longer z numbers.
 */
export async function sampleCommand(
  dirArg: string,
  flags: { n?: string; seed?: string; out?: string; numbered?: boolean; keep?: string },
): Promise<void> {
  const dir = resolve(dirArg);
  const n = positiveInt('n', flags.n, 64);
  const seed = latentSeed(flags.seed);
  const keep = keepFlag(await readRunFile(dir), flags.keep);
  const { gan } = await loadTrained(dir);
  const file = resolve(flags.out ?? join(dir, 'samples', 'sample.png'));
  const z = keep < 1 ? undefined : gan.latent(n, seed);
  const samples = z ? gan.generate(n, { z }) : gan.generate(n, { seed, keep });
  const cols = Math.ceil(Math.sqrt(n));
  await saveGrid(samples, n, cols, file, flags.numbered ?? false);
  tf.dispose([samples, ...(z ? [z] : [])]);
  const conditional = gan instanceof ConditionalGAN ? '; cell k shows digit k % 10' : '';
  gan.dispose();
  const cells = z
    ? `cell k is z number k of --seed ${seed}${conditional}${flags.numbered ? '' : ' (--numbered writes the numbers on the grid)'}`
    : `drawn with --keep ${keep}: the first ${n} of --seed ${seed}'s candidates that D rates in its best ${keep} share, so cell k is not z number k (gankit arithmetic needs a grid without --keep)`;
  process.stdout.write(
    `gankit: ${n} samples -> ${file}\n  cells are numbered row by row from 0, ${cols} per row: ${cells}\n`,
  );
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
