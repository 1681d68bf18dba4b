import { countTensors, initBackend, NotFittedError, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CartPole } from '../envs/cart_pole';
import { GridWorld } from '../envs/grid_world';
import { evaluatePolicy } from '../evaluate';
import { DQN } from './dqn';
import { Reinforce } from './reinforce';

beforeAll(async () => {
  await initBackend();
});

/** A 1x5 corridor starting in the middle: a pit on the left (-1), the goal on the right (+1). */
const corridor = () =>
  new GridWorld({
    rows: 1,
    cols: 5,
    start: [0, 2],
    walls: [],
    goals: [[0, 4]],
    pits: [[0, 0]],
    stepCost: 0.01,
    slip: 0,
    maxEpisodeSteps: 20,
  });

describe('Reinforce', () => {
  it('learns to walk to the goal with each baseline', async () => {
    for (const baseline of ['value', 'mean', 'none'] as const) {
      const agent = await new Reinforce({
        episodes: 60,
        learningRate: 0.05,
        baseline,
        seed: 1,
      }).fit(corridor());
      expect(agent.predict(2)).toBe(2);
      expect(agent.predict(3)).toBe(2);
      // Well above the uniform 1/4 it started near.
      expect(agent.actionProbabilities(2)[2]).toBeGreaterThan(0.4);
      const { successRate } = evaluatePolicy(corridor(), (s) => agent.predict(s), { episodes: 5 });
      expect(successRate).toBe(1);
      agent.dispose();
    }
  });

  it('improves on CartPole within 60 episodes, leaving no tensors behind', async () => {
    const before = countTensors();
    const returns: number[] = [];
    const agent = await new Reinforce({ episodes: 60, seed: 0 }).fit(new CartPole(), {
      callbacks: { onEpisodeEnd: (_, logs) => void returns.push(logs.return) },
    });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(returns.slice(40))).toBeGreaterThan(2 * mean(returns.slice(0, 20)));
    agent.dispose();
    expect(countTensors()).toBe(before);
  });

  it('is deterministic under a seed', async () => {
    const probs = async (seed: number) => {
      const agent = await new Reinforce({ episodes: 10, seed }).fit(corridor());
      const p = agent.actionProbabilities(2);
      agent.dispose();
      return Array.from(p);
    };
    const first = await probs(3);
    expect(await probs(3)).toEqual(first);
    expect(await probs(4)).not.toEqual(first);
  });

  it('validates its arguments', async () => {
    expect(() => new Reinforce({ baseline: 'median' as never })).toThrow(
      "Argument 'baseline' passed to 'Reinforce' must be one of 'value', 'mean', 'none', but got \"median\".",
    );
    expect(() => new Reinforce({ hiddenUnits: [0] })).toThrow(
      "Argument 'hiddenUnits' passed to 'Reinforce' must be an array of positive integers",
    );
    expect(() => new Reinforce().predict(0)).toThrow(NotFittedError);
    const agent = await new Reinforce({ episodes: 1 }).fit(new CartPole());
    expect(() => agent.predict([1, 2])).toThrow(
      "Argument 'observation' passed to 'Reinforce.predict' must be an observation of the environment the agent was fitted on (a vector of length 4).",
    );
    agent.dispose();
  });
});

describe('DQN', () => {
  it('learns to walk to the goal, with a synchronised target network', async () => {
    const before = countTensors();
    const agent = await new DQN({
      episodes: 120,
      hiddenUnits: [16],
      learningRate: 0.01,
      batchSize: 16,
      trainEvery: 1,
      learningStarts: 50,
      targetUpdateEvery: 25,
      epsilon: 0.2,
      seed: 2,
    }).fit(corridor());
    for (const s of [1, 2, 3]) expect(agent.predict(s)).toBe(2);
    const q = agent.actionValues(3);
    // Q(3, right) is the goal reward less the step cost, 0.99; Q(3, left) is worth less.
    expect(q[2]).toBeGreaterThan(0.7);
    expect(q[2]).toBeLessThan(1.2);
    expect(q[0]).toBeLessThan(q[2]!);
    const online = agent.qNetwork!.weights.map((w) => Array.from(w.variable.dataSync()));
    const target = agent.targetNetwork!.weights.map((w) => Array.from(w.variable.dataSync()));
    // The last sync happened at most targetUpdateEvery steps before the end; weights are the same shape.
    expect(target.map((t) => t.length)).toEqual(online.map((o) => o.length));
    agent.dispose();
    expect(countTensors()).toBe(before);
  });

  it('copies the online network into the target every targetUpdateEvery steps', async () => {
    let synced = false;
    const agent = new DQN({
      episodes: 8,
      learningStarts: 1,
      batchSize: 4,
      targetUpdateEvery: 1,
      seed: 1,
    });
    await agent.fit(corridor(), {
      callbacks: {
        onEpisodeEnd: () => {
          const a = agent.qNetwork!.weights.map((w) => Array.from(w.variable.dataSync()));
          const b = agent.targetNetwork!.weights.map((w) => Array.from(w.variable.dataSync()));
          synced = JSON.stringify(a) === JSON.stringify(b);
        },
      },
    });
    expect(synced).toBe(true);
    expect(agent.stepsTrained).toBeGreaterThanOrEqual(8);
    agent.dispose();
  });

  it('is deterministic under a seed', async () => {
    const values = async (seed: number) => {
      const agent = await new DQN({ episodes: 6, learningStarts: 10, batchSize: 8, seed }).fit(
        corridor(),
      );
      const v = Array.from(agent.actionValues(2));
      agent.dispose();
      return v;
    };
    const first = await values(5);
    expect(await values(5)).toEqual(first);
    expect(await values(6)).not.toEqual(first);
  });

  it('validates its arguments', () => {
    expect(() => new DQN({ batchSize: 0 })).toThrow(
      "Argument 'batchSize' passed to 'DQN' must be an integer >= 1, but got 0.",
    );
    expect(() => new DQN({ epsilon: -0.1 })).toThrow(
      "Argument 'epsilon' passed to 'DQN' must be a finite number in [0, 1], but got -0.1.",
    );
    expect(() => new DQN({ activation: 'gelu' as never })).toThrow(
      "Argument 'activation' passed to 'DQN' must be 'relu' or 'tanh', but got \"gelu\".",
    );
    expect(() => new DQN({ replay: 10 } as never)).toThrow(ValueError);
    expect(() => new DQN({ double: 1 as never })).toThrow(
      "Argument 'double' passed to 'DQN' must be a boolean, but got 1.",
    );
  });
});
