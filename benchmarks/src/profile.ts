// `pnpm --filter @gankit/benchmarks profile -- --case=mlp_gan_step --steps=20`: where a training
// step spends its time, kernel by kernel (tf.profile's kernel times summed over the steps,
// grouped by kernel name and input shapes), on the wasm backend unless --backend=cpu;
// --threads=2 runs the threaded wasm build on two threads (--xnnpack-threads=1: one for XNNPACK).
import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { dcganStep, mlpGanStep } from './cases/gan_steps';
import { kernelCases } from './cases/kernels';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k as string, v ?? 'true'];
  }),
);
const key = args.get('case') ?? 'mlp_gan_step';
const steps = Number(args.get('steps') ?? 20);
const top = Number(args.get('top') ?? 25);
const backend = (args.get('backend') ?? 'wasm') as 'wasm' | 'cpu';
const threads = Number(args.get('threads') ?? 1);
const xnnpack = args.get('xnnpack-threads');
const xnnpackThreads = xnnpack === undefined ? {} : { xnnpackThreads: Number(xnnpack) };

async function main(): Promise<void> {
  const chosen = [mlpGanStep, dcganStep, ...kernelCases].find((c) => c.key === key);
  if (!chosen) throw new Error(`--case must name a benchmark case, got '${key}'.`);
  const started = await initBackend({ backend, threads, ...xnnpackThreads });
  const { run, dispose } = chosen.setup();
  for (let i = 0; i < 3; i++) run();
  const totals = new Map<string, { ms: number; calls: number }>();
  let wall = 0;
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    const info = await tf.profile(() => {
      run();
    });
    wall += performance.now() - start;
    for (const k of info.kernels) {
      const name = `${k.name} ${k.inputShapes.map((s) => `[${s?.join(',')}]`).join(' ')}`;
      const entry = totals.get(name) ?? { ms: 0, calls: 0 };
      entry.ms += Number(k.kernelTimeMs) || 0;
      entry.calls += 1;
      totals.set(name, entry);
    }
  }
  dispose();
  const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const kernelMs = rows.reduce((s, [, e]) => s + e.ms, 0) / steps;
  const byName = new Map<string, number>();
  for (const [name, e] of rows) {
    const kernel = name.split(' ')[0] as string;
    byName.set(kernel, (byName.get(kernel) ?? 0) + e.ms / steps);
  }
  console.log(
    `${chosen.name} on ${started.backend} (${started.threads} thread(s)): ${(wall / steps).toFixed(2)} ms per step profiled`,
  );
  console.log(`kernel time ${kernelMs.toFixed(2)} ms per step in ${rows.length} distinct calls`);
  console.log('\nby kernel:');
  for (const [name, ms] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${ms.toFixed(2).padStart(8)} ms  ${name}`);
  }
  console.log('\nby kernel and shapes:');
  for (const [name, e] of rows.slice(0, top)) {
    console.log(
      `  ${(e.ms / steps).toFixed(2).padStart(8)} ms  ${String(e.calls / steps).padStart(4)}x  ${name}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
