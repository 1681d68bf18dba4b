import { createRng, initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Interactions, type RatingTriple } from './interactions';
import { KNNBaseline, KNNBasic, KNNWithMeans, KNNWithZScore } from './knn';
import { REASONS } from './prediction';
import type { SimilarityName } from './similarities';

beforeAll(async () => {
  await initBackend();
});

// ---------------------------------------------------------------------------------------
// A straightforward reference of Surprise's formulas on a dense matrix with NaN holes:
// double loops, no sparse tricks, written from the formulas in Surprise's documentation
// and source (similarities.pyx, knns.py, optimize_baselines.pyx).
// ---------------------------------------------------------------------------------------

const N_USERS = 15;
const N_ITEMS = 10;

/** A 15 x 10 ratings matrix, about 60% filled with integers 1..5; NaN = missing. */
function smallMatrix(seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: N_USERS }, () =>
    Array.from({ length: N_ITEMS }, () => (rng.next() < 0.6 ? 1 + rng.int(5) : Number.NaN)),
  );
}

function triplesOf(R: number[][]): RatingTriple[] {
  const out: RatingTriple[] = [];
  R.forEach((row, u) => {
    row.forEach((r, i) => {
      if (!Number.isNaN(r)) out.push([`u${u}`, 100 + i, r]);
    });
  });
  return out;
}

const has = (r: number) => !Number.isNaN(r);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const globalMeans = new Map<number[][], number>();
function refGlobalMean(R: number[][]): number {
  if (!globalMeans.has(R)) globalMeans.set(R, mean(R.flat().filter(has)));
  return globalMeans.get(R) as number;
}

/** ALS baselines: 10 epochs, item biases then user biases, reg_i 10, reg_u 15. */
function refBaselinesAls(R: number[][]): { bu: number[]; bi: number[] } {
  const mu = refGlobalMean(R);
  const bu = new Array(N_USERS).fill(0);
  const bi = new Array(N_ITEMS).fill(0);
  for (let epoch = 0; epoch < 10; epoch++) {
    for (let i = 0; i < N_ITEMS; i++) {
      let dev = 0;
      let n = 0;
      for (let u = 0; u < N_USERS; u++) {
        const r = R[u]![i]!;
        if (has(r)) {
          dev += r - mu - bu[u];
          n++;
        }
      }
      bi[i] = dev / (10 + n);
    }
    for (let u = 0; u < N_USERS; u++) {
      let dev = 0;
      let n = 0;
      for (let i = 0; i < N_ITEMS; i++) {
        const r = R[u]![i]!;
        if (has(r)) {
          dev += r - mu - bi[i];
          n++;
        }
      }
      bu[u] = dev / (15 + n);
    }
  }
  return { bu, bi };
}

/**
 * SGD baselines: 20 epochs over ratings user by user, lr 0.005, reg 0.02. Each user's
 * ratings are visited in `itemOrder` (ours: internal item index; Surprise: input order).
 */
function refBaselinesSgd(R: number[][], itemOrder: number[]): { bu: number[]; bi: number[] } {
  const mu = refGlobalMean(R);
  const bu = new Array(N_USERS).fill(0);
  const bi = new Array(N_ITEMS).fill(0);
  for (let epoch = 0; epoch < 20; epoch++) {
    for (let u = 0; u < N_USERS; u++) {
      for (const i of itemOrder) {
        const r = R[u]![i]!;
        if (!has(r)) continue;
        const err = r - (mu + bu[u] + bi[i]);
        bu[u] += 0.005 * (err - 0.02 * bu[u]);
        bi[i] += 0.005 * (err - 0.02 * bi[i]);
      }
    }
  }
  return { bu, bi };
}

interface RefSetup {
  R: number[][];
  userBased: boolean;
  name: SimilarityName;
  minSupport: number;
  shrinkage: number;
  bsl: { bu: number[]; bi: number[] };
  /** Memo of refSim for this setup (the reference is slow on purpose, not repeatedly). */
  memo?: Map<number, number>;
  /** Memo of per-x means and deviations. */
  stats?: Map<string, number>;
}

/** Caches `compute()` under `key` in the setup (the reference recomputes nothing twice). */
function cached(s: RefSetup, key: string, compute: () => number): number {
  s.stats ??= new Map();
  let v = s.stats.get(key);
  if (v === undefined) {
    v = compute();
    s.stats.set(key, v);
  }
  return v;
}

/** Rating of x on y (x = user when user-based). */
function rxy(s: RefSetup, x: number, y: number): number {
  return s.userBased ? s.R[x]![y]! : s.R[y]![x]!;
}

function nX(s: RefSetup) {
  return s.userBased ? N_USERS : N_ITEMS;
}
function nY(s: RefSetup) {
  return s.userBased ? N_ITEMS : N_USERS;
}

