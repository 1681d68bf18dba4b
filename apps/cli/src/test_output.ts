import { vi } from 'vitest';

/** What a command printed while {@link captureOutput} listened. */
export interface CapturedOutput {
  stdout: () => string;
  stderr: () => string;
  restore: () => void;
}

/** Test helper: records what is written to stdout and stderr (and hides it) until `restore()`. */
export function captureOutput(): CapturedOutput {
  const written = { stdout: '', stderr: '' };
  const spy = (name: 'stdout' | 'stderr') =>
    vi.spyOn(process[name], 'write').mockImplementation((chunk: string | Uint8Array) => {
      written[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    });
  const spies = [spy('stdout'), spy('stderr')];
  return {
    stdout: () => written.stdout,
    stderr: () => written.stderr,
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
}

/** Test helper: runs `fn` with its output hidden and returns what it wrote to stdout. */
export async function quietly(fn: () => Promise<unknown>): Promise<string> {
  const output = captureOutput();
  try {
    await fn();
    return output.stdout();
  } finally {
    output.restore();
  }
}
