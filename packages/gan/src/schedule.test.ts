import { describe, expect, it } from 'vitest';
import { linearDecay, scheduledFactor } from './schedule';

describe('linearDecay', () => {
  it('falls by 1/total per step, from 1 at the first step to 1/total at the last', () => {
    expect(linearDecay(1, 4)).toBe(1);
    expect(linearDecay(2, 4)).toBe(0.75);
    expect(linearDecay(4, 4)).toBe(0.25);
    for (let s = 1; s <= 600; s++) {
      expect(scheduledFactor('test', linearDecay, s, 600)).toBeGreaterThan(0);
    }
  });
});
