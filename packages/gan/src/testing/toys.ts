// Tiny networks and 2D data for the tests: not part of the public API.
import { createRng } from '@gankit/core';
import { Dense, type Layer, LeakyReLU, ReLU, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { GAN } from '../gan';

/** `input → hidden → out`, LeakyReLU 0.2 (or `activation()` when given). */
export function tinyNet(
  name: string,
  input: number,
  out: number,
  seed: number | string,
  hidden = 16,
  activation: () => Layer = () => new LeakyReLU(),
): Sequential {
  return new Sequential({
    name,
    inputShape: [input],
    seed: `${seed}:${name}`,
    layers: [new Dense({ units: hidden }), activation(), new Dense({ units: out })],
  });
}

/** A generator `z (latent) → hidden → 2` with ReLU. */
export function tinyGenerator(latent: number, seed: number | string, hidden = 16): Sequential {
  return tinyNet('generator', latent, 2, seed, hidden, () => new ReLU());
}

/**
 * `n` points of two 2D clusters (std 0.1): class 0 around (-2, 0), class 1 around (2, 0),
 * alternating, so the first 2k points hold k of each class.
 */
export function twoClusters(n: number, seed: number): { x: tf.Tensor2D; y: Int32Array } {
  const rng = createRng(seed);
  const v = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    v[2 * i] = (y[i] === 0 ? -2 : 2) + rng.normal(0, 0.1);
    v[2 * i + 1] = rng.normal(0, 0.1);
  }
  return { x: tf.tensor2d(v, [n, 2]), y };
}

/** Samples of a ring of 8 Gaussians (radius 2, std 0.02). */
export function ringPoints(n: number, seed: number): tf.Tensor2D {
  const rng = createRng(seed);
  const v = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const k = rng.int(8);
    v[2 * i] = 2 * Math.cos((k * Math.PI) / 4) + rng.normal(0, 0.02);
    v[2 * i + 1] = 2 * Math.sin((k * Math.PI) / 4) + rng.normal(0, 0.02);
  }
  return tf.tensor2d(v, [n, 2]);
}

/** Every weight of `model`, flattened in order. */
export function weightValues(model: Sequential): number[] {
  return model.weights.flatMap((w) => Array.from(w.variable.dataSync()));
}

/** A random batch of `size` rows of `x`, drawn with `rng`. The caller disposes it. */
export function randomRows(
  x: tf.Tensor,
  size: number,
  rng: ReturnType<typeof createRng>,
): { batch: tf.Tensor; idx: Int32Array } {
  const n = x.shape[0] as number;
  const idx = Int32Array.from({ length: size }, () => rng.int(n));
  const batch = tf.tidy(() => tf.gather(x, tf.tensor1d(idx, 'int32')));
  return { batch, idx };
}

/**
 * The mean distance from the origin of 500 samples of `gan` (z seed 7) before and after
 * `steps` training steps, each on 64 points drawn (seed 8) from 2000 points of the ring.
 */
export function ringRadiusBeforeAndAfter(gan: GAN, steps: number): [number, number] {
  const radius = () =>
    tf.tidy(
      () =>
        tf.mean(tf.norm(gan.generate(500, { seed: 7 }), 'euclidean', 1)).dataSync()[0] as number,
    );
  const before = radius();
  const x = ringPoints(2000, 6);
  const rng = createRng(8);
  for (let step = 0; step < steps; step++) {
    const idx = tf.tensor1d(
      Int32Array.from({ length: 64 }, () => rng.int(2000)),
      'int32',
    );
    const batch = tf.gather(x, idx);
    gan.trainStep(batch);
    tf.dispose([idx, batch]);
  }
  x.dispose();
  return [before, radius()];
}