function meanOfX(s: RefSetup, x: number): number {
  return cached(s, `mean${x}`, () => meanOfXUncached(s, x));
}

function meanOfXUncached(s: RefSetup, x: number): number {
  const rs: number[] = [];
  for (let y = 0; y < nY(s); y++) if (has(rxy(s, x, y))) rs.push(rxy(s, x, y));
  return mean(rs);
}

function meanOfY(s: RefSetup, y: number): number {
  const rs: number[] = [];
  for (let x = 0; x < nX(s); x++) if (has(rxy(s, x, y))) rs.push(rxy(s, x, y));
  return mean(rs);
}

function refSim(s: RefSetup, a: number, b: number): number {
  s.memo ??= new Map();
  const key = a * 1000 + b;
  const known = s.memo.get(key);
  if (known !== undefined) return known;
  const value = refSimUncached(s, a, b);
  s.memo.set(key, value);
  return value;
}

function refSimUncached(s: RefSetup, a: number, b: number): number {
  if (a === b) return 1;
  const common: number[] = [];
  for (let y = 0; y < nY(s); y++) if (has(rxy(s, a, y)) && has(rxy(s, b, y))) common.push(y);
  const n = common.length;
  const minSupport = s.name === 'pearson_baseline' ? Math.max(2, s.minSupport) : s.minSupport;
  if (n === 0 || n < minSupport) return 0;
  const ra = common.map((y) => rxy(s, a, y));
  const rb = common.map((y) => rxy(s, b, y));
  const cos = (va: number[], vb: number[]) => {
    let num = 0;
    let na = 0;
    let nb = 0;
    va.forEach((v, t) => {
      num += v * vb[t]!;
      na += v * v;
      nb += vb[t]! * vb[t]!;
    });
    const den = Math.sqrt(na * nb);
    return den === 0 ? 0 : num / den;
  };
  switch (s.name) {
    case 'cosine':
      return cos(ra, rb);
    case 'msd': {
      let sq = 0;
      ra.forEach((v, t) => {
        sq += (v - rb[t]!) ** 2;
      });
      return 1 / (sq / n + 1);
    }
    case 'pearson': {
      // Surprise centres on the means over the common ratings.
      const ma = mean(ra);
      const mb = mean(rb);
      return cos(
        ra.map((v) => v - ma),
        rb.map((v) => v - mb),
      );
    }
    case 'adjusted_cosine': {
      const my = common.map((y) => meanOfY(s, y));
      return cos(
        ra.map((v, t) => v - my[t]!),
        rb.map((v, t) => v - my[t]!),
      );
    }
    case 'pearson_baseline': {
      const mu = refGlobalMean(s.R);
      const bx = s.userBased ? s.bsl.bu : s.bsl.bi;
      const by = s.userBased ? s.bsl.bi : s.bsl.bu;
      const da = common.map((y, t) => ra[t]! - (mu + bx[a]! + by[y]!));
      const db = common.map((y, t) => rb[t]! - (mu + bx[b]! + by[y]!));
      return cos(da, db) * ((n - 1) / (n - 1 + s.shrinkage));
    }
  }
}

type Kind = 'KNNBasic' | 'KNNWithMeans' | 'KNNWithZScore' | 'KNNBaseline';

/** Population standard deviation of x's ratings, falling back to that of all ratings. */
function sigmaOfX(s: RefSetup, x: number): number {
  return cached(s, `sigma${x}`, () => sigmaOfXUncached(s, x));
}

function sigmaOfXUncached(s: RefSetup, x: number): number {
  const rs: number[] = [];
  for (let y = 0; y < nY(s); y++) if (has(rxy(s, x, y))) rs.push(rxy(s, x, y));
  const std = (v: number[]) => Math.sqrt(mean(v.map((r) => (r - mean(v)) ** 2)));
  const sigma = std(rs);
  return sigma === 0 ? std(s.R.flat().filter(has)) : sigma;
}

