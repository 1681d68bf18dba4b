import type { TabularModel } from '../env';
import { actionValues, greedyPolicy } from './bellman';
import { type PlanningOptions, planningSetup } from './model_checks';

/** What a planning algorithm returns. */
export interface PlanningResult {
  /** The state values `V[s]`. */
  values: Float64Array;
  /** The action values, row-major `[nStates, nActions]`. */
  qValues: Float64Array;
  /** The greedy policy: one action per state. */
  policy: Int32Array;
  /** Sweeps (value iteration) or improvement rounds (policy iteration) used. */
  iterations: number;
  /** Whether the stopping rule was met before `maxIterations`. */
  converged: boolean;
}

/**
 * Value iteration for a known model: repeats the Bellman optimality update
 * `V(s) <- max_a sum p (r + gamma V(s'))` (in place, Gauss-Seidel) until no value moves
 * by more than `theta`, then returns the greedy policy.
 *
 * ```ts
 * const { policy, values } = valueIteration(new FrozenLake(), { gamma: 0.99 });
 * ```
 */
export function valueIteration(model: TabularModel, options: PlanningOptions = {}): PlanningResult {
  const { gamma, theta, maxIterations } = planningSetup('valueIteration', model, options);
  const { nStates, nActions } = model;
  const values = new Float64Array(nStates);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations += 1;
    const delta = bellmanSweep(model, values, gamma);
    converged = delta <= theta;
  }
  const qValues = actionValues(model, values, gamma);
  return {
    values,
    qValues,
    policy: greedyPolicy(qValues, nStates, nActions),
    iterations,
    converged,
  };
}

function bellmanSweep(model: TabularModel, values: Float64Array, gamma: number): number {
  let delta = 0;
  for (let s = 0; s < model.nStates; s++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let a = 0; a < model.nActions; a++) {
      let q = 0;
      for (const [p, next, reward, done] of model.P[s]![a]!) {
        q += p * (reward + (done ? 0 : gamma * (values[next] as number)));
      }
      if (q > best) best = q;
    }
    delta = Math.max(delta, Math.abs(best - (values[s] as number)));
    values[s] = best;
  }
  return delta;
}
