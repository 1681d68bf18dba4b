import { createRng } from '@gankit/core';

/** Test helpers: straightforward reference computations, not used by the library. */

/** Solves a square system by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Closed-form (ridge) regression through the normal equations on [1, x]: returns [intercept, ...coef]. */
export function closedForm(x: number[][], y: number[], alpha = 0): number[] {
  const rows = x.map((r) => [1, ...r]);
  const p = rows[0]!.length;
  const a = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (const r of rows) s += r[i]! * r[j]!;
      return s + (i === j && i > 0 ? alpha : 0);
    }),
  );
  const b = Array.from({ length: p }, (_, i) => rows.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  return solve(a, b);
}

/** A random regression problem with standard-normal features and a known linear target plus noise. */
export function randomRegression(n: number, d: number, seed: number, noise = 0.1) {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const w = Array.from({ length: d }, () => rng.normal(0, 2));
  const y = x.map((r) => r.reduce((s, v, j) => s + v * w[j]!, 3) + rng.normal(0, noise));
  return { x, y, w };
}

/** Gaussian blobs, one per class, in `d` dimensions: an easy classification problem. */
export function blobs(nPerClass: number, centers: number[][], seed: number, std = 1) {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  centers.forEach((c, k) => {
    for (let i = 0; i < nPerClass; i++) {
      x.push(c.map((v) => v + rng.normal(0, std)));
      y.push(k);
    }
  });
  return { x, y };
}
