/**
 * Times the wasm kernels gankit replaces or adds, against the stock tfjs-backend-wasm
 * kernels, in one process (the two are swapped in and out around each case, so machine
 * load hits both alike). Not part of the build; run from packages/core:
 *
 *   npx tsx src/kernels/bench.ts [runs]
 *
 * Prints the median of `runs` (default 30) timed calls after 3 warm-up calls per case.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import { wasmFastPaths } from './list';

interface Case {
  name: string;
  inputs: () => tf.Tensor[];
  run: (xs: tf.Tensor[]) => tf.Tensor;
  /** PyTorch 1.13, one thread, same machine (from the performance issue), where known. */
  torchMs?: number;
}

const t4 = (x: tf.Tensor) => x as tf.Tensor4D;
const filterGradient = (x: tf.Tensor, dy: tf.Tensor, filterShape: number[]) =>
  tf
    .engine()
    .runKernel(
      'Conv2DBackpropFilter',
      { x, dy },
      { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape },
    ) as tf.Tensor;

const cases: Case[] = [
  {
    name: 'matMul 1024x1024',
    inputs: () => [tf.randomNormal([1024, 1024]), tf.randomNormal([1024, 1024])],
    run: ([a, b]) => tf.matMul(a!, b!),
    torchMs: 22.7,
  },
  {
    name: 'matMul 512x512 transposeA',
    inputs: () => [tf.randomNormal([512, 512]), tf.randomNormal([512, 512])],
    run: ([a, b]) => tf.matMul(a!, b!, true, false),
    torchMs: 3.0,
  },
  {
    name: 'matMul 512x512 transposeB',
    inputs: () => [tf.randomNormal([512, 512]), tf.randomNormal([512, 512])],
    run: ([a, b]) => tf.matMul(a!, b!, false, true),
  },
  {
    name: 'matMul batch 8 x 128x256 by 8 x 256x128',
    inputs: () => [tf.randomNormal([8, 128, 256]), tf.randomNormal([8, 256, 128])],
    run: ([a, b]) => tf.matMul(a!, b!),
  },
  {
    name: 'conv2d b64 28x28x1 -> 14x14x64 k4 s2',
    inputs: () => [tf.randomNormal([64, 28, 28, 1]), tf.randomNormal([4, 4, 1, 64])],
    run: ([x, w]) => tf.conv2d(t4(x!), t4(w!), 2, 'same'),
  },
  {
    name: 'conv2d b64 14x14x64 -> 7x7x128 k4 s2',
    inputs: () => [tf.randomNormal([64, 14, 14, 64]), tf.randomNormal([4, 4, 64, 128])],
    run: ([x, w]) => tf.conv2d(t4(x!), t4(w!), 2, 'same'),
  },
  {
    name: 'conv2dTranspose b64 7x7x128 -> 14x14x64 k5 s2',
    inputs: () => [tf.randomNormal([64, 7, 7, 128]), tf.randomNormal([5, 5, 64, 128])],
    run: ([x, w]) => tf.conv2dTranspose(t4(x!), t4(w!), [64, 14, 14, 64], 2, 'same'),
    torchMs: 25.7,
  },
  {
    name: 'conv2dTranspose b64 7x7x128 -> 14x14x64 k4 s2',
    inputs: () => [tf.randomNormal([64, 7, 7, 128]), tf.randomNormal([4, 4, 64, 128])],
    run: ([x, w]) => tf.conv2dTranspose(t4(x!), t4(w!), [64, 14, 14, 64], 2, 'same'),
  },
  {
    name: 'conv2dTranspose b64 14x14x64 -> 28x28x1 k4 s2',
    inputs: () => [tf.randomNormal([64, 14, 14, 64]), tf.randomNormal([4, 4, 1, 64])],
    run: ([x, w]) => tf.conv2dTranspose(t4(x!), t4(w!), [64, 28, 28, 1], 2, 'same'),
  },
  {
    name: 'Conv2DBackpropFilter b64 28x28x1, dy 14x14x64, k4 s2',
    inputs: () => [tf.randomNormal([64, 28, 28, 1]), tf.randomNormal([64, 14, 14, 64])],
    run: ([x, dy]) => filterGradient(x!, dy!, [4, 4, 1, 64]),
  },
  {
    name: 'Conv2DBackpropFilter b64 14x14x64, dy 7x7x128, k4 s2',
    inputs: () => [tf.randomNormal([64, 14, 14, 64]), tf.randomNormal([64, 7, 7, 128])],
    run: ([x, dy]) => filterGradient(x!, dy!, [4, 4, 64, 128]),
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(run: () => tf.Tensor, runs: number): number {
  for (let i = 0; i < 3; i++) run().dispose();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const out = run();
    ms.push(performance.now() - start);
    out.dispose();
  }
  return median(ms);
}

/** Swaps the stock kernels (captured before gankit registers its own) in or out. */
function useKernels(configs: tf.KernelConfig[]): void {
  for (const config of configs) {
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 30);
  const names = wasmFastPaths.map((p) => p.kernelName);
  const stock = names.map((name) => tf.getKernel(name, 'wasm')!);
  const info = await initBackend();
  const gankit = names.map((name) => tf.getKernel(name, 'wasm')!);
  const filterKernel = tf.getKernel('Conv2DBackpropFilter', 'wasm')!;
  console.log(`backend ${JSON.stringify(info)}, median of ${runs} runs after 3 warm-up runs`);
  console.log('| case | stock tfjs-wasm ms | gankit ms | speed-up | PyTorch 1 thread ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const c of cases) {
    const xs = c.inputs();
    const run = () => c.run(xs);
    useKernels(stock);
    tf.unregisterKernel('Conv2DBackpropFilter', 'wasm');
    const before =
      tf.getKernel('Conv2DBackpropFilter', 'wasm') || !c.name.startsWith('Conv2DBackpropFilter')
        ? time(run, runs)
        : Number.NaN;
    tf.registerKernel(filterKernel);
    useKernels(gankit);
    const after = time(run, runs);
    const stockText = Number.isNaN(before) ? 'missing' : before.toFixed(1);
    const ratio = Number.isNaN(before) ? '' : `${(before / after).toFixed(1)}x`;
    console.log(
      `| ${c.name} | ${stockText} | ${after.toFixed(1)} | ${ratio} | ${c.torchMs ?? ''} |`,
    );
    tf.dispose(xs);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
