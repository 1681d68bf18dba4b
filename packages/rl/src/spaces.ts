import { ValueError } from '@gankit/core';

/** A finite set of actions or observations: the integers `0 .. n - 1`. */
export interface DiscreteSpace {
  readonly kind: 'discrete';
  /** How many values there are. */
  readonly n: number;
}

/** A box of real vectors: each entry `i` lies in `[low[i], high[i]]` (bounds may be infinite). */
export interface BoxSpace {
  readonly kind: 'box';
  readonly low: readonly number[];
  readonly high: readonly number[];
  readonly shape: readonly number[];
}

/** Any space an environment can describe. */
export type Space = DiscreteSpace | BoxSpace;

/** A discrete space of `n` values. */
export function discrete(n: number): DiscreteSpace {
  return { kind: 'discrete', n };
}

/** A one-dimensional box with the given bounds. */
export function box(low: readonly number[], high: readonly number[]): BoxSpace {
  return { kind: 'box', low: [...low], high: [...high], shape: [low.length] };
}

/** A short human-readable description, e.g. `Discrete(4)` or `Box(shape [4])`. */
export function describeSpace(space: Space): string {
  if (space.kind === 'discrete') return `Discrete(${space.n}) (integers 0..${space.n - 1})`;
  return `Box(shape [${space.shape.join(', ')}], low [${space.low.join(', ')}], high [${space.high.join(', ')}])`;
}

/** Whether `value` is an integer action inside the discrete space. */
export function containsAction(space: DiscreteSpace, value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < space.n;
}

/**
 * Throws a `ValueError` naming the environment and its action space unless `action`
 * belongs to `space`.
 */
export function assertAction(envName: string, space: DiscreteSpace, action: unknown): number {
  if (!containsAction(space, action)) {
    const got = typeof action === 'number' ? String(action) : typeof action;
    throw new ValueError(
      `Argument 'action' passed to '${envName}.step' must be in the action space ${describeSpace(space)}, but got ${got}.`,
    );
  }
  return action;
}
