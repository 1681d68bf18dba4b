import { assertInteger, assertKnownOptions, ValueError } from '@gankit/core';
import type { TabularModel } from '../env';
import { assertPolicy } from './model_checks';

/** A model that also says which states count as success. */
export interface GoalModel extends TabularModel {
  isGoal(state: number): boolean;
}

/** Options of {@link successProbability}. */
export interface SuccessProbabilityOptions {
  /** Count only episodes that reach a goal within this many steps (the time limit). Default: no limit. */
  horizon?: number;
}

/**
 * The exact probability, for each start state, that following `policy` ends the
 * episode in a goal state, computed from the model (no sampling). With `horizon` it is
 * the probability of doing so within that many steps, which is what a time-limited
 * simulation measures.
 */
export function successProbability(
  model: GoalModel,
  policy: ArrayLike<number>,
  options: SuccessProbabilityOptions = {},
): Float64Array {
  const where = 'successProbability';
  assertKnownOptions(where, options, ['horizon']);
  assertPolicy(where, model, policy);
  if (typeof model.isGoal !== 'function') {
    throw new ValueError(
      `Argument 'model' passed to '${where}' must have an isGoal(state) method.`,
    );
  }
  const horizon =
    options.horizon === undefined ? undefined : assertInteger(where, 'horizon', options.horizon);
  let p: Float64Array = new Float64Array(model.nStates);
  const limit = horizon ?? 1_000_000;
  for (let step = 0; step < limit; step++) {
    const next = successStep(model, policy, p);
    const delta = next.reduce((m, v, s) => Math.max(m, Math.abs(v - (p[s] as number))), 0);
    p = next;
    if (horizon === undefined && delta < 1e-13) break;
  }
  return p;
}

/** One backward step: success within k + 1 steps from the success-within-k table. */
function successStep(
  model: GoalModel,
  policy: ArrayLike<number>,
  within: Float64Array,
): Float64Array {
  const next = new Float64Array(model.nStates);
  for (let s = 0; s < model.nStates; s++) {
    let total = 0;
    for (const [prob, to, , done] of model.P[s]![policy[s] as number]!) {
      if (done) total += model.isGoal(to) && !model.isGoal(s) ? prob : 0;
      else total += prob * (within[to] as number);
    }
    next[s] = total;
  }
  return next;
}
