import { ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { FrozenLake } from './frozen_lake';

describe('FrozenLake', () => {
  it('has the standard 4x4 model: slippery moves go a-1, a, a+1 with 1/3 each', () => {
    const env = new FrozenLake();
    // State 6 is row 1, col 2 (F). Right (2) -> intended right 7 (H), perpendicular: down (1) -> 10, up (3) -> 2.
    expect(env.P[6]![2]).toEqual([
      [1 / 3, 10, 0, false],
      [1 / 3, 7, 0, true],
      [1 / 3, 2, 0, false],
    ]);
    // State 14 is row 3, col 2. Right reaches the goal 15 with reward 1.
    expect(env.P[14]![2]).toEqual([
      [1 / 3, 14, 0, false],
      [1 / 3, 15, 1, true],
      [1 / 3, 10, 0, false],
    ]);
    // Holes and the goal loop on themselves.
    expect(env.P[5]![0]).toEqual([[1, 5, 0, true]]);
    expect(env.P[15]![3]).toEqual([[1, 15, 0, true]]);
    // Top-left corner, left: the left and up moves both stay in 0, down goes to 4 (duplicates kept).
    expect(env.P[0]![0]).toEqual([
      [1 / 3, 0, 0, false],
      [1 / 3, 0, 0, false],
      [1 / 3, 4, 0, false],
    ]);
  });

  it('is deterministic when not slippery', () => {
    const env = new FrozenLake({ isSlippery: false });
    expect(env.P[14]![2]).toEqual([[1, 15, 1, true]]);
    env.reset(0);
    const path = [1, 1, 2, 1, 2, 2].map((a) => env.step(a));
    expect(path.map((r) => r.observation)).toEqual([4, 8, 9, 13, 14, 15]);
    expect(path.at(-1)).toMatchObject({ reward: 1, done: true, truncated: false });
    expect(path.at(-1)!.info.success).toBe(true);
  });

  it('slips with probability 1/3 to each side, by counting', () => {
    const env = new FrozenLake({ seed: 11 });
    const counts = new Map<number, number>();
    const trials = 30_000;
    // From the start, action down (1): down -> 4, right -> 1, left -> 0 (wall).
    for (let i = 0; i < trials; i++) {
      env.reset();
      const { observation } = env.step(1);
      counts.set(observation, (counts.get(observation) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([0, 1, 4]);
    for (const n of counts.values()) expect(Math.abs(n / trials - 1 / 3)).toBeLessThan(0.015);
  });

  it('has the standard 8x8 map and time limits of 100 and 200 steps', () => {
    const env8 = new FrozenLake({ map: '8x8' });
    expect(env8.observationSpace).toEqual({ kind: 'discrete', n: 64 });
    expect(env8.desc[5]).toBe('FHHFFFHF');
    expect(env8.maxEpisodeSteps).toBe(200);
    const env4 = new FrozenLake({ isSlippery: false });
    expect(env4.maxEpisodeSteps).toBe(100);
    env4.reset();
    let result = env4.step(0);
    for (let i = 1; i < 100; i++) {
      expect(result.truncated).toBe(false);
      result = env4.step(0);
    }
    expect(result).toMatchObject({ observation: 0, done: false, truncated: true });
    expect(result.info.success).toBe(false);
  });

  it('gives the same trajectory for the same seed and another for another seed', () => {
    const run = (seed: number) => {
      const env = new FrozenLake({ map: '8x8' });
      const states = [env.reset(seed)];
      for (let i = 0; i < 50; i++) {
        const r = env.step(i % 4);
        states.push(r.observation);
        if (r.done || r.truncated) states.push(env.reset());
      }
      return states;
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('rejects invalid actions naming the environment and the action space', () => {
    const env = new FrozenLake();
    env.reset();
    const message =
      "Argument 'action' passed to 'FrozenLake.step' must be in the action space Discrete(4) (integers 0..3), but got 4.";
    expect(() => env.step(4)).toThrow(ValueError);
    expect(() => env.step(4)).toThrow(message);
    expect(() => env.step(1.5)).toThrow('but got 1.5.');
    expect(() => env.step(-1)).toThrow('but got -1.');
    expect(() => env.step('1' as unknown as number)).toThrow('but got string.');
  });

  it('refuses to step before reset and after the episode ended', () => {
    const env = new FrozenLake({ isSlippery: false });
    expect(() => env.step(0)).toThrow(
      "'FrozenLake.step' was called without a running episode: call reset() first",
    );
    env.reset();
    env.step(2);
    env.step(1); // 5 is a hole
    expect(() => env.step(0)).toThrow(ValueError);
  });

  it('validates its options', () => {
    expect(() => new FrozenLake({ map: ['SFF', 'FG'] })).toThrow(
      "Argument 'map' passed to 'FrozenLake' must be '4x4', '8x8' or a non-empty array of equal-length rows of S, F, H, G",
    );
    expect(() => new FrozenLake({ map: ['FFF', 'FFG'] })).toThrow("one start 'S'");
    expect(() => new FrozenLake({ isSlippery: 1 as unknown as boolean })).toThrow(
      "Argument 'isSlippery' passed to 'FrozenLake' must be a boolean, but got 1.",
    );
    expect(() => new FrozenLake({ slippery: true } as never)).toThrow(
      "Unknown option 'slippery' passed to 'FrozenLake'",
    );
    expect(() => new FrozenLake({ maxEpisodeSteps: 0 })).toThrow(
      "Argument 'maxEpisodeSteps' passed to 'FrozenLake' must be an integer >= 1, but got 0.",
    );
  });

  it('accepts a custom map and renders the agent position', () => {
    const env = new FrozenLake({ map: ['SH', 'FG'], isSlippery: false });
    env.reset();
    env.step(1);
    expect(env.render()).toBe(' S  H \n[F] G ');
    expect(env.step(2)).toMatchObject({ observation: 3, reward: 1, done: true });
  });
});
