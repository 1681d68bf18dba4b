import { createRng, randomUniform } from '@gankit/core';
import { DCGAN, GAN } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import type { BenchCase } from './types';

/** One `trainStep` (a D update then a G update) of `make()` on a fixed real batch. */
function ganStepCase(
  name: string,
  key: string,
  make: () => GAN,
  batch: number[],
  slowOnCpu = false,
): BenchCase {
  return {
    name,
    key,
    slowOnCpu,
    setup() {
      const gan = make();
      const x = randomUniform(createRng(1), batch, -1, 1);
      return {
        run: () => {
          gan.trainStep(x);
        },
        dispose: () => {
          gan.dispose();
          x.dispose();
        },
      };
    },
  };
}

/** (a) yunjey's MNIST MLP GAN: one D update + one G update, batch 100, Adam 2e-4. */
export const mlpGanStep = ganStepCase(
  'MLP GAN step (batch 100)',
  'mlp_gan_step',
  () => new GAN({ seed: 0 }),
  [100, 784],
);

/**
 * (b) DCGAN on 28x28x1: one D update + one G update, batch 64. The plain networks
 * (`dense: 0`), as reference/torch_bench.py builds them in PyTorch.
 */
export const dcganStep = ganStepCase(
  'DCGAN step (batch 64)',
  'dcgan_step',
  () => new DCGAN({ seed: 0, dense: 0 }),
  [64, 28, 28, 1],
  true,
);

/** Peak memory of a long MLP GAN run: returns figures instead of a time. */
export async function mlpGanMemory(steps: number): Promise<Record<string, number>> {
  const gan = new GAN({ seed: 0 });
  const x = randomUniform(createRng(1), [100, 784], -1, 1);
  const warmup = 50;
  let atWarmup = { rss: 0, tensors: 0, bytes: 0 };
  let peakRss = 0;
  let peakTensors = 0;
  for (let i = 1; i <= steps; i++) {
    gan.trainStep(x);
    if (i === warmup)
      atWarmup = {
        rss: process.memoryUsage().rss,
        tensors: tf.memory().numTensors,
        bytes: tf.memory().numBytes,
      };
    if (i > warmup && i % 25 === 0) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      peakTensors = Math.max(peakTensors, tf.memory().numTensors);
    }
  }
  const end = { tensors: tf.memory().numTensors, bytes: tf.memory().numBytes };
  gan.dispose();
  x.dispose();
  return {
    steps,
    rssAtWarmupMB: atWarmup.rss / 2 ** 20,
    peakRssAfterWarmupMB: peakRss / 2 ** 20,
    tensorsAtWarmup: atWarmup.tensors,
    peakTensorsAfterWarmup: peakTensors,
    tensorsAtEnd: end.tensors,
    tensorBytesAtWarmup: atWarmup.bytes,
    tensorBytesAtEnd: end.bytes,
  };
}