/** Surprise's estimate for (u, i), clipped to [1, 5], with actual_k and impossibility. */
function refPredict(
  s: RefSetup,
  kind: Kind,
  k: number,
  minK: number,
  u: number,
  i: number,
): { est: number; actualK: number; impossible: boolean } {
  const x = s.userBased ? u : i;
  const y = s.userBased ? i : u;
  const neighbours: { x2: number; sim: number; r: number }[] = [];
  for (let x2 = 0; x2 < nX(s); x2++) {
    if (has(rxy(s, x2, y))) neighbours.push({ x2, sim: refSim(s, x, x2), r: rxy(s, x2, y) });
  }
  // heapq.nlargest(k) by similarity; ties by lower internal index (our documented rule).
  const inner = (x2: number) =>
    s.userBased ? data.users.indexOf(`u${x2}`) : data.items.indexOf(100 + x2);
  neighbours.sort((p, q) => q.sim - p.sim || inner(p.x2) - inner(q.x2));
  const top = neighbours.slice(0, k).filter((nb) => nb.sim > 0);
  const actualK = top.length;
  const mu = refGlobalMean(s.R);
  const clip = (v: number) => Math.min(5, Math.max(1, v));
  const sumSim = top.reduce((a, nb) => a + nb.sim, 0);
  if (kind === 'KNNBasic') {
    if (actualK < minK) return { est: mu, actualK, impossible: true };
    return {
      est: clip(top.reduce((a, nb) => a + nb.sim * nb.r, 0) / sumSim),
      actualK,
      impossible: false,
    };
  }
  if (kind === 'KNNWithMeans' || kind === 'KNNWithZScore') {
    const z = kind === 'KNNWithZScore';
    let est = meanOfX(s, x);
    if (actualK >= minK) {
      const sum = top.reduce(
        (a, nb) => a + (nb.sim * (nb.r - meanOfX(s, nb.x2))) / (z ? sigmaOfX(s, nb.x2) : 1),
        0,
      );
      est += (z ? sigmaOfX(s, x) : 1) * (sum / sumSim);
    }
    return { est: clip(est), actualK, impossible: false };
  }
  const bx = s.userBased ? s.bsl.bu : s.bsl.bi;
  const by = s.userBased ? s.bsl.bi : s.bsl.bu;
  let est = mu + bx[x]! + by[y]!;
  if (actualK >= minK) {
    const sum = top.reduce((a, nb) => a + nb.sim * (nb.r - (mu + bx[nb.x2]! + by[y]!)), 0);
    est += sum / sumSim;
  }
  return { est: clip(est), actualK, impossible: false };
}

// ---------------------------------------------------------------------------------------

const R = smallMatrix(7);
const data = Interactions.from(triplesOf(R), { ratingScale: [1, 5] });
const NAMES: SimilarityName[] = ['cosine', 'pearson', 'msd', 'adjusted_cosine', 'pearson_baseline'];
const MODELS = { KNNBasic, KNNWithMeans, KNNWithZScore, KNNBaseline };

describe('the test data', () => {
  it('has every user and item and some holes', () => {
    expect(data.nUsers).toBe(N_USERS);
    expect(data.nItems).toBe(N_ITEMS);
    expect(data.nRatings).toBeGreaterThan(60);
    expect(data.nRatings).toBeLessThan(120);
  });
});

describe.each(NAMES)('similarity %s', (name) => {
  it.each([true, false])('matches the reference, userBased %s, minSupport 1 and 3', (userBased) => {
    for (const minSupport of [1, 3]) {
      const model = new KNNBasic({
        similarity: { name, userBased, minSupport, shrinkage: 10 },
      }).fit(data);
      const s: RefSetup = {
        R,
        userBased,
        name,
        minSupport,
        shrinkage: 10,
        bsl: refBaselinesAls(R),
      };
      const id = (x: number) => (userBased ? `u${x}` : 100 + x);
      let nonZero = 0;
      for (let a = 0; a < nX(s); a++) {
        for (let b = 0; b < nX(s); b++) {
          const want = refSim(s, a, b);
          if (want !== 0 && a !== b) nonZero++;
          expect(model.similarity(id(a), id(b))).toBeCloseTo(want, 12);
        }
      }
      expect(nonZero).toBeGreaterThan(10);
    }
  });
});

describe.each(Object.keys(MODELS) as Kind[])('%s predictions', (kind) => {
  it.each(NAMES.flatMap((name) => [true, false].map((userBased) => [name, userBased] as const)))(
    'equal the reference for %s, userBased %s (k 3 and 40, minK 1 and 2)',
    (name, userBased) => {
      for (const [k, minK] of [
        [3, 1],
        [40, 1],
        [3, 2],
      ] as const) {
        const model = new MODELS[kind]({
          k,
          minK,
          similarity: { name, userBased, minSupport: 2, shrinkage: 5 },
        }).fit(data);
        const s: RefSetup = {
          R,
          userBased,
          name,
          minSupport: 2,
          shrinkage: 5,
          bsl: refBaselinesAls(R),
        };
        let fallbacks = 0;
        const mismatches: unknown[] = [];
        for (let u = 0; u < N_USERS; u++) {
          for (let i = 0; i < N_ITEMS; i++) {
            const want = refPredict(s, kind, k, minK, u, i);
            const got = model.predict(`u${u}`, 100 + i);
            const reason = want.actualK < minK ? REASONS.notEnoughNeighbours : null;
            // One expect per case below; collecting keeps 18k comparisons fast.
            if (
              !(Math.abs(got.estimate - want.est) < 1e-9) ||
              got.details.actualK !== want.actualK ||
              got.details.wasImpossible !== want.impossible ||
              got.details.reason !== reason
            ) {
              mismatches.push({ k, minK, u, i, got, want });
            }
            if (want.actualK < minK) fallbacks++;
          }
        }
        expect(mismatches).toEqual([]);
        if (minK === 2 && name.startsWith('pearson')) expect(fallbacks).toBeGreaterThan(0);
      }
    },
  );
});

