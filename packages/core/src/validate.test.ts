import { describe, expect, it } from 'vitest';
import { ValueError } from './errors';
import { assertFraction, assertNumberBetween, assertNumberInRange } from './validate';

describe('number checks', () => {
  it('assertNumberBetween excludes its bounds and names the argument and the function', () => {
    expect(assertNumberBetween('f', 'decay', 0.5, 0, 1)).toBe(0.5);
    for (const bad of [0, 1, -0.1, Number.NaN, '0.5']) {
      expect(() => assertNumberBetween('f', 'decay', bad, 0, 1)).toThrow(ValueError);
    }
    expect(() => assertNumberBetween('f', 'decay', 1, 0, 1)).toThrow(
      "Argument 'decay' passed to 'f' must be a number strictly between 0 and 1, but got 1.",
    );
  });

  it('assertNumberInRange includes its bounds and refuses non-finite numbers', () => {
    expect(assertNumberInRange('f', 'rate', 0, 0, 1)).toBe(0);
    expect(assertNumberInRange('f', 'rate', 1, 0, 1)).toBe(1);
    expect(() => assertNumberInRange('f', 'rate', Number.POSITIVE_INFINITY)).toThrow(ValueError);
  });

  it('assertFraction takes (0, 1]: 1 but not 0, NaN or a string', () => {
    expect(assertFraction('f', 'rate', 1)).toBe(1);
    expect(assertFraction('f', 'rate', 1e-9)).toBe(1e-9);
    for (const bad of [0, -0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0.5', undefined]) {
      expect(() => assertFraction('f', 'rate', bad)).toThrow(ValueError);
    }
    expect(() => assertFraction('f', 'rate', Number.NaN)).toThrow(
      "Argument 'rate' passed to 'f' must be in (0, 1], but got NaN.",
    );
  });
});
