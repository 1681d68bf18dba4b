// Timing of the Fréchet distance and feature statistics at FID-like sizes.
// Run: cd packages/gan && npx vitest bench --run src/metrics
import { createRng } from '@gankit/core';
import { bench, describe } from 'vitest';
import { featureStatistics, frechetDistance } from './index';

function features(n: number, d: number, seed: number): Float32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Float32Array.from({ length: d }, () => rng.normal()));
}

const options = { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 };

describe('frechetDistance', () => {
  for (const d of [64, 128, 256]) {
    const a = featureStatistics(features(2 * d, d, 1));
    const b = featureStatistics(features(3 * d, d, 2));
    bench(
      `d = ${d}`,
      () => {
        frechetDistance(a.mean, a.cov, b.mean, b.cov);
      },
      options,
    );
  }
});

// A yardstick that scales with the machine's load: one 256 x 256 float64 matrix product.
describe('reference', () => {
  const n = 256;
  const a = Float64Array.from({ length: n * n }, (_, i) => (i % 7) / 7);
  const b = Float64Array.from({ length: n * n }, (_, i) => (i % 5) / 5);
  bench(
    '256 x 256 float64 matmul (16.8 M multiply-adds)',
    () => {
      const c = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < n; k++) {
          const x = a[i * n + k] as number;
          for (let j = 0; j < n; j++)
            c[i * n + j] = (c[i * n + j] as number) + x * (b[k * n + j] as number);
        }
      }
    },
    options,
  );
});

describe('featureStatistics', () => {
  for (const d of [128, 256]) {
    const x = features(10_000, d, 3);
    bench(
      `n = 10000, d = ${d}`,
      () => {
        featureStatistics(x);
      },
      options,
    );
  }
});
