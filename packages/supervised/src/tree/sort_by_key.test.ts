import { createRng } from '@gankit/core';
import { describe, expect, it } from 'vitest';
import { sortByKey } from './sort_by_key';

describe('sortByKey', () => {
  it('sorts keys and carries the payload along, with many duplicates', () => {
    const rng = createRng(1);
    for (const n of [0, 1, 2, 17, 1000]) {
      const keys = Float64Array.from({ length: n }, () =>
        rng.next() < 0.6 ? 0 : Math.floor(rng.next() * 20) - 5,
      );
      const payload = Int32Array.from({ length: n }, (_, i) => i);
      const original = Float64Array.from(keys);
      sortByKey(keys, payload, n);
      expect(Array.from(keys)).toEqual(Array.from(original).sort((a, b) => a - b));
      payload.forEach((p, i) => {
        expect(original[p]).toBe(keys[i]);
      });
      expect(new Set(payload).size).toBe(n);
    }
  });
});
