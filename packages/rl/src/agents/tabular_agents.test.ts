import { NotFittedError, ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import type { DiscreteEnv } from '../env';
import { CartPole } from '../envs/cart_pole';
import { FrozenLake } from '../envs/frozen_lake';
import { GridWorld } from '../envs/grid_world';
import { evaluatePolicy } from '../evaluate';
import { successProbability } from '../planning/success_probability';
import { exponentialDecay, linearDecay } from '../schedules';
import { QLearning } from './q_learning';
import { Sarsa } from './sarsa';

describe('QLearning', () => {
  it('reaches at least 0.70 success on slippery FrozenLake 4x4', async () => {
    const env = new FrozenLake();
    const agent = await new QLearning({
      episodes: 20_000,
      alpha: 0.1,
      gamma: 0.99,
      epsilon: linearDecay({ start: 1, end: 0.01, steps: 10_000 }),
      seed: 0,
    }).fit(env);
    const policy = agent.policy();
    expect(successProbability(env, policy, { horizon: 100 })[0]).toBeGreaterThanOrEqual(0.7);
    const simulated = evaluatePolicy(env, (s) => agent.predict(s), { episodes: 1000, seed: 9 });
    expect(simulated.successRate).toBeGreaterThanOrEqual(0.7);
  });

  it('learns the shortest path in a deterministic grid, with the right action values', async () => {
    // 1x4 corridor, start at the left, goal at the right, each step costs 1, goal pays 10.
    const env = new GridWorld({
      rows: 1,
      cols: 4,
      start: [0, 0],
      walls: [],
      goals: [[0, 3]],
      pits: [],
      goalReward: 10,
      stepCost: 1,
      slip: 0,
    });
    const agent = await new QLearning({ episodes: 500, alpha: 0.5, gamma: 1, epsilon: 0.3 }).fit(
      env,
    );
    expect(Array.from(agent.policy().subarray(0, 3))).toEqual([2, 2, 2]);
    // Q(s, right) = 9 - (steps before the goal): 7, 8, 9.
    const q = agent.qTable;
    expect(q[0 * 4 + 2]).toBeCloseTo(7, 3);
    expect(q[1 * 4 + 2]).toBeCloseTo(8, 3);
    expect(q[2 * 4 + 2]).toBeCloseTo(9, 3);
  });

  it('gives the same table for the same seed and a different one for another seed', async () => {
    const fit = (seed: number) =>
      new QLearning({ episodes: 300, seed }).fit(new FrozenLake({ seed: 100 + seed }));
    const a = (await fit(1)).qTable;
    const b = (await fit(1)).qTable;
    const c = (await fit(2)).qTable;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('reports each episode and stops when aborted', async () => {
    const logs: number[] = [];
    const controller = new AbortController();
    const agent = new QLearning({
      episodes: 1000,
      epsilon: exponentialDecay({ start: 1, end: 0.1, rate: 0.5 }),
    });
    const epsilons: number[] = [];
    await agent.fit(new FrozenLake(), {
      signal: controller.signal,
      callbacks: {
        onEpisodeEnd: (episode, l) => {
          logs.push(episode);
          epsilons.push(l.epsilon!);
          expect(l.length).toBeGreaterThan(0);
          if (episode === 9) controller.abort();
        },
      },
    });
    expect(logs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(agent.episodesTrained).toBe(10);
    expect(epsilons[0]).toBe(1);
    expect(epsilons[1]).toBeCloseTo(0.55, 12);
    expect(epsilons[2]).toBeCloseTo(0.325, 12);
  });

  it('validates its arguments', async () => {
    expect(() => new QLearning({ alpha: 0 })).toThrow(
      "Argument 'alpha' passed to 'QLearning' must be a finite number in [5e-324, 1], but got 0.",
    );
    expect(() => new QLearning({ epsilon: 2 })).toThrow(
      "Argument 'epsilon' passed to 'QLearning' must be a finite number in [0, 1], but got 2.",
    );
    expect(() => new QLearning({ lr: 0.1 } as never)).toThrow(
      "Unknown option 'lr' passed to 'QLearning'",
    );
    expect(() => new QLearning().predict(0)).toThrow(NotFittedError);
    await expect(new QLearning().fit(new CartPole() as unknown as DiscreteEnv)).rejects.toThrow(
      "Argument 'env' passed to 'QLearning.fit' must be an environment with discrete observations and actions",
    );
    const agent = await new QLearning({ episodes: 1 }).fit(new FrozenLake());
    expect(() => agent.predict(16)).toThrow(ValueError);
  });
});

describe('Sarsa', () => {
  it('learns the safe path in the 4x3 world', async () => {
    const env = new GridWorld({ slip: 0.2, seed: 4 });
    const agent = await new Sarsa({ episodes: 10_000, alpha: 0.1, gamma: 1, seed: 2 }).fit(env);
    const policy = agent.policy();
    // From the start go up the left column, then right along the top.
    expect([policy[8], policy[4], policy[0], policy[1], policy[2]]).toEqual([3, 3, 2, 2, 2]);
    const evaluation = evaluatePolicy(env, (s) => agent.predict(s), { episodes: 500, seed: 1 });
    expect(evaluation.successRate).toBeGreaterThan(0.9);
  });

  it('is deterministic under a seed', async () => {
    const fit = () => new Sarsa({ episodes: 200, seed: 5 }).fit(new FrozenLake());
    expect((await fit()).qTable).toEqual((await fit()).qTable);
  });
});
