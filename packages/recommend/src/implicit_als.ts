import { assertInteger, assertKnownOptions, assertNumberInRange, createRng } from '@gankit/core';
import { dotRows, similarByFactors, type TrainOptions } from './factors';
import type { Id, Interactions } from './interactions';
import { type ModelState, metaNumber, stateArray } from './model_state';
import { type PredictionDetails, type SimilarEntry, unknownReason } from './prediction';
import { Recommender } from './recommender';

/** Options of {@link ImplicitALS}. */
export interface ImplicitALSOptions {
  /** Latent factors. Default 64. */
  factors?: number;
  /** Alternating sweeps (users, then items). Default 15. */
  iterations?: number;
  /** L2 regularisation. Default 0.01. */
  reg?: number;
  /** Confidence slope: `c_ui = 1 + alpha * r_ui`. Default 1. */
  alpha?: number;
  /** Conjugate-gradient steps per factor solve, warm-started. Default 3. */
  cgSteps?: number;
  /** Seed of the initialisation. Default 0. */
  seed?: number;
}

const KNOWN = ['factors', 'iterations', 'reg', 'alpha', 'cgSteps', 'seed'];

/** One side of the data: rows of `ptr`/`idx`/`values`, solved against `other` factors. */
interface Side {
  ptr: Int32Array;
  idx: Int32Array;
  values: Float64Array;
}

/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren and
 * Volinsky 2008). Every (user, item) cell is a preference `p = 1` if `r > 0` else 0 with
 * confidence `c = 1 + alpha * r`; unobserved cells have `p = 0`, `c = 1`. Each half-step
 * minimises `sum c (p - x.y)^2 + reg |x|^2` for one side with a few conjugate-gradient
 * steps (as the `implicit` library does) using the precomputed `Y^T Y`.
 *
 * `predict` returns the preference score `x_u . y_i` (not clipped to the rating scale);
 * unknown users or items score 0, flagged.
 */
export class ImplicitALS extends Recommender {
  readonly kind = 'ImplicitALS';
  private readonly options: Required<ImplicitALSOptions>;
  private xu = new Float64Array(0);
  private yi = new Float64Array(0);

  constructor(options?: ImplicitALSOptions) {
    super();
    assertKnownOptions('ImplicitALS', options, KNOWN);
    const o = options ?? {};
    this.options = {
      factors: assertInteger('ImplicitALS', 'factors', o.factors ?? 64, 1),
      iterations: assertInteger('ImplicitALS', 'iterations', o.iterations ?? 15, 1),
      reg: assertNumberInRange('ImplicitALS', 'reg', o.reg ?? 0.01, 0),
      alpha: assertNumberInRange('ImplicitALS', 'alpha', o.alpha ?? 1, 0),
      cgSteps: assertInteger('ImplicitALS', 'cgSteps', o.cgSteps ?? 3, 1),
      seed: assertNumberInRange('ImplicitALS', 'seed', o.seed ?? 0),
    };
  }

  /** Trains on `data` (ratings are interaction strengths). Resolves to this. */
  async fit(data: Interactions, train: TrainOptions = {}): Promise<this> {
    this.checkData(data);
    const f = this.options.factors;
    const rng = createRng(this.options.seed);
    const xu = new Float64Array(data.nUsers * f).map(() => rng.normal(0, 0.01));
    const yi = new Float64Array(data.nItems * f).map(() => rng.normal(0, 0.01));
    const users: Side = { ptr: data.userPtr, idx: data.userItems, values: data.userRatings };
    const items: Side = { ptr: data.itemPtr, idx: data.itemUsers, values: data.itemRatings };
    train.onTrainBegin?.();
    for (let it = 0; it < this.options.iterations; it++) {
      train.signal?.throwIfAborted();
      this.solveSide(users, xu, yi);
      this.solveSide(items, yi, xu);
      await train.onEpochEnd?.(it, { loss: this.loss(users, xu, yi) });
    }
    train.onTrainEnd?.();
    this.setData(data);
    this.xu = xu;
    this.yi = yi;
    return this;
  }

