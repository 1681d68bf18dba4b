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

  it('tells a new user how to pick exemplars in arithmetic --help', async () => {
    const { status, stdout } = await gankit('arithmetic', '--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: gankit arithmetic [options] <dir>');
    expect(stdout).toContain('  gankit sample gankit-out/gan-mnist --n 64 --seed 0 --numbered');
    expect(stdout).toContain('  gankit arithmetic gankit-out/gan-mnist --a 3,7,12 --b 5,9 --c 1,4');
    const evaluate = await gankit('evaluate', '--help');
    expect(evaluate.stdout.replace(/\s+/g, ' ')).toContain('ring and grid runs by mode coverage');
    const sample = await gankit('sample', '--help');
    expect(sample.stdout).toContain('--numbered');
  });

  it('answers a wrong flag or value with one line and status 1', async () => {
    expect(await gankit('train', 'sgan', '--bogus')).toEqual({
      status: 1,
      stdout: '',
      stderr: "error: unknown option '--bogus'\n",
    });
    expect((await gankit('arithmetic', 'x', '--d', '1')).stderr).toBe(
      "error: unknown option '--d'\n",
    );
    expect(await gankit('train', 'sgan', '--labels', '7')).toEqual({
      status: 1,
      stdout: '',
      stderr:
        "gankit: --labels must be a multiple of 10 (the same number of labelled examples per digit), got '7'\n",
    });
  });
});
