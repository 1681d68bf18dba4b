import { ValueError, type Where } from '@gankit/core';

/** Checks a `seed` option: a finite number or a string. */
export function checkSeed(where: Where, seed: unknown): number | string {
  if ((typeof seed === 'number' && Number.isFinite(seed)) || typeof seed === 'string') return seed;
  throw new ValueError(
    `Argument 'seed' passed to '${where}' must be a finite number or a string, but got ${String(seed)}.`,
  );
}

/** Checks a number that must be > 0 and finite. */
export function checkPositive(where: Where, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(
      `Argument '${name}' passed to '${where}' must be a finite number > 0, but got ${String(value)}.`,
    );
  }
  return value;
}
