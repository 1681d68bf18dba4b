import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import { ConditionalGAN, GAN, saveCheckpoint } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { arithmeticCommand } from './commands/arithmetic';
import { sampleCommand } from './commands/sample';
import { parsePicks, pickedLatents } from './latent_picks';
import { run } from './program';
import { writeRunFile } from './run_file';
import { captureOutput, quietly } from './test_output';

/** A training folder holding an untrained (but seeded, so fixed) model. */
async function fakeRun(model: 'gan' | 'cgan', seed: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `gankit-arith-${model}-`));
  const gan = model === 'gan' ? new GAN({ seed }) : new ConditionalGAN({ seed });
  await saveCheckpoint(gan, join(dir, 'checkpoint'), {
    step: 0,
    model: gan.constructor.name,
    seed,
  });
  gan.dispose();
  await writeRunFile(dir, { model, data: 'mnist', seed, learningRate: 2e-4 });
  return dir;
}

const readPng = (file: string) => PNG.sync.read(readFileSync(file));

/** The RGB bytes of the 28x28 cell `k` of a grid enlarged `scale` times (sampled once per pixel). */
function cellPixels(png: PNG, k: number, cols: number, scale: number): number[] {
  const x0 = (2 + (k % cols) * 30) * scale;
  const y0 = (2 + Math.floor(k / cols) * 30) * scale;
  const out: number[] = [];
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++)
      out.push(png.data[((y0 + y * scale) * png.width + x0 + x * scale) * 4] as number);
  return out;
}

/** What a grid shows for G(z): grey bytes of (v + 1) * 127.5. */
function expectedPixels(gan: GAN, z: number[], label?: number): number[] {
  const zt = tf.tensor2d([z]);
  const out =
    gan instanceof ConditionalGAN
      ? gan.generate(1, { z: zt, labels: [label ?? 0] })
      : gan.generate(1, { z: zt });
  const values = Array.from(out.dataSync(), (v) =>
    Math.min(255, Math.max(0, Math.round((v + 1) * 127.5))),
  );
  tf.dispose([zt, out]);
  return values;
}

/** Row `i` of the z drawn for a grid of `seed`, by plain arrays. */
function zRow(gan: GAN, i: number, seed: number): number[] {
  const all = gan.latent(i + 1, seed);
  const row = (all.arraySync() as number[][])[i] as number[];
  all.dispose();
  return row;
}

const meanOf = (rows: number[][]) =>
  (rows[0] as number[]).map((_, j) => rows.reduce((s, r) => s + (r[j] as number), 0) / rows.length);

function expectClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  const worst = Math.max(...actual.map((v, i) => Math.abs(v - (expected[i] as number))));
  expect(worst).toBeLessThanOrEqual(1); // float rounding of the mean can move a byte by one
}

