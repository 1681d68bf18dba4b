import * as tf from '@tensorflow/tfjs-core';
import seedrandom from 'seedrandom';
import { ValueError } from './errors';

/** The state of an {@link Rng}, plain JSON, for checkpoints. */
export type RngState = {
  readonly algorithm: 'alea';
  readonly state: object;
  readonly spare: number | null;
};

/** A seeded random number generator. Every random thing in gankit draws from one. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** A float from N(mean, std²). */
  normal(mean?: number, std?: number): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** Shuffles `array` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T;
  /** A permutation of 0..n-1. */
  permutation(n: number): Int32Array;
  /** A snapshot of the generator's state; `createRng(seed, state)` continues from it. */
  state(): RngState;
}

/** Accepts any finite number or string as a seed; `0` is a seed like any other. */
function checkSeed(where: string, seed: unknown): string {
  if (typeof seed === 'string') return `s:${seed}`;
  if (typeof seed === 'number' && Number.isFinite(seed)) return `n:${seed}`;
  throw new ValueError(
    `Argument 'seed' passed to '${where}' must be a finite number or a string, but got ${String(seed)}.`,
  );
}

/**
 * Creates a seeded generator (Alea, from seedrandom). Unlike tfjs, `seed: 0` is a seed:
 * the same seed always gives the same numbers. Pass `state` from {@link Rng.state} to
 * continue where a saved generator left off.
 */
export function createRng(seed: number | string, state?: RngState): Rng {
  const key = checkSeed('createRng', seed);
  const alea = seedrandom.alea(key, { state: (state?.state ?? true) as true });
  let spare: number | null = state ? state.spare : null;
  const next = () => alea();
  const rng: Rng = {
    next,
    normal(mean = 0, std = 1) {
      if (spare !== null) {
        const z = spare;
        spare = null;
        return mean + std * z;
      }
      // Box-Muller: two uniforms give two independent normals; keep the second.
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return mean + std * r * Math.cos(2 * Math.PI * v);
    },
    int(n) {
      return Math.floor(next() * n);
    },
    shuffle(array) {
      for (let i = array.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = array[i];
        array[i] = array[j];
        array[j] = t;
      }
      return array;
    },
    permutation(n) {
      const p = new Int32Array(n);
      for (let i = 0; i < n; i++) p[i] = i;
      return rng.shuffle(p);
    },
    state() {
      return { algorithm: 'alea', state: alea.state(), spare };
    },
  };
  return rng;
}

/** A float32 tensor of N(mean, std²) draws from `rng`. */
export function randomNormal(rng: Rng, shape: number[], mean = 0, std = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.normal(mean, std);
  return tf.tensor(values, shape, 'float32');
}

/** A float32 tensor of U[min, max) draws from `rng`. */
export function randomUniform(rng: Rng, shape: number[], min = 0, max = 1): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = min + (max - min) * rng.next();
  return tf.tensor(values, shape, 'float32');
}
