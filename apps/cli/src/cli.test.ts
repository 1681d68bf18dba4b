import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepFlag, sampleCommand } from './commands/sample';
import { trainCommand } from './commands/train';
import { positiveInt, positiveNumber, UsageError } from './errors';
import { scatterPlot } from './render';
import { captureOutput } from './test_output';

describe('gankit command line', () => {
  it('rejects a wrong model, data set or flag value with one clear line', async () => {
    await expect(trainCommand('gann', { data: 'mnist' })).rejects.toThrow(
      new UsageError("unknown model 'gann'; choose one of: gan, dcgan, lsgan, sgan, cgan, wgan-gp"),
    );
    await expect(trainCommand('dcgan', { data: 'ring' })).rejects.toThrow(
      "--data ring works with 'gan' only",
    );
    await expect(trainCommand('gan', { data: 'cifar' })).rejects.toThrow(
      "--data must be mnist, ring or grid, got 'cifar'",
    );
    await expect(trainCommand('gan', { data: 'mnist', epochs: '0' })).rejects.toThrow(
      "--epochs must be a positive integer, got '0'",
    );
    expect(() => positiveNumber('lr', '-1', 1)).toThrow("--lr must be a positive number, got '-1'");
    expect(positiveInt('n', undefined, 7)).toBe(7);
  });

  it('reads --keep as a fraction, refused for cgan and --pack runs before any model loads', () => {
    const run = { model: 'gan', data: 'grid', seed: 0, learningRate: 1e-3 };
    expect(keepFlag(run, undefined)).toBe(1);
    expect(keepFlag(run, '0.8')).toBe(0.8);
    expect(() => keepFlag(run, '0')).toThrow("--keep must be a number in (0, 1], got '0'");
    expect(() => keepFlag({ ...run, pack: 2 }, '0.5')).toThrow(
      '--keep needs a D that judges one sample at a time; this run has --pack 2',
    );
    expect(keepFlag({ ...run, pack: 2 }, '1')).toBe(1);
    expect(() => keepFlag({ ...run, model: 'cgan' }, '0.5')).toThrow(
      '--keep (discriminator rejection) does not work with cgan runs',
    );
  });

  it('explains a folder that was not written by gankit train', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gankit-cli-'));
    await expect(sampleCommand(dir, {})).rejects.toThrow(
      `${dir} is not a gankit training folder (no run.json)`,
    );
  });

  it('explains an output folder it cannot create in one line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gankit-cli-')), 'a-file');
    writeFileSync(file, 'not a folder');
    const out = join(file, 'run');
    const output = captureOutput();
    try {
      await expect(trainCommand('gan', { data: 'ring', out })).rejects.toThrow(
        new RegExp(`^cannot write ${join(out, 'samples')}: E[A-Z]+: `),
      );
    } finally {
      output.restore();
    }
  });

  it('draws generated points over real ones', () => {
    const img = scatterPlot(new Float32Array([0, 0]), new Float32Array([5, 5]), {
      size: 11,
      extent: 5,
    });
    const at = (x: number, y: number) =>
      Array.from(img.data.slice((y * 11 + x) * 4, (y * 11 + x) * 4 + 3));
    expect(at(5, 5)).toEqual([200, 40, 40]); // generated point at the centre
    expect(at(10, 0)).toEqual([150, 200, 255]); // real point at the top right corner
    expect(at(0, 10)).toEqual([255, 255, 255]);
  });
});