describe('gankit arithmetic', () => {
  beforeAll(async () => {
    await initBackend();
  });

  it('decodes mean(a) - mean(b) + mean(c) of the sample-grid cells and draws the equation', async () => {
    const dir = await fakeRun('gan', 5);
    const tensors = tf.memory().numTensors;
    const stdout = await quietly(() =>
      arithmeticCommand(dir, { a: '3,7,12', b: '5,9', c: '1,4@2' }),
    );
    expect(tf.memory().numTensors).toBe(tensors); // nothing left behind
    const file = join(dir, 'samples', 'arithmetic.png');
    expect(stdout).toBe(
      `gankit: mean(a) - mean(b) + mean(c) -> ${file}\n  a: z 3, 7, 12 of seed 0\n  b: z 5, 9 of seed 0\n  c: z 1@0, 4@2\n  rows: each set's samples (numbered) and, after a gap, the sample of their mean z; then the equation\n`,
    );
    const png = readPng(file);
    // 7 columns (the equation: a - b + c = result) and 4 rows, enlarged twice.
    expect([png.width, png.height]).toEqual([(7 * 28 + 8 * 2) * 2, (4 * 28 + 5 * 2) * 2]);

    const gan = new GAN({ seed: 5 }); // the same untrained weights as the checkpoint
    const a = meanOf([3, 7, 12].map((i) => zRow(gan, i, 0)));
    const b = meanOf([5, 9].map((i) => zRow(gan, i, 0)));
    const c = meanOf([zRow(gan, 1, 0), zRow(gan, 4, 2)]);
    const result = a.map((v, j) => v - (b[j] as number) + (c[j] as number));
    expectClose(cellPixels(png, 3 * 7 + 6, 7, 2), expectedPixels(gan, result)); // after '='
    expectClose(cellPixels(png, 3 * 7 + 2, 7, 2), expectedPixels(gan, b)); // mean(b) after '-'
    expectClose(cellPixels(png, 0 * 7 + 4, 7, 2), expectedPixels(gan, a)); // a's mean column
    // The '-' sign is drawn in dark grey in the middle of the white cell between a and b.
    const sign = ((2 + 30 * 3 + 14) * 2 * png.width + (2 + 30) * 2 * 1 + 28) * 4;
    expect(Array.from(png.data.subarray(sign, sign + 3))).toEqual([40, 40, 40]);
    gan.dispose();
  });

  it('numbers the cells of a sample grid with the z the arithmetic takes', async () => {
    const dir = await fakeRun('gan', 6);
    const plain = join(dir, 'plain.png');
    const numbered = join(dir, 'numbered.png');
    const stdout = await quietly(() => sampleCommand(dir, { n: '16', seed: '3', out: plain }));
    expect(stdout).toBe(
      `gankit: 16 samples -> ${plain}\n  cells are numbered row by row from 0, 4 per row: cell k is z number k of --seed 3 (--numbered writes the numbers on the grid)\n`,
    );
    await quietly(() => sampleCommand(dir, { n: '16', seed: '3', out: numbered, numbered: true }));
    const gan = new GAN({ seed: 6 });
    const picked = pickedLatents(gan, [{ index: 9, seed: 3 }]);
    expectClose(
      cellPixels(readPng(plain), 9, 4, 1),
      expectedPixels(gan, Array.from(picked.dataSync())),
    );
    picked.dispose();
    gan.dispose();
    const png = readPng(numbered);
    expect([png.width, png.height]).toEqual([(4 * 28 + 5 * 2) * 2, (4 * 28 + 5 * 2) * 2]);
    // Cell 0's label: the top bar of a '0' in amber, on a black box, at the cell's corner.
    const at = (x: number, y: number) =>
      Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    expect(at(4 + 2, 4 + 2)).toEqual([255, 200, 0]);
    expect(at(4, 4)).toEqual([0, 0, 0]);
  });

  it('sample --keep draws the grid by discriminator rejection, and refuses it for cgan', async () => {
    const dir = await fakeRun('gan', 6);
    const file = join(dir, 'kept.png');
    const stdout = await quietly(() =>
      sampleCommand(dir, { n: '16', seed: '3', out: file, keep: '0.5' }),
    );
    expect(stdout).toBe(
      `gankit: 16 samples -> ${file}\n  cells are numbered row by row from 0, 4 per row: drawn with --keep 0.5: the first 16 of --seed 3's candidates that D rates in its best 0.5 share, so cell k is not z number k (gankit arithmetic needs a grid without --keep)\n`,
    );
    const gan = new GAN({ seed: 6 });
    const kept = gan.generate(16, { seed: 3, keep: 0.5 });
    const plain = gan.generate(16, { seed: 3 });
    const pixels = (t: tf.Tensor, k: number) =>
      Array.from(t.dataSync().subarray(k * 784, (k + 1) * 784), (v) =>
        Math.min(255, Math.max(0, Math.round((v + 1) * 127.5))),
      );
    for (const k of [0, 5, 15]) expectClose(cellPixels(readPng(file), k, 4, 1), pixels(kept, k));
    expect(pixels(kept, 0)).not.toEqual(pixels(plain, 0)); // the grid is not the plain one
    tf.dispose([kept, plain]);
    gan.dispose();
    await expect(sampleCommand(dir, { keep: '0' })).rejects.toThrow(
      "--keep must be a number in (0, 1], got '0'",
    );
    const cgan = await fakeRun('cgan', 2);
    await expect(sampleCommand(cgan, { keep: '0.5' })).rejects.toThrow(
      '--keep (discriminator rejection) does not work with cgan runs',
    );
  });

  it('draws a conditional run as the chosen digit, and the result as every digit', async () => {
    const dir = await fakeRun('cgan', 2);
    const tensors = tf.memory().numTensors;
    const stdout = await quietly(() => arithmeticCommand(dir, { a: '7', c: '4' }));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(stdout).toContain(
      'then the equation, drawn as digit 7; last row: the result drawn as each digit 0..9\n',
    );
    const png = readPng(join(dir, 'samples', 'arithmetic.png'));
    expect([png.width, png.height]).toEqual([(10 * 28 + 11 * 2) * 2, (4 * 28 + 5 * 2) * 2]);
    const gan = new ConditionalGAN({ seed: 2 });
    const result = meanOf([zRow(gan, 7, 0)]).map((v, j) => v + (zRow(gan, 4, 0)[j] as number));
    // Last row, cell 3: the result drawn as a 3 (its label box covers the top-left corner).
    const drawn = cellPixels(png, 3 * 10 + 3, 10, 2).slice(28 * 10);
    expectClose(drawn, expectedPixels(gan, result, 3).slice(28 * 10));
    gan.dispose();
    await expect(arithmeticCommand(dir, { a: '7', label: '10' })).rejects.toThrow(
      "--label must be a digit 0..9, got '10'",
    );
  });

  it('explains bad exemplar lists and folders in one line', async () => {
    expect(parsePicks('a', '3, 7,12@x', 0, 64)).toEqual([
      { index: 3, seed: 0 },
      { index: 7, seed: 0 },
      { index: 12, seed: 'x' },
    ]);
    for (const bad of ['-1', '3,,7', 'seven', '3@']) {
      expect(() => parsePicks('b', bad, 0, 64)).toThrow(
        /^--b: '.*' is not a sample index; give cell numbers of 'gankit sample --numbered' like 3,7,12 \(or 3@1 for cell 3 of the grid of --seed 1\)$/,
      );
    }
    expect(() => parsePicks('c', '2,64', 0, 64)).toThrow(
      '--c: index 64 is outside the 64-sample grid (0..63); give --n if you sampled more',
    );
    const dir = await fakeRun('gan', 1);
    await expect(arithmeticCommand(dir, { b: '1' })).rejects.toThrow(
      "--a is required: the cell numbers of the first exemplar set (see 'gankit sample <dir> --numbered')",
    );
    await expect(arithmeticCommand(dir, { a: '1', label: '3' })).rejects.toThrow(
      '--label works with conditional runs (cgan) only',
    );
    const output = captureOutput();
    let status: number;
    try {
      status = await run(['node', 'gankit', 'arithmetic', dir, '--a', '1,x']);
    } finally {
      output.restore();
    }
    expect(status).toBe(1);
    expect(output.stderr()).toBe(
      "gankit: --a: 'x' is not a sample index; give cell numbers of 'gankit sample --numbered' like 3,7,12 (or 3@1 for cell 3 of the grid of --seed 1)\n",
    );
    const empty = mkdtempSync(join(tmpdir(), 'gankit-arith-'));
    mkdirSync(join(empty, 'samples'));
    await writeRunFile(empty, { model: 'gan', data: 'mnist', seed: 0, learningRate: 2e-4 });
    await expect(arithmeticCommand(empty, { a: '1' })).rejects.toThrow(
      `${empty} has no checkpoint yet (${join(empty, 'checkpoint')}); train longer first`,
    );
    await expect(arithmeticCommand(join(empty, 'nothing'), { a: '1' })).rejects.toThrow(
      `${join(empty, 'nothing')} is not a gankit training folder (no run.json)`,
    );
  });
});
