import { createRng, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modeCoverage } from './index';

beforeAll(async () => {
  await initBackend();
});

/** The ring of 8: means at radius 2, angles k pi / 4. */
const ring = Array.from({ length: 8 }, (_, k) => [
  2 * Math.cos((k * Math.PI) / 4),
  2 * Math.sin((k * Math.PI) / 4),
]);
const std = 0.02;

describe('modeCoverage', () => {
  it('counts covered modes, high-quality samples and per-mode counts', () => {
    const rng = createRng(1);
    const samples: number[][] = [];
    // 10 samples near each of modes 0..4, within 1 std
    for (let m = 0; m < 5; m++) {
      for (let i = 0; i < 10; i++)
        samples.push([
          ring[m]![0]! + 0.5 * std * rng.next(),
          ring[m]![1]! - 0.5 * std * rng.next(),
        ]);
    }
    samples.push([0, 0], [0.5, 0.5], [-3, 3]); // far from every mode
    samples.push([ring[6]![0]! + 3.5 * std, ring[6]![1]!]); // 3.5 std from mode 6: not high quality
    const result = modeCoverage(samples, ring, std);
    expect(result.modesCovered).toBe(5);
    expect(result.highQualityFraction).toBeCloseTo(50 / 54, 12);
    expect(Array.from(result.perModeCounts)).toEqual([10, 10, 10, 10, 10, 0, 0, 0]);
    // A stricter count: modes need 11 samples.
    expect(modeCoverage(samples, ring, std, { minCount: 11 }).modesCovered).toBe(0);
    // A looser threshold takes in the sample at 3.5 std.
    const loose = modeCoverage(samples, ring, std, { threshold: 4 });
    expect(loose.modesCovered).toBe(6);
    expect(loose.perModeCounts[6]).toBe(1);
  });

  it('uses a strict "< threshold std" and the nearest mode', () => {
    const means = [
      [0, 0],
      [4, 0],
    ];
    // std 0.5: 3 std = 1.5. (1.5, 0) is exactly 3 std from mode 0: not high quality; (1.49, 0) is.
    expect(modeCoverage([[1.5, 0]], means, 0.5).highQualityFraction).toBe(0);
    expect(Array.from(modeCoverage([[1.49, 0]], means, 0.5).perModeCounts)).toEqual([1, 0]);
    // (2.6, 0) is nearest to mode 1 (1.4 away) and within 3 std of it.
    expect(Array.from(modeCoverage([[2.6, 0]], means, 0.5).perModeCounts)).toEqual([0, 1]);
  });

  it('sees all 25 modes of the grid in samples drawn from the grid itself', () => {
    const grid: number[][] = [];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) grid.push([2 * i, 2 * j]);
    const rng = createRng(7);
    const samples = Array.from({ length: 2500 }, () => {
      const m = grid[rng.int(25)]!;
      return [m[0]! + 0.05 * rng.normal(), m[1]! + 0.05 * rng.normal()];
    });
    const t = tf.tensor2d(samples);
    const result = modeCoverage(t, grid, 0.05);
    t.dispose();
    expect(result.modesCovered).toBe(25);
    // P(|N(0, I_2)| < 3) = 1 - exp(-9/2) = 0.98889; 2500 draws: within 0.01 with overwhelming probability
    expect(Math.abs(result.highQualityFraction - (1 - Math.exp(-4.5)))).toBeLessThan(0.01);
  });

  it('rejects bad arguments with named errors', () => {
    expect(() => modeCoverage([[0, 0, 0]], ring, std)).toThrow(
      "Arguments 'samples' and 'means' passed to 'modeCoverage' must have the same number of columns, but got [1, 3] and [8, 2].",
    );
    expect(() => modeCoverage([[0, 0]], ring, 0)).toThrow(
      "Argument 'std' passed to 'modeCoverage' must be a finite number in",
    );
    expect(() => modeCoverage([[0, 0]], ring, std, { minCount: 0 })).toThrow(
      "Argument 'minCount' passed to 'modeCoverage' must be an integer >= 1, but got 0.",
    );
    expect(() => modeCoverage([[0, 0]], ring, std, { thresh: 2 } as object)).toThrow(
      "Unknown option 'thresh' passed to 'modeCoverage'; expected one of: threshold, minCount.",
    );
  });
});
