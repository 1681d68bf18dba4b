import { assertInteger, assertKnownOptions, assertNumberInRange, createRng } from '@gankit/core';
import { dotRows, similarByFactors, type TrainOptions } from './factors';
import type { Id, Interactions } from './interactions';
import { type ModelState, metaNumber, stateArray } from './model_state';
import { type PredictionDetails, type SimilarEntry, unknownReason } from './prediction';
import { Recommender } from './recommender';

/** Options of {@link SVD}; defaults are Surprise's. */
export interface SVDOptions {
  /** Latent factors. Default 100. */
  factors?: number;
  /** SGD sweeps over the ratings. Default 20. */
  epochs?: number;
  /** Learn user and item biases. Default true. */
  biased?: boolean;
  /** Mean and deviation of the normal initialisation of factors. Defaults 0 and 0.1. */
  initMean?: number;
  initStd?: number;
  /** Learning rate of every parameter. Default 0.005. */
  learningRate?: number;
  /** L2 regularisation of every parameter. Default 0.02. */
  reg?: number;
  /** Seed of the initialisation. Default 0. */
  seed?: number;
}

const KNOWN = ['factors', 'epochs', 'biased', 'initMean', 'initStd', 'learningRate', 'reg', 'seed'];

/**
 * Biased matrix factorisation by SGD (Surprise's SVD, Funk's method):
 * `r_ui = mu + b_u + b_i + q_i . p_u`. Ratings are visited user by user, items ascending,
 * with no shuffling, as in Surprise. An unknown user or item has zero bias and factors.
 */
export class SVD extends Recommender {
  readonly kind = 'SVD';
  private readonly options: Required<SVDOptions>;
  private userBias = new Float64Array(0);
  private itemBias = new Float64Array(0);
  private pu = new Float64Array(0);
  private qi = new Float64Array(0);

  constructor(options?: SVDOptions) {
    super();
    assertKnownOptions('SVD', options, KNOWN);
    const o = options ?? {};
    this.options = {
      factors: assertInteger('SVD', 'factors', o.factors ?? 100, 1),
      epochs: assertInteger('SVD', 'epochs', o.epochs ?? 20, 1),
      biased: o.biased ?? true,
      initMean: assertNumberInRange('SVD', 'initMean', o.initMean ?? 0),
      initStd: assertNumberInRange('SVD', 'initStd', o.initStd ?? 0.1, 0),
      learningRate: assertNumberInRange('SVD', 'learningRate', o.learningRate ?? 0.005, 0),
      reg: assertNumberInRange('SVD', 'reg', o.reg ?? 0.02, 0),
      seed: assertNumberInRange('SVD', 'seed', o.seed ?? 0),
    };
  }

  /** Trains on `data`. Resolves to this. */
  async fit(data: Interactions, train: TrainOptions = {}): Promise<this> {
    this.checkData(data);
    const { factors: f, epochs, biased, initMean, initStd, learningRate: lr, reg } = this.options;
    const rng = createRng(this.options.seed);
    const pu = new Float64Array(data.nUsers * f).map(() => rng.normal(initMean, initStd));
    const qi = new Float64Array(data.nItems * f).map(() => rng.normal(initMean, initStd));
    const bu = new Float64Array(data.nUsers);
    const bi = new Float64Array(data.nItems);
    const mu = biased ? data.globalMean : 0;
    train.onTrainBegin?.();
    for (let epoch = 0; epoch < epochs; epoch++) {
      train.signal?.throwIfAborted();
      let loss = 0;
      for (let u = 0; u < data.nUsers; u++) {
        for (let p = data.userPtr[u] as number; p < (data.userPtr[u + 1] as number); p++) {
          const i = data.userItems[p] as number;
          const err =
            (data.userRatings[p] as number) -
            (mu + (bu[u] as number) + (bi[i] as number) + dotRows(qi, i, pu, u, f));
          loss += err * err;
          if (biased) {
            bu[u] = (bu[u] as number) + lr * (err - reg * (bu[u] as number));
            bi[i] = (bi[i] as number) + lr * (err - reg * (bi[i] as number));
          }
          const ou = u * f;
          const oi = i * f;
          for (let k = 0; k < f; k++) {
            const puf = pu[ou + k] as number;
            const qif = qi[oi + k] as number;
            pu[ou + k] = puf + lr * (err * qif - reg * puf);
            qi[oi + k] = qif + lr * (err * puf - reg * qif);
          }
        }
      }
      await train.onEpochEnd?.(epoch, { loss: loss / data.nRatings });
    }
    train.onTrainEnd?.();
    this.setData(data);
    this.userBias = bu;
    this.itemBias = bi;
    this.pu = pu;
    this.qi = qi;
    return this;
  }

  /** User factors, row-major `[nUsers, factors]`. */
  get userFactors(): Float64Array {
    this.fitted('SVD.userFactors');
    return this.pu;
  }

  /** Item factors, row-major `[nItems, factors]`. */
  get itemFactors(): Float64Array {
    this.fitted('SVD.itemFactors');
    return this.qi;
  }

  protected estimateIndex(u: number, i: number, d: PredictionDetails): number {
    d.wasImpossible = false;
    d.actualK = 0;
    d.reason = unknownReason(u, i);
    const { biased, factors } = this.options;
    const data = this.data as Interactions;
    if (!biased && (u < 0 || i < 0)) {
      d.wasImpossible = true;
      return data.globalMean;
    }
    let est = biased ? data.globalMean : 0;
    if (biased && u >= 0) est += this.userBias[u] as number;
    if (biased && i >= 0) est += this.itemBias[i] as number;
    if (u >= 0 && i >= 0) est += dotRows(this.qi, i, this.pu, u, factors);
    return est;
  }

  /** The `n` items whose factors are most cosine-similar to those of `item`. */
  similarItems(item: Id, n = 10): SimilarEntry[] {
    const data = this.fitted('SVD.similarItems');
    return similarByFactors('SVD.similarItems', this.qi, this.options.factors, data.items, item, n);
  }

  protected saveState(state: ModelState): void {
    state.options = { ...this.options };
    state.meta.factors = this.options.factors;
    state.arrays.userBias = this.userBias;
    state.arrays.itemBias = this.itemBias;
    state.arrays.userFactors = this.pu;
    state.arrays.itemFactors = this.qi;
  }

  /** Restores a saved state onto a model constructed with the saved options. */
  restoreState(state: ModelState, data: Interactions, where: string): this {
    const f = metaNumber(state, 'factors', where);
    this.setData(data);
    this.userBias = stateArray(state, 'userBias', Float64Array, data.nUsers, where);
    this.itemBias = stateArray(state, 'itemBias', Float64Array, data.nItems, where);
    this.pu = stateArray(state, 'userFactors', Float64Array, data.nUsers * f, where);
    this.qi = stateArray(state, 'itemFactors', Float64Array, data.nItems * f, where);
    return this;
  }
}
