import { ValueError } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { CartPole, cartPoleDynamics } from './cart_pole';

describe('CartPole', () => {
  it('takes one Euler step from rest as computed by hand', () => {
    // From [0, 0, 0, 0] pushing right (+10 N): temp = 10 / 1.1 = 100/11,
    // thetaAcc = -(100/11) / (0.5 (4/3 - 0.1/1.1)) = -600/41, xAcc = 100/11 + 0.05 (600/41) / 1.1 = 4400/451.
    const env = new CartPole();
    env.resetTo([0, 0, 0, 0]);
    const { observation, reward, done, truncated } = env.step(1);
    expect(observation[0]).toBe(0);
    expect(observation[1]).toBeCloseTo((0.02 * 4400) / 451, 12);
    expect(observation[2]).toBe(0);
    expect(observation[3]).toBeCloseTo((0.02 * -600) / 41, 12);
    expect({ reward, done, truncated }).toEqual({ reward: 1, done: false, truncated: false });
  });

  it('matches an independent evaluation of the equations from a tilted, moving state', () => {
    // Reference values computed separately in Python (float64) from the Barto-Sutton-Anderson
    // equations with Gymnasium's constants, state [0.1, -0.2, 0.05, 0.3], push left.
    const state = Float64Array.from([0.1, -0.2, 0.05, 0.3]);
    cartPoleDynamics(state, 0);
    expect(state[0]).toBeCloseTo(0.096, 14);
    expect(state[1]).toBeCloseTo(-0.3957976546439626, 14);
    expect(state[2]).toBeCloseTo(0.056, 14);
    expect(state[3]).toBeCloseTo(0.6080233136061515, 14);
  });

  it('terminates past 12 degrees or 2.4 m, still paying 1 for that step', () => {
    const env = new CartPole();
    env.resetTo([0, 0, 0.2094, 0.5]);
    const tilt = env.step(1);
    expect(tilt.done).toBe(true);
    expect(tilt.reward).toBe(1);
    expect(tilt.info.success).toBe(false);
    env.resetTo([2.39, 1, 0, 0]);
    expect(env.step(1).done).toBe(true);
    env.resetTo([2.3, 1, 0, 0]);
    expect(env.step(1).done).toBe(false);
  });

  it('truncates at 500 steps when a controller keeps the pole up', () => {
    const env = new CartPole({ seed: 3 });
    let observation = env.reset();
    let steps = 0;
    for (;;) {
      const r = env.step(observation[2]! + observation[3]! > 0 ? 1 : 0);
      steps += 1;
      observation = r.observation;
      if (r.done || r.truncated) {
        expect(r).toMatchObject({ done: false, truncated: true, info: { success: true } });
        break;
      }
    }
    expect(steps).toBe(500);
  });

  it('starts uniformly in [-0.05, 0.05]^4 and repeats under the same seed', () => {
    const env = new CartPole();
    const first = env.reset(42);
    for (const v of first) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    const again = new CartPole().reset(42);
    expect(again).toEqual(first);
    expect(new CartPole().reset(43)).not.toEqual(first);
    // Without a seed the constructor's seed decides.
    expect(new CartPole({ seed: 9 }).reset()).toEqual(new CartPole({ seed: 9 }).reset());
  });

  it('describes its spaces', () => {
    const env = new CartPole();
    expect(env.actionSpace).toEqual({ kind: 'discrete', n: 2 });
    expect(env.observationSpace.kind).toBe('box');
    expect(env.observationSpace.shape).toEqual([4]);
    expect(env.observationSpace.high[0]).toBe(4.8);
    expect(env.observationSpace.high[2]).toBeCloseTo((24 * Math.PI) / 180, 12);
    expect(env.observationSpace.high[1]).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects invalid actions naming the environment and the action space', () => {
    const env = new CartPole();
    env.reset();
    expect(() => env.step(2)).toThrow(ValueError);
    expect(() => env.step(2)).toThrow(
      "Argument 'action' passed to 'CartPole.step' must be in the action space Discrete(2) (integers 0..1), but got 2.",
    );
    expect(() => new CartPole({ seed: Number.NaN })).toThrow(
      "Argument 'seed' passed to 'CartPole' must be a finite number, but got NaN.",
    );
  });
});
