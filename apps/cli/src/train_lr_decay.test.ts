import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainCommand } from './commands/train';
import { trainedGanWeights } from './test_training';

beforeAll(async () => {
  await initBackend();
});

describe('gankit train --lr-decay linear-after:<epoch>', () => {
  it('holds the rate for the given epochs, then lowers it; records it and resumes only with it', async () => {
    const base = { data: 'grid', limit: '512', epochs: '2', seed: '8' };
    const trained = (flags: Record<string, string>) =>
      trainedGanWeights({ ...base, ...flags }, 'generator');
    const constant = await trained({});
    const afterOne = await trained({ lrDecay: 'linear-after:1' });
    const linear = await trained({ lrDecay: 'linear' });
    // The second epoch runs at a lower rate than the constant run, and the first at a higher
    // rate than the linear one: the weights differ from both.
    expect(afterOne.values).not.toEqual(constant.values);
    expect(afterOne.values).not.toEqual(linear.values);
    const run = JSON.parse(readFileSync(join(afterOne.out, 'run.json'), 'utf8'));
    expect(run.lrDecay).toBe('linear-after:1');
    await expect(
      trainCommand('gan', { ...base, epochs: '3', out: afterOne.out, resume: true }),
    ).rejects.toThrow(
      `--resume: ${afterOne.out} was trained with lrDecay linear-after:1, not (none)`,
    );
  });

  it('refuses a hold that reaches the last epoch, a malformed value, and a second schedule', async () => {
    const flags = { data: 'grid', epochs: '4' };
    await expect(trainCommand('gan', { ...flags, lrDecay: 'linear-after:4' })).rejects.toThrow(
      '--lr-decay linear-after:4: the rate must start falling before the last epoch (--epochs 4)',
    );
    await expect(trainCommand('gan', { ...flags, lrDecay: 'linear-after:x' })).rejects.toThrow(
      "--lr-decay must be linear, linear-after:<epoch> or none, got 'linear-after:x'",
    );
    await expect(
      trainCommand('gan', { ...flags, lrDecay: 'linear-after:2', lrDrop: '0.25' }),
    ).rejects.toThrow('--lr-decay linear-after:2 and --lr-drop are two schedules: give one');
  });
});
