import { assertInteger, assertKnownOptions, assertNumberInRange, ValueError } from '@gankit/core';
import type { TabularModel } from '../env';

/** Options of the planning functions. */
export interface PlanningOptions {
  /** Discount factor in [0, 1]. Default 0.99. */
  gamma?: number;
  /** Stop when no value changes by more than this. Default 1e-10. */
  theta?: number;
  /** Give up after this many sweeps (or improvement rounds). Default 100000. */
  maxIterations?: number;
}

/** Checks a model's shape and the planning options, and fills in the defaults. */
export function planningSetup(
  where: string,
  model: TabularModel,
  options: PlanningOptions,
): Required<PlanningOptions> {
  assertKnownOptions(where, options, ['gamma', 'theta', 'maxIterations']);
  if (
    model === null ||
    typeof model !== 'object' ||
    !Array.isArray(model.P) ||
    model.P.length !== model.nStates
  ) {
    throw new ValueError(
      `Argument 'model' passed to '${where}' must have P with one entry per state (nStates = ${String(model?.nStates)}).`,
    );
  }
  return {
    gamma: assertNumberInRange(where, 'gamma', options.gamma ?? 0.99, 0, 1),
    theta: assertNumberInRange(where, 'theta', options.theta ?? 1e-10, 0),
    maxIterations: assertInteger(where, 'maxIterations', options.maxIterations ?? 100_000),
  };
}

/** Throws unless `policy` gives a valid action for every state of `model`. */
export function assertPolicy(where: string, model: TabularModel, policy: ArrayLike<number>): void {
  if (policy.length !== model.nStates) {
    throw new ValueError(
      `Argument 'policy' passed to '${where}' must have one action per state (${model.nStates}), but got ${policy.length}.`,
    );
  }
  for (let s = 0; s < policy.length; s++) {
    const a = policy[s] as number;
    if (!Number.isInteger(a) || a < 0 || a >= model.nActions) {
      throw new ValueError(
        `Argument 'policy' passed to '${where}' must hold actions in 0..${model.nActions - 1}, but state ${s} has ${a}.`,
      );
    }
  }
}
