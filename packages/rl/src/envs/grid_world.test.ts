import { ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { valueIteration } from '../planning/value_iteration';
import { GridWorld } from './grid_world';

describe('GridWorld', () => {
  it('defaults to the 4x3 world with 0.8 / 0.1 / 0.1 moves', () => {
    const env = new GridWorld();
    expect(env.observationSpace).toEqual({ kind: 'discrete', n: 12 });
    expect(env.reset()).toBe(8); // bottom left
    // From 8 going up (3): 0.8 to 4, 0.1 right to 9, 0.1 left into the edge (stay in 8).
    const outcomes = env.P[8]![3]!;
    expect(outcomes.map((t) => t[1])).toEqual([4, 9, 8]);
    expect(outcomes.map((t) => t[0])).toEqual([0.8, 0.1, 0.1]);
    expect(outcomes.every((t) => t[2] === -0.04 && !t[3])).toBe(true);
    // From 2 going right: 0.8 into the goal (1 - 0.04), 0.1 down to 6, 0.1 up (stay).
    expect(env.P[2]![2]).toEqual([
      [0.8, 3, 0.96, true],
      [0.1, 6, -0.04, false],
      [0.1, 2, -0.04, false],
    ]);
    // From 6 going right falls into the pit 7.
    expect(env.P[6]![2]![0]).toEqual([0.8, 7, -1.04, true]);
  });

  it('merges outcomes that land in the same cell (a wall blocks)', () => {
    const env = new GridWorld();
    // 5 is the wall. From 4 going right: 0.8 into the wall (stay), 0.1 down to 8, 0.1 up to 0.
    expect(env.P[4]![2]).toEqual([
      [0.8, 4, -0.04, false],
      [0.1, 8, -0.04, false],
      [0.1, 0, -0.04, false],
    ]);
    // From 0 going up: up and left both stay (0.9), right goes to 1.
    const up = env.P[0]![3]!;
    expect(up[0]![1]).toBe(0);
    expect(up[0]![0]).toBeCloseTo(0.9, 15);
    expect(up[1]).toEqual([0.1, 1, -0.04, false]);
  });

  it('gives the textbook utilities (Russell and Norvig, Figure 17.3) under value iteration', () => {
    const { values, policy } = valueIteration(new GridWorld(), { gamma: 1, theta: 1e-12 });
    const expected = [0.812, 0.868, 0.918, 0, 0.762, 0, 0.66, 0, 0.705, 0.655, 0.611, 0.388];
    expected.forEach((v, s) => {
      if (s !== 5) expect(values[s]).toBeCloseTo(v, 3);
    });
    // Right along the top, up the left column, and the famous detour: from 10 go left, not up past the pit.
    expect(Array.from(policy)).toEqual([2, 2, 2, 0, 3, 0, 3, 0, 3, 0, 0, 0]);
  });

  it('can be configured: size, walls, goals, pits, rewards, no slip', () => {
    const env = new GridWorld({
      rows: 2,
      cols: 5,
      start: [0, 0],
      walls: [[0, 2]],
      goals: [[0, 4]],
      pits: [],
      goalReward: 10,
      stepCost: 1,
      slip: 0,
      seed: 3,
    });
    env.reset();
    const rewards = [2, 1, 2, 2, 3, 2].map((a) => env.step(a).reward);
    expect(rewards).toEqual([-1, -1, -1, -1, -1, 9]);
    expect(env.state).toBe(4);
  });

  it('validates its options', () => {
    expect(() => new GridWorld({ walls: [[3, 0]] })).toThrow(
      "Argument 'walls' passed to 'GridWorld' must hold [row, col] cells inside the 3x4 grid, but got [3,0].",
    );
    expect(() => new GridWorld({ start: [1, 1] })).toThrow(
      "Argument 'start' passed to 'GridWorld' must be a free cell",
    );
    expect(() => new GridWorld({ pits: [[0, 3]] })).toThrow(ValueError);
    expect(() => new GridWorld({ slip: 1.5 })).toThrow(
      "Argument 'slip' passed to 'GridWorld' must be a finite number in [0, 1], but got 1.5.",
    );
    expect(() => new GridWorld({ rows: 0 })).toThrow(
      "Argument 'rows' passed to 'GridWorld' must be an integer >= 1, but got 0.",
    );
  });

  it('rejects invalid actions', () => {
    const env = new GridWorld();
    env.reset();
    expect(() => env.step(7)).toThrow(
      "Argument 'action' passed to 'GridWorld.step' must be in the action space Discrete(4) (integers 0..3), but got 7.",
    );
  });
});
