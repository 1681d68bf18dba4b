import { assertKnownOptions } from '@gankit/core';
import {
  type BaselineOptions,
  type Baselines,
  computeBaselines,
  resolveBaselineOptions,
} from './baselines';
import type { Interactions } from './interactions';
import { type ModelState, stateArray } from './model_state';
import { type PredictionDetails, unknownReason } from './prediction';
import { Recommender } from './recommender';

/** Options of {@link BaselineOnly}. */
export interface BaselineOnlyOptions {
  /** How the biases are estimated; Surprise's defaults (ALS, 10 epochs). */
  baselines?: BaselineOptions;
}

/**
 * Predicts the baseline `mu + b_u + b_i` (Surprise's BaselineOnly). An unknown user or
 * item has bias 0, flagged in `details.reason`.
 */
export class BaselineOnly extends Recommender {
  readonly kind = 'BaselineOnly';
  private readonly baselineOptions: Required<BaselineOptions>;
  private biases: Baselines | null = null;

  constructor(options?: BaselineOnlyOptions) {
    super();
    assertKnownOptions('BaselineOnly', options, ['baselines']);
    this.baselineOptions = resolveBaselineOptions('BaselineOnly', options?.baselines);
  }

  /** Estimates the biases on `data`. Returns this. */
  fit(data: Interactions): this {
    this.checkData(data);
    this.setData(data);
    this.biases = computeBaselines(data, this.baselineOptions);
    return this;
  }

  /** The fitted user and item biases. */
  get baselines(): Baselines {
    this.fitted('BaselineOnly.baselines');
    return this.biases as Baselines;
  }

  protected estimateIndex(u: number, i: number, d: PredictionDetails): number {
    const b = this.biases as Baselines;
    d.wasImpossible = false;
    d.actualK = 0;
    d.reason = unknownReason(u, i);
    return (
      (this.data as Interactions).globalMean +
      (u >= 0 ? (b.userBias[u] as number) : 0) +
      (i >= 0 ? (b.itemBias[i] as number) : 0)
    );
  }

  protected saveState(state: ModelState): void {
    state.options = { baselines: { ...this.baselineOptions } };
    const b = this.biases as Baselines;
    state.arrays.userBias = b.userBias;
    state.arrays.itemBias = b.itemBias;
  }

  /** Restores a saved state onto a model constructed with the saved options. */
  restoreState(state: ModelState, data: Interactions, where: string): this {
    this.setData(data);
    this.biases = {
      userBias: stateArray(state, 'userBias', Float64Array, data.nUsers, where),
      itemBias: stateArray(state, 'itemBias', Float64Array, data.nItems, where),
    };
    return this;
  }
}
