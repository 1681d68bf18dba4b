import type { TabularModel } from '../env';
import { actionValue, actionValues } from './bellman';
import { assertPolicy, type PlanningOptions, planningSetup } from './model_checks';
import type { PlanningResult } from './value_iteration';

/**
 * The value of following `policy` in `model`: iterates `V(s) <- sum p (r + gamma V(s'))`
 * under the policy's action until no value moves by more than `theta`.
 */
export function policyEvaluation(
  model: TabularModel,
  policy: ArrayLike<number>,
  options: PlanningOptions = {},
): Float64Array {
  const settings = planningSetup('policyEvaluation', model, options);
  assertPolicy('policyEvaluation', model, policy);
  return evaluateInPlace(model, policy, new Float64Array(model.nStates), settings);
}

function evaluateInPlace(
  model: TabularModel,
  policy: ArrayLike<number>,
  values: Float64Array,
  { gamma, theta, maxIterations }: Required<PlanningOptions>,
): Float64Array {
  for (let sweep = 0; sweep < maxIterations; sweep++) {
    let delta = 0;
    for (let s = 0; s < model.nStates; s++) {
      const v = actionValue(model, values, gamma, s, policy[s] as number);
      delta = Math.max(delta, Math.abs(v - (values[s] as number)));
      values[s] = v;
    }
    if (delta <= theta) break;
  }
  return values;
}

/**
 * Policy iteration for a known model: evaluate the current policy, make it greedy with
 * respect to those values, repeat until the policy no longer changes. An action is only
 * replaced by a strictly better one (by more than 1e-12), so equal actions never make it
 * cycle. Starts from "always action 0".
 */
export function policyIteration(
  model: TabularModel,
  options: PlanningOptions = {},
): PlanningResult {
  const settings = planningSetup('policyIteration', model, options);
  const { nStates } = model;
  const policy = new Int32Array(nStates);
  const values = new Float64Array(nStates);
  let iterations = 0;
  let stable = false;
  while (!stable && iterations < settings.maxIterations) {
    iterations += 1;
    evaluateInPlace(model, policy, values, settings);
    stable = improvePolicy(model, policy, values, settings.gamma);
  }
  const qValues = actionValues(model, values, settings.gamma);
  return { values, qValues, policy, iterations, converged: stable };
}

function improvePolicy(
  model: TabularModel,
  policy: Int32Array,
  values: Float64Array,
  gamma: number,
): boolean {
  let stable = true;
  for (let s = 0; s < model.nStates; s++) {
    let best = policy[s] as number;
    let bestValue = actionValue(model, values, gamma, s, best);
    for (let a = 0; a < model.nActions; a++) {
      const q = actionValue(model, values, gamma, s, a);
      if (q > bestValue + 1e-12) {
        best = a;
        bestValue = q;
      }
    }
    if (best !== policy[s]) stable = false;
    policy[s] = best;
  }
  return stable;
}
