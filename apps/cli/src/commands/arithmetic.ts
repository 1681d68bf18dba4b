import { join, resolve } from 'node:path';
import { ConditionalGAN, type GAN, imageGrid, latentArithmetic } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { positiveInt, UsageError } from '../errors';
import { labelCells, upscale } from '../glyphs';
import { type LatentPick, latentSeed, parsePicks, pickedLatents } from '../latent_picks';
import { writePng } from '../output_files';
import { loadTrained } from './sample';

/** Flags of `gankit arithmetic`. */
export interface ArithmeticFlags {
  a?: string;
  b?: string;
  c?: string;
  seed?: string;
  n?: string;
  label?: string;
  out?: string;
}

type SetName = 'a' | 'b' | 'c';

/** One exemplar set: its picks, their z and the mean of those z. */
interface ExemplarSet {
  name: SetName;
  picks: LatentPick[];
  z: tf.Tensor2D;
  mean: tf.Tensor2D;
}

/** One cell of the output grid: an image (or white), with an optional label drawn on it. */
interface Cell {
  image?: tf.Tensor;
  text?: string;
  sign?: string;
}

const CELL = 28;
const SCALE = 2;

/**
 * `gankit arithmetic <dir>`: latent vector arithmetic as in the DCGAN paper. The z of the
 * exemplar sets `--a`, `--b`, `--c` (cells of `gankit sample` grids) are averaged per set,
 * and mean(a) − mean(b) + mean(c) is decoded. Writes a PNG with each set's samples and the
 * sample of its mean, then the equation's row.
 */
export async function arithmeticCommand(dirArg: string, flags: ArithmeticFlags): Promise<void> {
  const dir = resolve(dirArg);
  const wanted = exemplarFlags(flags);
  const { gan } = await loadTrained(dir);
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  try {
    const label = decodeLabel(gan, flags.label, wanted[0]?.picks[0] as LatentPick);
    const sets: ExemplarSet[] = wanted.map(({ name, picks }) => {
      const z = keep(pickedLatents(gan, picks));
      return { name, picks, z, mean: keep(tf.mean(z, 0, true) as tf.Tensor2D) };
    });
    const result = keep(
      latentArithmetic({
        add: sets.filter((s) => s.name !== 'b').map((s) => s.z),
        subtract: sets.filter((s) => s.name === 'b').map((s) => s.z),
      }),
    );
    // Samples of z as one [1, 28, 28, 1] tensor each; conditional models draw row i as labels[i].
    const draw = (z: tf.Tensor2D, labels: number[]) => {
      const images = keep(decodeImages(gan, z, labels));
      return tf.tidy(() => tf.unstack(images).map((t) => t.expandDims(0))).map(keep);
    };
    const rows = arithmeticRows(sets, result, label, draw);
    const file = resolve(flags.out ?? join(dir, 'samples', 'arithmetic.png'));
    await writePng(drawRows(rows), file);
    process.stdout.write(report(sets, label, file));
  } finally {
    tf.dispose(owned);
    gan.dispose();
  }
}

/** Reads `--a`, `--b`, `--c` (those given, in that order) before any model is loaded. */
function exemplarFlags(flags: ArithmeticFlags): { name: SetName; picks: LatentPick[] }[] {
  if (flags.a === undefined)
    throw new UsageError(
      "--a is required: the cell numbers of the first exemplar set (see 'gankit sample <dir> --numbered')",
    );
  const seed = latentSeed(flags.seed);
  const gridSize = positiveInt('n', flags.n, 64);
  return (['a', 'b', 'c'] as const).flatMap((name) => {
    const value = flags[name];
    return value === undefined ? [] : [{ name, picks: parsePicks(name, value, seed, gridSize) }];
  });
}

/**
 * The rows of the picture: each set's exemplars (numbered), then in one column for all sets
 * the sample of their mean; the equation; for conditional runs, the result as every digit.
 */
