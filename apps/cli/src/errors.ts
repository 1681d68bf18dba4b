/** A problem with the command line itself (a bad flag value, a missing file): printed as one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads a positive integer flag, or throws a {@link UsageError} naming it. */
export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  return numberFlag(
    flag,
    value,
    fallback,
    (n) => Number.isInteger(n) && n >= 1,
    'a positive integer',
  );
}

/** Reads a whole-number flag that may be 0, or throws a {@link UsageError} naming it. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number): number {
  return numberFlag(
    flag,
    value,
    fallback,
    (n) => Number.isInteger(n) && n >= 0,
    'a whole number >= 0',
  );
}

/** Reads a positive number flag, or throws a {@link UsageError} naming it. */
export function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  return numberFlag(flag, value, fallback, (n) => Number.isFinite(n) && n > 0, 'a positive number');
}

/** Reads a fraction flag in (0, 1], or throws a {@link UsageError} naming it. */
export function fraction(flag: string, value: string | undefined, fallback: number): number {
  return numberFlag(flag, value, fallback, (n) => n > 0 && n <= 1, 'a number in (0, 1]');
}

/** `fallback` when the flag is absent; else its value if `ok`, or a UsageError saying what was expected. */
function numberFlag(
  flag: string,
  value: string | undefined,
  fallback: number,
  ok: (n: number) => boolean,
  expected: string,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!ok(n)) throw new UsageError(`--${flag} must be ${expected}, got '${value}'`);
  return n;
}