describe('KNNBaseline with SGD baselines', () => {
  it('equals the reference', () => {
    for (const userBased of [true, false]) {
      const model = new KNNBaseline({
        k: 4,
        similarity: { name: 'pearson_baseline', userBased, shrinkage: 3 },
        baselines: { method: 'sgd' },
      }).fit(data);
      const s: RefSetup = {
        R,
        userBased,
        name: 'pearson_baseline',
        minSupport: 1,
        shrinkage: 3,
        bsl: refBaselinesSgd(
          R,
          data.items.ids.map((id) => (id as number) - 100),
        ),
      };
      for (let u = 0; u < N_USERS; u++) {
        for (let i = 0; i < N_ITEMS; i++) {
          const want = refPredict(s, 'KNNBaseline', 4, 1, u, i);
          expect(Math.abs(model.predict(`u${u}`, 100 + i).estimate - want.est)).toBeLessThan(1e-9);
        }
      }
    }
  });
});

describe('explain, similar and cold start', () => {
  const model = new KNNWithMeans({ k: 3, similarity: { name: 'pearson', userBased: false } }).fit(
    data,
  );

  it('explain lists the neighbours that produced the estimate', () => {
    const e = model.explain('u0', 103);
    expect(e.neighbours.length).toBe(e.details.actualK);
    expect(e.neighbours.length).toBeGreaterThan(0);
    const sims = e.neighbours.map((n) => n.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    for (const n of e.neighbours) {
      expect(n.similarity).toBeCloseTo(model.similarity(103, n.id), 12);
      expect(n.rating).toBe(R[0]![(n.id as number) - 100]);
    }
  });

  it('similarItems ranks by similarity; similarUsers needs a user-based model', () => {
    const top = model.similarItems(100, 3);
    expect(top.length).toBe(3);
    const all = data.items.ids.filter((id) => id !== 100).map((id) => model.similarity(100, id));
    expect(top[0]!.similarity).toBe(Math.max(...all));
    expect(() => model.similarUsers('u0')).toThrow(
      "'KNNWithMeans.similarUsers' needs a model fitted with similarity.userBased: true; this one has false.",
    );
  });

  it('unknown users and items fall back to the global mean, flagged', () => {
    for (const Model of [KNNBasic, KNNWithMeans, KNNWithZScore]) {
      const m = new Model().fit(data);
      const p = m.predict('stranger', 100);
      expect(p.estimate).toBeCloseTo(data.globalMean, 12);
      expect(p.details).toEqual({ wasImpossible: true, actualK: 0, reason: 'unknown user' });
      expect(m.predict('u0', 'nope').details.reason).toBe('unknown item');
      expect(m.predict('x', 'y').details.reason).toBe('unknown user and item');
    }
  });

  it('KNNBaseline falls back to the baseline of the known side', () => {
    const m = new KNNBaseline().fit(data);
    const b = refBaselinesAls(R);
    const p = m.predict('stranger', 102);
    expect(p.estimate).toBeCloseTo(refGlobalMean(R) + b.bi[2]!, 12);
    expect(p.details).toEqual({ wasImpossible: false, actualK: 0, reason: 'unknown user' });
  });
});

describe('bad options', () => {
  it('rejects k <= 0, minK > k, unknown similarity and unknown options', () => {
    expect(() => new KNNBasic({ k: 0 })).toThrow(
      "Argument 'k' passed to 'KNNBasic' must be an integer >= 1, but got 0.",
    );
    expect(() => new KNNWithMeans({ k: -3 })).toThrow(
      "Argument 'k' passed to 'KNNWithMeans' must be an integer >= 1, but got -3.",
    );
    expect(() => new KNNBasic({ k: 2, minK: 3 })).toThrow(
      "Argument 'minK' passed to 'KNNBasic' must be <= k (2), but got 3.",
    );
    expect(() => new KNNBasic({ similarity: { name: 'jaccard' as SimilarityName } })).toThrow(
      "Argument 'similarity.name' passed to 'KNNBasic' must be one of 'cosine', 'pearson', 'msd', 'adjusted_cosine', 'pearson_baseline', but got \"jaccard\".",
    );
    expect(() => new KNNBasic({ kk: 3 } as never)).toThrow(
      "Unknown option 'kk' passed to 'KNNBasic'; expected one of: k, minK, similarity, baselines.",
    );
  });

  it('rejects use before fit', () => {
    expect(() => new KNNBasic().predict('u0', 100)).toThrow(
      "'KNNBasic.predict' was called before fit(); fit the model first.",
    );
  });
});
