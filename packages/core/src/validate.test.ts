import { describe, expect, it } from 'vitest';
import { ValueError } from './errors';
import { assertNumberBetween, assertNumberInRange } from './validate';

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
});
