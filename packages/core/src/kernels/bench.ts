/**
 * Times the wasm kernels gankit replaces or adds, against the stock tfjs-backend-wasm
 * kernels, in one process (the two are swapped in and out call by call, so machine load
 * hits both alike). Not part of the package build; run from packages/core:
 *
 *   npx tsup --config src/kernels/bench.tsup.ts
 *   node node_modules/.cache/gankit-kernel-bench/bench.cjs [runs] [filter]
 *
 * (`filter` keeps the cases whose name contains it.)
 * Prints the median of `runs` (default 30) timed calls after 3 warm-up calls per case, the
 * stock and gankit calls alternating.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend';
import '../register_tfjs';
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
    name: 'tile [1,1,1,128] -> [64,7,7,128] (batch norm gradient)',
    inputs: () => [tf.randomNormal([1, 1, 1, 128])],
    run: ([x]) => tf.tile(x!, [64, 7, 7, 1]),
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

/** Binary cross-entropy from logits against a constant label, averaged. */
function bce(logits: tf.Tensor, label: number): tf.Scalar {
  const loss = tf.add(
    tf.sub(tf.relu(logits), tf.mul(logits, label)),
    tf.log1p(tf.exp(tf.neg(tf.abs(logits)))),
  );
  return tf.mean(loss) as tf.Scalar;
}

/** Batch normalization with batch statistics and unit scale (tfjs cannot record a missing scale). */
function normalize(x: tf.Tensor, axes: number[]): tf.Tensor {
  const { mean, variance } = tf.moments(x, axes);
  const channels = x.shape.at(-1)!;
  return tf.batchNorm(x, mean, variance, tf.zeros([channels]), tf.ones([channels]), 1e-5);
}

const leaky = (x: tf.Tensor) => tf.leakyRelu(x, 0.2);
const dense = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.add(tf.matMul(x, w), b);
const init = (shape: number[]) => tf.mul(tf.randomNormal(shape), 0.02);

/**
 * One GAN step without the optimizer (whose elementwise update is cheap): gradients of the
 * discriminator loss on a real and a fake batch, then of the generator loss.
 */
function ganStep(
  generate: (z: tf.Tensor, p: tf.Tensor[]) => tf.Tensor,
  discriminate: (x: tf.Tensor, p: tf.Tensor[]) => tf.Tensor,
  gParams: number,
  xs: tf.Tensor[],
): tf.Tensor {
  const [real, z, ...params] = xs;
  const g = params.slice(0, gParams);
  const d = params.slice(gParams);
  return tf.tidy(() => {
    const fake = generate(z!, g);
    const dLoss = (...dp: tf.Tensor[]) =>
      tf.add(bce(discriminate(real!, dp), 1), bce(discriminate(fake, dp), 0)) as tf.Scalar;
    const dGrads = tf.grads(dLoss)(d);
    const gLoss = (...gp: tf.Tensor[]) => bce(discriminate(generate(z!, gp), d), 1);
    const gGrads = tf.grads(gLoss)(g);
    return tf.addN([...dGrads, ...gGrads].map((t) => tf.sum(t)));
  });
}

const mlpGan: Case = {
  name: 'MLP GAN step, batch 100 (grads of D and G)',
  inputs: () => [
    tf.randomUniform([100, 784], -1, 1),
    tf.randomNormal([100, 64]),
    ...[[64, 256], [256], [256, 256], [256], [256, 784], [784]].map(init),
    ...[[784, 256], [256], [256, 256], [256], [256, 1], [1]].map(init),
  ],
  run: (xs) =>
    ganStep(
      (z, [w1, b1, w2, b2, w3, b3]) =>
        tf.tanh(dense(tf.relu(dense(tf.relu(dense(z, w1!, b1!)), w2!, b2!)), w3!, b3!)),
      (x, [w1, b1, w2, b2, w3, b3]) =>
        dense(leaky(dense(leaky(dense(x, w1!, b1!)), w2!, b2!)), w3!, b3!),
      6,
      xs,
    ),
  torchMs: 15.6,
};

const dcgan: Case = {
  name: 'DCGAN step, batch 64 (grads of D and G)',
  inputs: () => [
    tf.randomUniform([64, 28, 28, 1], -1, 1),
    tf.randomNormal([64, 100]),
    ...[[100, 6272], [6272], [4, 4, 64, 128], [4, 4, 1, 64]].map(init),
    ...[[4, 4, 1, 64], [4, 4, 64, 128], [6272, 1], [1]].map(init),
  ],
  run: (xs) =>
    ganStep(
      (z, [w, b, k1, k2]) => {
        const h0 = tf.relu(normalize(tf.reshape(dense(z, w!, b!), [64, 7, 7, 128]), [0, 1, 2]));
        const h1 = tf.conv2dTranspose(t4(h0), t4(k1!), [64, 14, 14, 64], 2, 'same');
        const h2 = tf.relu(normalize(h1, [0, 1, 2]));
        return tf.tanh(tf.conv2dTranspose(t4(h2), t4(k2!), [64, 28, 28, 1], 2, 'same'));
      },
      (x, [k1, k2, w, b]) => {
        const h1 = leaky(tf.conv2d(t4(x), t4(k1!), 2, 'same'));
        const h2 = leaky(normalize(tf.conv2d(t4(h1), t4(k2!), 2, 'same'), [0, 1, 2]));
        return dense(tf.reshape(h2, [64, 6272]), w!, b!);
      },
      4,
      xs,
    ),
  torchMs: 231,
};

cases.push(mlpGan, dcgan);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One call of `run`, in milliseconds (the wasm kernels run synchronously). */
function once(run: () => tf.Tensor): number {
  const start = performance.now();
  const out = run();
  const ms = performance.now() - start;
  out.dispose();
  return ms;
}

/**
 * Medians of `runs` calls of `run` with the stock kernels and with gankit's, alternating
 * call by call so that both see the same machine load (other work shares these cores).
 */
function timeBoth(
  run: () => tf.Tensor,
  runs: number,
  stock: tf.KernelConfig[] | undefined,
  gankit: tf.KernelConfig[],
): [number, number] {
  const before: number[] = [];
  const after: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    if (stock) {
      useKernels(stock);
      const ms = once(run);
      if (i >= 3) before.push(ms);
    }
    useKernels(gankit);
    const ms = once(run);
    if (i >= 3) after.push(ms);
  }
  return [stock ? median(before) : Number.NaN, median(after)];
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
  const filter = process.argv[3] ?? '';
  const names = wasmFastPaths.map((p) => p.kernelName);
  const stock = names.map((name) => tf.getKernel(name, 'wasm')!);
  const info = await initBackend();
  const gankit = names.map((name) => tf.getKernel(name, 'wasm')!);
  console.log(`backend ${JSON.stringify(info)}, median of ${runs} runs after 3 warm-up runs`);
  console.log('| case | stock tfjs-wasm ms | gankit ms | speed-up | PyTorch 1 thread ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const c of cases.filter((k) => k.name.includes(filter))) {
    const xs = c.inputs();
    const run = () => c.run(xs);
    // The stock backend has no filter gradient: its column says 'missing' for that kernel,
    // and the GAN steps run there with gankit's gap fillers but the stock kernels otherwise.
    const missing = c.name.startsWith('Conv2DBackpropFilter');
    const [before, after] = timeBoth(run, runs, missing ? undefined : stock, gankit);
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