function arithmeticRows(
  sets: ExemplarSet[],
  result: tf.Tensor2D,
  label: number | undefined,
  draw: (z: tf.Tensor2D, labels: number[]) => tf.Tensor[],
): Cell[][] {
  const widest = Math.max(...sets.map((s) => s.picks.length));
  const means = sets.map((set) => draw(set.mean, [label ?? 0])[0] as tf.Tensor);
  const rows: Cell[][] = sets.map((set, i) => [
    ...draw(
      set.z,
      set.picks.map((p) => p.index % 10),
    ).map((image, j) => ({ image, text: String(set.picks[j]?.index) })),
    ...Array.from({ length: widest - set.picks.length + 1 }, () => ({})),
    { image: means[i] },
  ]);
  const equation: Cell[] = sets.flatMap((set, i) => [
    ...(set.name === 'a' ? [] : [{ sign: set.name === 'b' ? '-' : '+' }]),
    { image: means[i] },
  ]);
  equation.push({ sign: '=' }, { image: draw(result, [label ?? 0])[0] });
  rows.push(equation);
  if (label !== undefined) {
    const digits = Array.from({ length: 10 }, (_, d) => d);
    const tiled = tf.tile(result, [10, 1]) as tf.Tensor2D;
    rows.push(draw(tiled, digits).map((image, d) => ({ image, text: String(d) })));
    tiled.dispose();
  }
  return rows;
}

/** What the command prints: the formula, the exemplars and how to read the picture. */
function report(sets: ExemplarSet[], label: number | undefined, file: string): string {
  const formula = sets
    .map((s, i) => `${i === 0 ? '' : s.name === 'b' ? ' - ' : ' + '}mean(${s.name})`)
    .join('');
  const exemplars = sets.map((s) => `  ${s.name}: ${describePicks(s.picks)}\n`).join('');
  const digits =
    label === undefined
      ? ''
      : `, drawn as digit ${label}; last row: the result drawn as each digit 0..9`;
  return `gankit: ${formula} -> ${file}\n${exemplars}  rows: each set's samples (numbered) and, after a gap, the sample of their mean z; then the equation${digits}\n`;
}

/** For conditional runs, the digit the means and the result are drawn as; undefined otherwise. */
function decodeLabel(gan: GAN, value: string | undefined, first: LatentPick): number | undefined {
  if (!(gan instanceof ConditionalGAN)) {
    if (value !== undefined)
      throw new UsageError('--label works with conditional runs (cgan) only');
    return undefined;
  }
  if (value === undefined) return first.index % 10;
  const digit = Number(value);
  if (!Number.isInteger(digit) || digit < 0 || digit > 9)
    throw new UsageError(`--label must be a digit 0..9, got '${value}'`);
  return digit;
}

/** Samples of `z` as `[k, 28, 28, 1]`; conditional models draw each row as `labels[i]`. */
function decodeImages(gan: GAN, z: tf.Tensor2D, labels: number[]): tf.Tensor {
  const k = z.shape[0];
  const out =
    gan instanceof ConditionalGAN ? gan.generate(k, { z, labels }) : gan.generate(k, { z });
  const images = out.reshape([k, CELL, CELL, 1]);
  if (images !== out) out.dispose();
  return images;
}

/** `3, 7, 12 of seed 0` (picks from other seeds as `3@1`). */
function describePicks(picks: LatentPick[]): string {
  const seed = picks[0]?.seed;
  const same = picks.every((p) => p.seed === seed);
  return same
    ? `z ${picks.map((p) => p.index).join(', ')} of seed ${seed}`
    : `z ${picks.map((p) => `${p.index}@${p.seed}`).join(', ')}`;
}

/** Lays the rows out as one grid (short rows padded with white), enlarged, with labels and signs. */
function drawRows(rows: Cell[][]) {
  const cols = Math.max(...rows.map((r) => r.length));
  const cells = rows.flatMap((r) => [...r, ...Array.from({ length: cols - r.length }, () => ({}))]);
  const pixels = new Float32Array(cells.length * CELL * CELL).fill(1); // white in [-1, 1]
  cells.forEach((cell: Cell, k) => {
    if (cell.image) pixels.set(cell.image.dataSync(), k * CELL * CELL);
  });
  const images = tf.tensor4d(pixels, [cells.length, CELL, CELL, 1]);
  const grid = imageGrid(images, { cols });
  images.dispose();
  const layout = { cols, cell: CELL, pad: 2, scale: SCALE };
  const image = upscale(grid, SCALE);
  labelCells(
    image,
    cells.map((c: Cell) => c.text),
    layout,
    { box: true },
  );
  labelCells(
    image,
    cells.map((c: Cell) => c.sign),
    layout,
    { textScale: 5, rgb: [40, 40, 40], centre: true },
  );
  return image;
}
