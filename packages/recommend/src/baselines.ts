import { assertInteger, assertKnownOptions, assertNumberInRange, assertOneOf } from '@gankit/core';
import type { Interactions } from './interactions';

/**
 * How to estimate the baselines `b_ui = mu + b_u + b_i`, with Surprise's defaults:
 * ALS (10 epochs, `regUser` 15, `regItem` 10) or SGD (20 epochs, `reg` 0.02,
 * `learningRate` 0.005).
 */
export interface BaselineOptions {
  method?: 'als' | 'sgd';
  /** Sweeps over the data. Default 10 for ALS, 20 for SGD. */
  epochs?: number;
  /** ALS: regularisation of user biases. Default 15. */
  regUser?: number;
  /** ALS: regularisation of item biases. Default 10. */
  regItem?: number;
  /** SGD: regularisation of both biases. Default 0.02. */
  reg?: number;
  /** SGD: step size. Default 0.005. */
  learningRate?: number;
}

/** User and item biases around the global mean. */
export interface Baselines {
  readonly userBias: Float64Array;
  readonly itemBias: Float64Array;
}

const KNOWN = ['method', 'epochs', 'regUser', 'regItem', 'reg', 'learningRate'] as const;

/** Fills in Surprise's defaults and checks every field of `options`. */
export function resolveBaselineOptions(
  where: string,
  options: BaselineOptions | undefined,
): Required<BaselineOptions> {
  assertKnownOptions(where, options, KNOWN);
  const o = options ?? {};
  const method = assertOneOf(where, 'baselines.method', o.method ?? 'als', ['als', 'sgd']);
  return {
    method,
    epochs: assertInteger(where, 'baselines.epochs', o.epochs ?? (method === 'als' ? 10 : 20), 1),
    regUser: assertNumberInRange(where, 'baselines.regUser', o.regUser ?? 15, 0),
    regItem: assertNumberInRange(where, 'baselines.regItem', o.regItem ?? 10, 0),
    reg: assertNumberInRange(where, 'baselines.reg', o.reg ?? 0.02, 0),
    learningRate: assertNumberInRange(where, 'baselines.learningRate', o.learningRate ?? 0.005, 0),
  };
}

/**
 * Alternating least squares on the biases: each epoch sets every item bias, then every
 * user bias, to its regularised least-squares value given the other side.
 */
export function baselinesAls(data: Interactions, options: Required<BaselineOptions>): Baselines {
  const mu = data.globalMean;
  const userBias = new Float64Array(data.nUsers);
  const itemBias = new Float64Array(data.nItems);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = 0; i < data.nItems; i++) {
      const start = data.itemPtr[i] as number;
      const end = data.itemPtr[i + 1] as number;
      let dev = 0;
      for (let p = start; p < end; p++) {
        dev +=
          (data.itemRatings[p] as number) - mu - (userBias[data.itemUsers[p] as number] as number);
      }
      itemBias[i] = dev / (options.regItem + (end - start));
    }
    for (let u = 0; u < data.nUsers; u++) {
      const start = data.userPtr[u] as number;
      const end = data.userPtr[u + 1] as number;
      let dev = 0;
      for (let p = start; p < end; p++) {
        dev +=
          (data.userRatings[p] as number) - mu - (itemBias[data.userItems[p] as number] as number);
      }
      userBias[u] = dev / (options.regUser + (end - start));
    }
  }
  return { userBias, itemBias };
}

/** Stochastic gradient descent on the biases, visiting ratings user by user, items ascending. */
export function baselinesSgd(data: Interactions, options: Required<BaselineOptions>): Baselines {
  const mu = data.globalMean;
  const userBias = new Float64Array(data.nUsers);
  const itemBias = new Float64Array(data.nItems);
  const { reg, learningRate: lr } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let u = 0; u < data.nUsers; u++) {
      for (let p = data.userPtr[u] as number; p < (data.userPtr[u + 1] as number); p++) {
        const i = data.userItems[p] as number;
        const bu = userBias[u] as number;
        const bi = itemBias[i] as number;
        const err = (data.userRatings[p] as number) - (mu + bu + bi);
        userBias[u] = bu + lr * (err - reg * bu);
        itemBias[i] = bi + lr * (err - reg * bi);
      }
    }
  }
  return { userBias, itemBias };
}

/** Runs the method named in `options`. */
export function computeBaselines(
  data: Interactions,
  options: Required<BaselineOptions>,
): Baselines {
  return options.method === 'als' ? baselinesAls(data, options) : baselinesSgd(data, options);
}
