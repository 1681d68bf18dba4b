// Helpers for this package's tests only (excluded from the published files).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Reads a scalar tensor and disposes it. */
export function scalar(t: tf.Tensor): number {
  expect(t.rank).toBe(0);
  const v = t.dataSync()[0] as number;
  t.dispose();
  return v;
}

/** Reads a tensor's values into a plain array and disposes it. */
export function values(t: tf.Tensor): number[] {
  const v = Array.from(t.dataSync());
  t.dispose();
  return v;
}

/** Expects two arrays to agree entry by entry within `tol` (absolute) and to be finite. */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    expect(Number.isFinite(a), `entry ${i} is ${a}`).toBe(true);
    expect(Math.abs(a - e), `entry ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(tol);
  }
}

/** The gradient of `f` (scalar-valued) at `x` by `tf.grad`, as a plain array. */
export function autodiff(f: (x: tf.Tensor) => tf.Tensor, x: number[], shape: number[]): number[] {
  return tf.tidy(() => Array.from(tf.grad(f)(tf.tensor(x, shape)).dataSync()));
}

/** The gradient of `f` at `x` by central differences with step `h`. */
export function finiteDifference(
  f: (x: tf.Tensor) => tf.Tensor,
  x: number[],
  shape: number[],
  h = 1e-2,
): number[] {
  const at = (v: number[]) => tf.tidy(() => f(tf.tensor(v, shape)).dataSync()[0] as number);
  return x.map((_, i) => {
    const up = x.slice();
    const down = x.slice();
    up[i] = (up[i] as number) + h;
    down[i] = (down[i] as number) - h;
    return (at(up) - at(down)) / (2 * h);
  });
}

/** `log(1 + exp(x))` in float64, the reference for the tests. */
export function softplusRef(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}
