import {
  assertFraction,
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
} from '@gankit/core';

/**
 * A value that changes over training: `schedule(t)` for step or episode `t` (0-based).
 * Agents document which one `t` counts.
 */
export type Schedule = (t: number) => number;

/** The same value at every `t`. */
export function constantSchedule(value: number): Schedule {
  assertNumberInRange('constantSchedule', 'value', value);
  return () => value;
}

/** Options of {@link linearDecay}. */
export interface LinearDecayOptions {
  /** Value at `t = 0`. */
  start: number;
  /** Value from `t = steps` on. */
  end: number;
  /** How many steps the change takes. */
  steps: number;
}

/** Moves in a straight line from `start` to `end` over `steps`, then stays at `end`. */
export function linearDecay(options: LinearDecayOptions): Schedule {
  const where = 'linearDecay';
  assertKnownOptions(where, options, ['start', 'end', 'steps']);
  const start = assertNumberInRange(where, 'start', options.start);
  const end = assertNumberInRange(where, 'end', options.end);
  const steps = assertInteger(where, 'steps', options.steps);
  return (t) => (t >= steps ? end : start + ((end - start) * t) / steps);
}

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** Value at `t = 0`. */
  start: number;
  /** The floor the value approaches. */
  end: number;
  /** Multiplier per step in (0, 1]: the gap to `end` shrinks by this factor each step. */
  rate: number;
}

/** `end + (start - end) * rate^t`: decays geometrically toward `end`. */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const where = 'exponentialDecay';
  assertKnownOptions(where, options, ['start', 'end', 'rate']);
  const start = assertNumberInRange(where, 'start', options.start);
  const end = assertNumberInRange(where, 'end', options.end);
  const rate = assertFraction(where, 'rate', options.rate);
  return (t) => end + (start - end) * rate ** t;
}

/** Accepts a number (constant) or a schedule whose values lie in `[min, max]`. */
export function toSchedule(
  where: string,
  name: string,
  value: number | Schedule,
  min: number,
  max: number,
): Schedule {
  if (typeof value === 'function') return value;
  assertNumberInRange(where, name, value, min, max);
  return () => value;
}
