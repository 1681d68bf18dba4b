import { ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import type { TabularModel } from '../env';
import { FrozenLake } from '../envs/frozen_lake';
import { evaluatePolicy } from '../evaluate';
import { policyEvaluation, policyIteration } from './policy_iteration';
import { successProbability } from './success_probability';
import { valueIteration } from './value_iteration';

/**
 * Two states: in 0, action 0 stays (reward 1), action 1 moves to the terminal 1 with reward 5.
 * With gamma g, staying forever is worth 1 / (1 - g), leaving is worth 5.
 */
const chain: TabularModel = {
  nStates: 2,
  nActions: 2,
  P: [
    [[[1, 0, 1, false]], [[1, 1, 5, true]]],
    [[[1, 1, 0, true]], [[1, 1, 0, true]]],
  ],
};

describe('valueIteration and policyIteration', () => {
  it('solve a two-state chain as computed by hand', () => {
    // gamma 0.9: staying is worth 10 > 5; gamma 0.5: staying is worth 2 < 5.
    for (const solve of [valueIteration, policyIteration]) {
      const patient = solve(chain, { gamma: 0.9, theta: 1e-12 });
      expect(patient.policy[0]).toBe(0);
      expect(patient.values[0]).toBeCloseTo(10, 8);
      expect(patient.qValues[1]).toBeCloseTo(5, 12);
      const hasty = solve(chain, { gamma: 0.5, theta: 1e-12 });
      expect(hasty.policy[0]).toBe(1);
      expect(hasty.values[0]).toBeCloseTo(5, 10);
      expect(hasty.converged).toBe(true);
    }
  });

  it('agree on slippery FrozenLake 4x4 and reach the known optimum success rate', () => {
    const env = new FrozenLake({ seed: 3 });
    const vi = valueIteration(env, { gamma: 0.99 });
    const pi = policyIteration(env, { gamma: 0.99 });
    expect(Array.from(pi.policy)).toEqual(Array.from(vi.policy));
    for (let s = 0; s < 16; s++) expect(pi.values[s]).toBeCloseTo(vi.values[s]!, 6);
    // Left in the start state, never toward a hole: the well-known optimal policy.
    expect(Array.from(vi.policy)).toEqual([0, 3, 3, 3, 0, 0, 0, 0, 3, 1, 0, 0, 0, 2, 1, 0]);
    const within100 = successProbability(env, vi.policy, { horizon: 100 })[0]!;
    expect(within100).toBeCloseTo(0.7402, 4);
    // Without a time limit the same policy succeeds 14 times in 17.
    expect(successProbability(env, vi.policy)[0]).toBeCloseTo(14 / 17, 8);
    // The simulator agrees with the model.
    const simulated = evaluatePolicy(env, (s) => vi.policy[s]!, { episodes: 2000, seed: 1 });
    expect(Math.abs(simulated.successRate - within100)).toBeLessThan(0.04);
  });

  it('policyEvaluation gives the chain values of a fixed policy', () => {
    const values = policyEvaluation(chain, [0, 0], { gamma: 0.8, theta: 1e-13 });
    expect(values[0]).toBeCloseTo(5, 10);
    expect(values[1]).toBe(0);
  });

  it('validate their arguments', () => {
    expect(() => valueIteration(chain, { gamma: 1.5 })).toThrow(
      "Argument 'gamma' passed to 'valueIteration' must be a finite number in [0, 1], but got 1.5.",
    );
    expect(() => policyIteration(chain, { discount: 0.9 } as never)).toThrow(
      "Unknown option 'discount' passed to 'policyIteration'",
    );
    expect(() => policyEvaluation(chain, [0, 2])).toThrow(
      "Argument 'policy' passed to 'policyEvaluation' must hold actions in 0..1, but state 1 has 2.",
    );
    expect(() => valueIteration({ nStates: 3, nActions: 2, P: chain.P })).toThrow(ValueError);
    const env = new FrozenLake();
    expect(() => successProbability(env, new Int32Array(15))).toThrow(
      "Argument 'policy' passed to 'successProbability' must have one action per state (16), but got 15.",
    );
  });

  it('report non-convergence honestly', () => {
    const result = valueIteration(new FrozenLake(), { gamma: 0.99, maxIterations: 3 });
    expect(result.iterations).toBe(3);
    expect(result.converged).toBe(false);
  });
});
