import { describe, expect, it } from 'vitest';
import { linearDecay, linearDecayAfter, scheduledFactor } from './schedule';

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

describe('linearDecayAfter', () => {
  it('holds the rate for holdSteps steps, then falls by 1/(total - hold) per step', () => {
    const schedule = linearDecayAfter(6);
    for (let s = 1; s <= 6; s++) expect(schedule(s, 10)).toBe(1);
    expect(schedule(7, 10)).toBe(1);
    expect(schedule(8, 10)).toBe(0.75);
    expect(schedule(10, 10)).toBe(0.25);
    // A run no longer than the hold keeps the full rate.
    expect(linearDecayAfter(10)(10, 10)).toBe(1);
    for (let s = 1; s <= 600; s++) {
      expect(scheduledFactor('test', linearDecayAfter(450), s, 600)).toBeGreaterThan(0);
    }
  });

  it('rejects a hold that is not a whole number of steps, naming it', () => {
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => linearDecayAfter(bad)).toThrow(/'holdSteps' passed to 'linearDecayAfter'/);
    }
  });
});
