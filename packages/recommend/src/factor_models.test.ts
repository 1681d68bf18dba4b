import { createRng, initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BaselineOnly } from './baseline_only';
import { ImplicitALS } from './implicit_als';
import { Interactions, type RatingTriple } from './interactions';
import { SVD } from './svd';

beforeAll(async () => {
  await initBackend();
});

/** 12 users x 8 items, ~60% filled with 1..5; ids are numbers, users first seen in order. */
function small(seed: number): { triples: RatingTriple[]; data: Interactions } {
  const rng = createRng(seed);
  const triples: RatingTriple[] = [];
  for (let u = 0; u < 12; u++) {
    for (let i = 0; i < 8; i++)
      if (rng.next() < 0.6 || i === 0) triples.push([u, i, 1 + rng.int(5)]);
  }
  return { triples, data: Interactions.from(triples, { ratingScale: [1, 5] }) };
}

/** Every rating of the data, user by user, items in internal order (the visiting order). */
function ratingsInOrder(data: Interactions): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let u = 0; u < data.nUsers; u++) {
    for (let p = data.userPtr[u]!; p < data.userPtr[u + 1]!; p++) {
      out.push([u, data.userItems[p]!, data.userRatings[p]!]);
    }
  }
  return out;
}

describe('BaselineOnly', () => {
  const { data } = small(3);

  it('ALS biases equal the closed-form alternating updates', () => {
    const model = new BaselineOnly().fit(data);
    const all = ratingsInOrder(data);
    const mu = all.reduce((a, t) => a + t[2], 0) / all.length;
    const bu = new Array(data.nUsers).fill(0);
    const bi = new Array(data.nItems).fill(0);
    for (let epoch = 0; epoch < 10; epoch++) {
      for (let i = 0; i < data.nItems; i++) {
        const rs = all.filter((t) => t[1] === i);
        bi[i] = rs.reduce((a, [u, , r]) => a + r - mu - bu[u], 0) / (10 + rs.length);
      }
      for (let u = 0; u < data.nUsers; u++) {
        const rs = all.filter((t) => t[0] === u);
        bu[u] = rs.reduce((a, [, i, r]) => a + r - mu - bi[i], 0) / (15 + rs.length);
      }
    }
    for (let u = 0; u < data.nUsers; u++) {
      for (let i = 0; i < data.nItems; i++) {
        const want = Math.min(5, Math.max(1, mu + bu[u] + bi[i]));
        const id = data.items.ids[i]!;
        expect(Math.abs(model.predict(data.users.ids[u]!, id).estimate - want)).toBeLessThan(1e-12);
      }
    }
    const cold = model.predict('new', data.items.ids[2]!);
    expect(cold.estimate).toBeCloseTo(mu + bi[2], 12);
    expect(cold.details).toEqual({ wasImpossible: false, actualK: 0, reason: 'unknown user' });
  });
});

