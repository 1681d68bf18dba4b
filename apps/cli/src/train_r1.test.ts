import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainCommand } from './commands/train';
import { trainedGanWeights } from './test_training';

beforeAll(async () => {
  await initBackend();
});

describe('gankit train gan --r1', () => {
  it("puts the R1 penalty in D's loss, records it, and resumes only with it", async () => {
    const base = { data: 'grid', limit: '512', epochs: '1', seed: '4' };
    const trained = (flags: Record<string, string>) =>
      trainedGanWeights({ ...base, ...flags }, 'discriminator');
    const plain = await trained({});
    const penalised = await trained({ r1: '10' });
    expect(penalised.values).not.toEqual(plain.values);
    expect(JSON.parse(readFileSync(join(penalised.out, 'run.json'), 'utf8')).r1).toBe(10);
    expect(JSON.parse(readFileSync(join(plain.out, 'run.json'), 'utf8')).r1).toBeUndefined();
    await expect(
      trainCommand('gan', { ...base, out: penalised.out, resume: true }),
    ).rejects.toThrow(`--resume: ${penalised.out} was trained with r1 10, not (none)`);
  });

  it('refuses --r1 on other models and values that are not positive, naming the flag', async () => {
    await expect(trainCommand('cgan', { data: 'mnist', r1: '10' })).rejects.toThrow(
      "--r1 works with gan, dcgan and lsgan only, not 'cgan'",
    );
    for (const bad of ['0', '-1', 'ten']) {
      await expect(trainCommand('gan', { data: 'grid', r1: bad })).rejects.toThrow(
        `--r1 must be a positive number, got '${bad}'`,
      );
    }
  });
});
