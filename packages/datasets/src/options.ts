import { assertKnownOptions, ValueError } from '@gankit/core';

/**
 * Checks a required options object: it must be an object, and every key must be known.
 * Returns it typed, so the caller reads fields without `?.`.
 */
export function requireOptions<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
): T {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new ValueError(
      `Argument 'options' passed to '${where}' must be an object with at least: ${known[0]}, but got ${options === null ? 'null' : typeof options}.`,
    );
  }
  assertKnownOptions(where, options, known);
  return options;
}

/** Throws a `ValueError` unless `value` is a finite number > 0. */
export function assertPositive(where: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(
      `Argument '${name}' passed to '${where}' must be a finite number > 0, but got ${String(value)}.`,
    );
  }
  return value;
}