describe('SVD', () => {
  const { data } = small(5);

  it('equals a reference SGD with the same seeded initialisation', async () => {
    const f = 3;
    const epochs = 4;
    const model = await new SVD({ factors: f, epochs, seed: 11 }).fit(data);
    const rng = createRng(11);
    const pu = Array.from({ length: data.nUsers * f }, () => rng.normal(0, 0.1));
    const qi = Array.from({ length: data.nItems * f }, () => rng.normal(0, 0.1));
    const bu = new Array(data.nUsers).fill(0);
    const bi = new Array(data.nItems).fill(0);
    const mu = data.globalMean;
    for (let e = 0; e < epochs; e++) {
      for (const [u, i, r] of ratingsInOrder(data)) {
        let dot = 0;
        for (let k = 0; k < f; k++) dot += qi[i * f + k]! * pu[u * f + k]!;
        const err = r - (mu + bu[u] + bi[i] + dot);
        bu[u] += 0.005 * (err - 0.02 * bu[u]);
        bi[i] += 0.005 * (err - 0.02 * bi[i]);
        for (let k = 0; k < f; k++) {
          const a = pu[u * f + k]!;
          const b = qi[i * f + k]!;
          pu[u * f + k] = a + 0.005 * (err * b - 0.02 * a);
          qi[i * f + k] = b + 0.005 * (err * a - 0.02 * b);
        }
      }
    }
    for (let u = 0; u < data.nUsers; u++) {
      for (let i = 0; i < data.nItems; i++) {
        let dot = 0;
        for (let k = 0; k < f; k++) dot += qi[i * f + k]! * pu[u * f + k]!;
        const want = mu + bu[u] + bi[i] + dot;
        const got = model.predict(data.users.ids[u]!, data.items.ids[i]!, { clip: false });
        expect(Math.abs(got.estimate - want)).toBeLessThan(1e-12);
      }
    }
    expect(model.predict(0, 'new item').estimate).toBeCloseTo(mu + bu[0], 12);
  });

  it('is reproducible from its seed and reports epoch losses that fall', async () => {
    const losses: number[] = [];
    const a = await new SVD({ factors: 4, epochs: 30, seed: 2, learningRate: 0.02 }).fit(data, {
      onEpochEnd: (_e, logs) => {
        losses.push(logs.loss);
      },
    });
    const b = await new SVD({ factors: 4, epochs: 30, seed: 2, learningRate: 0.02 }).fit(data);
    expect(Array.from(a.userFactors)).toEqual(Array.from(b.userFactors));
    expect(losses.length).toBe(30);
    expect(losses[29]!).toBeLessThan(losses[0]! * 0.8);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(new SVD().fit(data, { signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('ImplicitALS', () => {
  const { data } = small(9);

  it('converged item factors solve the weighted normal equations (Hu, Koren, Volinsky)', async () => {
    const f = 3;
    const reg = 0.1;
    const alpha = 2;
    const model = await new ImplicitALS({
      factors: f,
      iterations: 3,
      reg,
      alpha,
      cgSteps: 12,
      seed: 1,
    }).fit(data);
    const X = model.userFactors;
    const Y = model.itemFactors;
    for (let i = 0; i < data.nItems; i++) {
      // A = sum_u c_ui x_u x_u^T + reg I, b = sum_u c_ui p_ui x_u over ALL users.
      const A = Array.from({ length: f }, (_, a) =>
        Array.from({ length: f }, (_, b) => (a === b ? reg : 0)),
      );
      const bvec = new Array(f).fill(0);
      for (let u = 0; u < data.nUsers; u++) {
        let r = 0;
        for (let p = data.userPtr[u]!; p < data.userPtr[u + 1]!; p++)
          if (data.userItems[p] === i) r = data.userRatings[p]!;
        const c = 1 + alpha * r;
        const pref = r > 0 ? 1 : 0;
        for (let a = 0; a < f; a++) {
          bvec[a] += c * pref * X[u * f + a]!;
          for (let b = 0; b < f; b++) A[a]![b]! += c * X[u * f + a]! * X[u * f + b]!;
        }
      }
      for (let a = 0; a < f; a++) {
        let lhs = 0;
        for (let b = 0; b < f; b++) lhs += A[a]![b]! * Y[i * f + b]!;
        expect(Math.abs(lhs - bvec[a])).toBeLessThan(1e-9);
      }
    }
  });

  it('scores unknown ids 0 (flagged) and never clips scores', async () => {
    const model = await new ImplicitALS({ factors: 4, iterations: 2 }).fit(data);
    expect(model.predict('nobody', 1)).toEqual({
      user: 'nobody',
      item: 1,
      estimate: 0,
      details: { wasImpossible: false, actualK: 0, reason: 'unknown user' },
    });
    const top = model.recommend(0, 3);
    const rated = new Set<number>();
    for (let p = data.userPtr[0]!; p < data.userPtr[1]!; p++)
      rated.add(data.items.ids[data.userItems[p]!] as number);
    for (const r of top.items) expect(rated.has(r.item as number)).toBe(false);
  });

  it('rejects bad options', () => {
    expect(() => new ImplicitALS({ factors: 0 })).toThrow(
      "Argument 'factors' passed to 'ImplicitALS' must be an integer >= 1, but got 0.",
    );
    expect(() => new SVD({ learningRate: -1 })).toThrow(
      "Argument 'learningRate' passed to 'SVD' must be a finite number in [0, Infinity], but got -1.",
    );
  });
});
