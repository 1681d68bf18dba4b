// `pnpm bench`: each case on wasm and cpu (median of timed steps after warm-up), the same
// cases in PyTorch on one thread when it is installed, a table and a JSON file. PyTorch runs
// right after each backend's cases, in every round, and each ratio is the median of the
// per-round ratios of those adjacent measurements (the machine's speed drifts over minutes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { dcganStep, mlpGanMemory, mlpGanStep } from './cases/gan_steps';
import { kernelCases } from './cases/kernels';
import type { BenchCase } from './cases/types';
import { runTorchReference } from './reference';
import { median, timeMedian } from './timing';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k as string, v ?? 'true'];
  }),
);
const reps = Number(args.get('reps') ?? 30);
const rounds = Number(args.get('rounds') ?? 1);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds: expected an integer >= 1.');
const cpuReps = Number(args.get('cpu-reps') ?? reps);
// `wasm-2t` is the wasm backend on tfjs's threaded build with 2 threads (see initBackend);
// `wasm-2t1x` the same with one XNNPACK thread (gankit's products still on two).
const backends = (args.get('backends') ?? 'wasm,wasm-2t,wasm-2t1x,cpu').split(',');
const THREADED = /^wasm-(\d+)t(?:(\d+)x)?$/;
for (const b of backends) {
  if (!/^(wasm|cpu)$/.test(b) && !THREADED.test(b)) {
    throw new Error(`--backends: unknown backend '${b}'.`);
  }
}
/** initBackend's options for a name of --backends. */
function backendOptions(name: string): {
  backend: 'wasm' | 'cpu';
  threads?: number;
  xnnpackThreads?: number;
} {
  const threaded = THREADED.exec(name);
  if (!threaded) return { backend: name as 'wasm' | 'cpu' };
  const xnnpack = threaded[2] === undefined ? {} : { xnnpackThreads: Number(threaded[2]) };
  return { backend: 'wasm', threads: Number(threaded[1]), ...xnnpack };
}
const only = args.get('cases')?.split(',');
const memorySteps = Number(args.get('memory-steps') ?? 1000);

const cases: BenchCase[] = [mlpGanStep, dcganStep, ...kernelCases].filter(
  (c) => !only || only.includes(c.key),
);

/** Threads a backend name asks for (1 for `wasm` and `cpu`). */
function requestedThreads(name: string): number {
  return backendOptions(name).threads ?? 1;
}

async function main(): Promise<void> {
  // gankit ms per case, backend and round; PyTorch ms measured right after each of them.
  const runs: Record<string, Record<string, { ms: number[]; torch: number[] }>> = {};
  let memory: Record<string, number> | undefined;
  let torchVersion: string | undefined;
  for (const backend of backends) {
    const info = await initBackend(backendOptions(backend));
    console.error(`backend ${backend}: ${JSON.stringify(info)}`);
    if (info.threads !== requestedThreads(backend) && backend !== 'cpu') {
      throw new Error(
        `--backends: '${backend}' needs ${requestedThreads(backend)} thread(s) but the process runs ${info.threads} (the threaded build cannot be left once started): list single-threaded backends first.`,
      );
    }
    for (let round = 0; round < rounds; round++) {
      for (const c of cases) {
        const n =
          backend === 'cpu' && c.slowOnCpu
            ? Math.min(cpuReps, reps)
            : backend === 'cpu'
              ? cpuReps
              : reps;
        const { run, dispose } = c.setup();
        const ms = await timeMedian(run, n);
        dispose();
        const byBackend = runs[c.key] ?? {};
        runs[c.key] = byBackend;
        const entry = byBackend[backend] ?? { ms: [], torch: [] };
        byBackend[backend] = entry;
        entry.ms.push(ms);
        console.error(`  ${c.name}: ${ms.toFixed(2)} ms (median of ${n}, round ${round + 1})`);
      }
      const torch = runTorchReference(
        cases.map((c) => c.key),
        reps,
      );
      if (torch) {
        torchVersion = torch.version;
        for (const c of cases) {
          const ms = torch.ms[c.key];
          if (ms !== undefined) runs[c.key]?.[backend]?.torch.push(ms);
        }
        console.error(`  pytorch (1 thread) after ${backend}: ${JSON.stringify(torch.ms)}`);
      }
    }
    // Memory on the single-threaded wasm backend, before any threaded one replaces it.
    if (backend === 'wasm' && memorySteps > 0) memory = await mlpGanMemory(memorySteps);
  }

  const header = [
    'case',
    ...backends.map((b) => `${b} ms`),
    'pytorch 1T ms',
    ...backends.map((b) => `${b}/pytorch`),
  ];
  const rows = cases.map((c) => {
    const r = runs[c.key] ?? {};
    const torchAll = Object.values(r).flatMap((e) => e.torch);
    const pt = torchAll.length ? median(torchAll) : undefined;
    const ratio = (b: string) => {
      const e = r[b];
      if (!e || e.torch.length !== e.ms.length) return '-';
      return `${median(e.ms.map((ms, i) => ms / (e.torch[i] as number))).toFixed(2)}x`;
    };
    return [
      c.name,
      ...backends.map((b) => (r[b] === undefined ? '-' : median(r[b].ms).toFixed(1))),
      pt === undefined ? '-' : pt.toFixed(1),
      ...backends.map(ratio),
    ];
  });
  const table = [header, header.map(() => '---'), ...rows]
    .map((r) => `| ${r.join(' | ')} |`)
    .join('\n');
  console.log(table);
  if (memory) console.log(`\nMLP GAN memory over ${memory.steps} steps: ${JSON.stringify(memory)}`);
  const out = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    tfjs: tf.version_core,
    reps,
    rounds,
    runs,
    pytorch: torchVersion ?? null,
    memory: memory ?? null,
  };
  mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
  const file = new URL(`../results/bench-${out.date.replace(/[:.]/g, '-')}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nJSON: ${file.pathname}`);
}

// A message, not a stack: the threaded build's exit handler would print its whole source.
await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
