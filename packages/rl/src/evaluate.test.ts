import { ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { CartPole } from './envs/cart_pole';
import { FrozenLake } from './envs/frozen_lake';
import { evaluatePolicy } from './evaluate';
import { constantSchedule, exponentialDecay, linearDecay } from './schedules';
import { describeSpace } from './spaces';

describe('evaluatePolicy', () => {
  it('measures return, length and success of a known path', () => {
    const env = new FrozenLake({ isSlippery: false });
    // down, down, right, down, right, right: 0 -> 4 -> 8 -> 9 -> 13 -> 14 -> 15.
    const path = [1, 1, 2, 1, 2, 2];
    const stateToAction = new Map([0, 4, 8, 9, 13, 14].map((s, i) => [s, path[i]!]));
    const result = evaluatePolicy(env, (s) => stateToAction.get(s)!, { episodes: 3 });
    expect(result).toMatchObject({ meanReturn: 1, stdReturn: 0, successRate: 1, meanLength: 6 });
    expect(Array.from(result.lengths)).toEqual([6, 6, 6]);
  });

  it('counts failures and truncations as unsuccessful', () => {
    const into = evaluatePolicy(new FrozenLake({ isSlippery: false }), () => 2, { episodes: 2 });
    // Right, right, right stays on row 0 forever (0 -> 1 -> 2 -> 3 -> 3 ...): truncated at 100.
    expect(into).toMatchObject({ meanReturn: 0, successRate: 0, meanLength: 100 });
    const hole = evaluatePolicy(new FrozenLake({ isSlippery: false }), () => 1, { episodes: 1 });
    // Down from 0: 4, 8, then 12 is a hole.
    expect(hole).toMatchObject({ meanReturn: 0, successRate: 0, meanLength: 3 });
  });

  it('repeats under a seed on a random environment', () => {
    const run = () => evaluatePolicy(new CartPole(), () => 1, { episodes: 5, seed: 8 }).lengths;
    expect(run()).toEqual(run());
    const other = evaluatePolicy(new CartPole(), () => 1, { episodes: 5, seed: 9 }).lengths;
    expect(Array.from(other)).not.toEqual(Array.from(run()));
  });

  it('validates its arguments', () => {
    const env = new FrozenLake();
    expect(() => evaluatePolicy(env, () => 0, { episodes: 0 })).toThrow(
      "Argument 'episodes' passed to 'evaluatePolicy' must be an integer >= 1, but got 0.",
    );
    expect(() => evaluatePolicy(env, 3 as never)).toThrow(ValueError);
    expect(() => evaluatePolicy(env, () => 9)).toThrow("'FrozenLake.step'");
  });
});

describe('schedules', () => {
  it('decay linearly and exponentially as computed by hand', () => {
    const linear = linearDecay({ start: 1, end: 0.1, steps: 10 });
    expect([0, 5, 10, 20].map(linear)).toEqual([1, 0.55, 0.1, 0.1]);
    const exponential = exponentialDecay({ start: 1, end: 0.1, rate: 0.5 });
    expect(exponential(0)).toBe(1);
    expect(exponential(1)).toBeCloseTo(0.55, 15);
    expect(exponential(3)).toBeCloseTo(0.1 + 0.9 / 8, 15);
    expect(constantSchedule(0.3)(1000)).toBe(0.3);
  });

  it('validate their arguments', () => {
    expect(() => linearDecay({ start: 1, end: 0, steps: 0 })).toThrow(
      "Argument 'steps' passed to 'linearDecay' must be an integer >= 1, but got 0.",
    );
    expect(() => exponentialDecay({ start: 1, end: 0, rate: 0 })).toThrow(
      "Argument 'rate' passed to 'exponentialDecay' must be in (0, 1], but got 0.",
    );
    expect(() => constantSchedule(Number.NaN)).toThrow(ValueError);
  });
});

describe('describeSpace', () => {
  it('names discrete and box spaces', () => {
    expect(describeSpace({ kind: 'discrete', n: 3 })).toBe('Discrete(3) (integers 0..2)');
    expect(describeSpace({ kind: 'box', low: [-1, 0], high: [1, 2], shape: [2] })).toBe(
      'Box(shape [2], low [-1, 0], high [1, 2])',
    );
  });
});
