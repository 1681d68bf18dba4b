import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A Python with PyTorch: `python3` on the PATH, else Debian's `/usr/bin/python3`. */
export function findTorchPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
      return python;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/**
 * Runs `reference/torch_bench.py` (the same cases in PyTorch on one thread) and returns its
 * medians in ms by case key, or undefined without PyTorch (`apt-get install python3-torch`).
 */
export function runTorchReference(
  keys: string[],
  reps: number,
): { version: string; ms: Record<string, number> } | undefined {
  const python = findTorchPython();
  const script = fileURLToPath(new URL('../reference/torch_bench.py', import.meta.url));
  if (!python || !existsSync(script)) return undefined;
  const out = execFileSync(python, [script, '--reps', String(reps), '--cases', keys.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop() as string);
}