  /** Updates every row of `target` given the fixed `other` factors. */
  private solveSide(side: Side, target: Float64Array, other: Float64Array): void {
    const { factors: f, reg, alpha, cgSteps } = this.options;
    const gram = gramPlusReg(other, f, reg);
    const r = new Float64Array(f);
    const dir = new Float64Array(f);
    const ap = new Float64Array(f);
    const nRows = side.ptr.length - 1;
    for (let row = 0; row < nRows; row++) {
      const start = side.ptr[row] as number;
      const end = side.ptr[row + 1] as number;
      const o = row * f;
      // r = b - A x, with A = G + sum (c-1) y y^T and b = sum c p y.
      multiplyGram(gram, target, o, f, r);
      for (let k = 0; k < f; k++) r[k] = -(r[k] as number);
      for (let p = start; p < end; p++) {
        const j = side.idx[p] as number;
        const value = side.values[p] as number;
        const c = 1 + alpha * value;
        const pref = value > 0 ? 1 : 0;
        const coef = c * pref - (c - 1) * dotRows(other, j, target, row, f);
        for (let k = 0; k < f; k++) r[k] = (r[k] as number) + coef * (other[j * f + k] as number);
      }
      dir.set(r);
      let rsOld = dot(r, r, f);
      for (let step = 0; step < cgSteps && rsOld > 1e-20; step++) {
        multiplyGram(gram, dir, 0, f, ap);
        for (let p = start; p < end; p++) {
          const j = side.idx[p] as number;
          const coef = alpha * (side.values[p] as number) * dotRows(other, j, dir, 0, f);
          for (let k = 0; k < f; k++)
            ap[k] = (ap[k] as number) + coef * (other[j * f + k] as number);
        }
        const stepSize = rsOld / dot(dir, ap, f);
        for (let k = 0; k < f; k++) {
          target[o + k] = (target[o + k] as number) + stepSize * (dir[k] as number);
          r[k] = (r[k] as number) - stepSize * (ap[k] as number);
        }
        const rsNew = dot(r, r, f);
        for (let k = 0; k < f; k++)
          dir[k] = (r[k] as number) + (rsNew / rsOld) * (dir[k] as number);
        rsOld = rsNew;
      }
    }
  }

  /** Mean weighted squared error over observed cells (unobserved cells are not summed). */
  private loss(side: Side, x: Float64Array, y: Float64Array): number {
    const { factors: f, alpha } = this.options;
    let sum = 0;
    for (let row = 0; row < side.ptr.length - 1; row++) {
      for (let p = side.ptr[row] as number; p < (side.ptr[row + 1] as number); p++) {
        const v = side.values[p] as number;
        const e = (v > 0 ? 1 : 0) - dotRows(x, row, y, side.idx[p] as number, f);
        sum += (1 + alpha * v) * e * e;
      }
    }
    return sum / Math.max(1, side.idx.length);
  }

  /** User factors, row-major `[nUsers, factors]`. */
  get userFactors(): Float64Array {
    this.fitted('ImplicitALS.userFactors');
    return this.xu;
  }

  /** Item factors, row-major `[nItems, factors]`. */
  get itemFactors(): Float64Array {
    this.fitted('ImplicitALS.itemFactors');
    return this.yi;
  }

  protected estimateIndex(u: number, i: number, d: PredictionDetails): number {
    d.wasImpossible = false;
    d.actualK = 0;
    d.reason = unknownReason(u, i);
    if (u < 0 || i < 0) return 0;
    return dotRows(this.xu, u, this.yi, i, this.options.factors);
  }

  /** Scores are preferences, not ratings: never clipped. */
  protected override clip(estimate: number): number {
    return estimate;
  }

  /** The `n` items whose factors are most cosine-similar to those of `item`. */
  similarItems(item: Id, n = 10): SimilarEntry[] {
    const data = this.fitted('ImplicitALS.similarItems');
    const where = 'ImplicitALS.similarItems';
    return similarByFactors(where, this.yi, this.options.factors, data.items, item, n);
  }

  protected saveState(state: ModelState): void {
    state.options = { ...this.options };
    state.meta.factors = this.options.factors;
    state.arrays.userFactors = this.xu;
    state.arrays.itemFactors = this.yi;
  }

  /** Restores a saved state onto a model constructed with the saved options. */
  restoreState(state: ModelState, data: Interactions, where: string): this {
    const f = metaNumber(state, 'factors', where);
    this.setData(data);
    this.xu = stateArray(state, 'userFactors', Float64Array, data.nUsers * f, where);
    this.yi = stateArray(state, 'itemFactors', Float64Array, data.nItems * f, where);
    return this;
  }
}

function dot(a: Float64Array, b: Float64Array, f: number): number {
  let s = 0;
  for (let k = 0; k < f; k++) s += (a[k] as number) * (b[k] as number);
  return s;
}

/** `Y^T Y + reg I` as a dense row-major `f x f` matrix. */
function gramPlusReg(y: Float64Array, f: number, reg: number): Float64Array {
  const g = new Float64Array(f * f);
  const n = y.length / f;
  for (let r = 0; r < n; r++) {
    const o = r * f;
    for (let a = 0; a < f; a++) {
      const ya = y[o + a] as number;
      if (ya === 0) continue;
      for (let b = a; b < f; b++)
        g[a * f + b] = (g[a * f + b] as number) + ya * (y[o + b] as number);
    }
  }
  for (let a = 0; a < f; a++) {
    g[a * f + a] = (g[a * f + a] as number) + reg;
    for (let b = 0; b < a; b++) g[a * f + b] = g[b * f + a] as number;
  }
  return g;
}

/** out = G v, where v is `f` values of `vector` starting at `offset`. */
function multiplyGram(
  g: Float64Array,
  vector: Float64Array,
  offset: number,
  f: number,
  out: Float64Array,
): void {
  for (let a = 0; a < f; a++) {
    let s = 0;
    for (let b = 0; b < f; b++) s += (g[a * f + b] as number) * (vector[offset + b] as number);
    out[a] = s;
  }
}
