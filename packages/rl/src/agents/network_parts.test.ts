import { createRng } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replay_buffer';
import { discountedReturns, standardize } from './returns';

describe('discountedReturns', () => {
  it('sums rewards backwards with the discount', () => {
    // G_2 = 3, G_1 = 2 + 0.5 * 3 = 3.5, G_0 = 1 + 0.5 * 3.5 = 2.75.
    expect(Array.from(discountedReturns([1, 2, 3], 0.5))).toEqual([2.75, 3.5, 3]);
    expect(Array.from(discountedReturns([1, 1, 1, 1], 1))).toEqual([4, 3, 2, 1]);
  });

  it('standardizes to mean 0 and std 1', () => {
    const v = standardize(Float32Array.from([1, 2, 3, 4]));
    // mean 2.5, population std sqrt(1.25).
    const s = Math.sqrt(1.25);
    [-1.5, -0.5, 0.5, 1.5].forEach((d, i) => {
      expect(v[i]).toBeCloseTo(d / s, 6);
    });
    expect(Array.from(standardize(Float32Array.from([2, 2])))).toEqual([0, 0]);
  });
});

describe('ReplayBuffer', () => {
  it('keeps the newest transitions and samples only stored ones', () => {
    const buffer = new ReplayBuffer(3, 2);
    for (let i = 0; i < 5; i++) {
      buffer.add(Float32Array.from([i, -i]), i % 2, i * 10, Float32Array.from([i + 1, 0]), i === 4);
    }
    expect(buffer.size).toBe(3);
    const batch = buffer.sample(200, createRng(1));
    const seen = new Set(Array.from(batch.rewards));
    // Transitions 0 and 1 were overwritten by 3 and 4.
    expect([...seen].sort((a, b) => a - b)).toEqual([20, 30, 40]);
    for (let b = 0; b < 200; b++) {
      const i = batch.rewards[b]! / 10;
      expect([batch.states[2 * b], batch.states[2 * b + 1]]).toEqual([i, -i]);
      expect(batch.nextStates[2 * b]).toBe(i + 1);
      expect(batch.actions[b]).toBe(i % 2);
      expect(batch.dones[b]).toBe(i === 4 ? 1 : 0);
    }
  });
});
