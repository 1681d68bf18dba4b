/** A problem with the command line itself (a bad flag value, a missing file): printed as one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads a positive integer flag, or throws a {@link UsageError} naming it. */
export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${flag} must be a positive integer, got '${value}'`);
  return n;
}

/** Reads a whole-number flag that may be 0, or throws a {@link UsageError} naming it. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`--${flag} must be a whole number >= 0, got '${value}'`);
  return n;
}

/** Reads a positive number flag, or throws a {@link UsageError} naming it. */
export function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${flag} must be a positive number, got '${value}'`);
  return n;
}
