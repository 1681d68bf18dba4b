import { describe, expect, it } from 'vitest';
import { run } from './program';
import { captureOutput } from './test_output';

/** Runs `gankit ...args` in-process; returns the exit status and what it printed. */
async function gankit(...args: string[]) {
  const output = captureOutput();
  try {
    const status = await run(['node', 'gankit', ...args]);
    return { status, stdout: output.stdout(), stderr: output.stderr() };
  } finally {
    output.restore();
  }
}

describe('the gankit program', () => {
  it('lists sgan and its flags in train --help', async () => {
    const { status, stdout } = await gankit('train', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('one of: gan, dcgan, lsgan, sgan, cgan, wgan-gp');
    expect(stdout).toContain('  sgan     semi-supervised GAN (Salimans et al.)');
    expect(stdout).toContain('--labels <n>');
    expect(stdout).toContain('--baseline');
  });

  it('answers a wrong flag or value with one line and status 1', async () => {
    expect(await gankit('train', 'sgan', '--bogus')).toEqual({
      status: 1,
      stdout: '',
      stderr: "error: unknown option '--bogus'\n",
    });
    expect(await gankit('train', 'sgan', '--labels', '7')).toEqual({
      status: 1,
      stdout: '',
      stderr:
        "gankit: --labels must be a multiple of 10 (the same number of labelled examples per digit), got '7'\n",
    });
  });
});
