import { ValueError } from '@gankit/core';
import type { TabularModel, Transition } from '../env';
import { envOptions } from './episode';
import { moveInGrid, TabularEnv } from './tabular_env';

/** Gymnasium's standard FrozenLake maps: S start, F frozen, H hole, G goal. */
export const FROZEN_LAKE_MAPS = {
  '4x4': ['SFFF', 'FHFH', 'FFFH', 'HFFG'],
  '8x8': [
    'SFFFFFFF',
    'FFFFFFFF',
    'FFFHFFFF',
    'FFFFFHFF',
    'FFFHFFFF',
    'FHHFFFHF',
    'FHFFHFHF',
    'FFFHFFFG',
  ],
} as const;

/** Options of {@link FrozenLake}. */
export interface FrozenLakeOptions {
  /** `'4x4'` (default), `'8x8'`, or a custom map of rows made of `S`, `F`, `H`, `G`. */
  map?: '4x4' | '8x8' | readonly string[];
  /** Whether the ice is slippery: the agent moves in the intended direction or either perpendicular one, 1/3 each. Default `true`. */
  isSlippery?: boolean;
  /** Steps before truncation. Default 100 for 4x4 and custom maps, 200 for 8x8 (Gymnasium's `FrozenLake-v1`). */
  maxEpisodeSteps?: number;
  /** Seed of the environment's generator. Default 0. */
  seed?: number;
}

const WHERE = 'FrozenLake';

/**
 * Gymnasium's `FrozenLake-v1`: cross a frozen lake from S to G without falling into a
 * hole. Reward 1 on reaching G, 0 otherwise; actions 0 left, 1 down, 2 right, 3 up;
 * observation `row * ncol + col`. `P[s][a]` is the exact transition model for planning.
 *
 * ```ts
 * const env = new FrozenLake({ map: '4x4', isSlippery: true, seed: 1 });
 * let s = env.reset();
 * const { observation, reward, done } = env.step(2);
 * ```
 */
export class FrozenLake extends TabularEnv {
  /** The map, one string per row. */
  readonly desc: readonly string[];
  readonly isSlippery: boolean;

  constructor(options: FrozenLakeOptions = {}) {
    const desc = resolveMap(options.map ?? '4x4');
    const isSlippery = options.isSlippery ?? true;
    if (typeof isSlippery !== 'boolean') {
      throw new ValueError(
        `Argument 'isSlippery' passed to '${WHERE}' must be a boolean, but got ${String(isSlippery)}.`,
      );
    }
    const { seed, maxEpisodeSteps } = envOptions(
      WHERE,
      options,
      ['map', 'isSlippery', 'maxEpisodeSteps', 'seed'],
      options.map === '8x8' ? 200 : 100,
    );
    super({
      name: WHERE,
      model: frozenLakeModel(desc, isSlippery),
      initial: startDistribution(desc),
      goals: cellsWith(desc, 'G'),
      maxEpisodeSteps,
      seed,
    });
    this.desc = desc;
    this.isSlippery = isSlippery;
  }

  /** The map as text with the agent's cell in brackets. */
  render(): string {
    const ncol = this.desc[0]!.length;
    return this.desc
      .map((row, r) =>
        [...row].map((c, col) => (r * ncol + col === this.state ? `[${c}]` : ` ${c} `)).join(''),
      )
      .join('\n');
  }
}

function resolveMap(map: unknown): readonly string[] {
  if (map === '4x4' || map === '8x8') return FROZEN_LAKE_MAPS[map];
  const ok =
    Array.isArray(map) &&
    map.length > 0 &&
    map.every(
      (row) => typeof row === 'string' && row.length === map[0].length && /^[SFHG]+$/.test(row),
    );
  if (!ok) {
    throw new ValueError(
      `Argument 'map' passed to '${WHERE}' must be '4x4', '8x8' or a non-empty array of equal-length rows of S, F, H, G, but got ${JSON.stringify(map)}.`,
    );
  }
  const text = map.join('');
  if (!text.includes('S') || !text.includes('G')) {
    throw new ValueError(
      `Argument 'map' passed to '${WHERE}' must contain at least one start 'S' and one goal 'G'.`,
    );
  }
  return [...map];
}

function cellsWith(desc: readonly string[], letter: string): Set<number> {
  const cells = new Set<number>();
  [...desc.join('')].forEach((c, s) => {
    if (c === letter) cells.add(s);
  });
  return cells;
}

function startDistribution(desc: readonly string[]): Float64Array {
  const letters = [...desc.join('')];
  const starts = letters.filter((c) => c === 'S').length;
  return Float64Array.from(letters, (c) => (c === 'S' ? 1 / starts : 0));
}

/**
 * The transition model in Gymnasium's layout: from a hole or the goal every action
 * loops with `[1, s, 0, true]`; otherwise the intended move (or, on slippery ice, the
 * moves `a - 1`, `a`, `a + 1` mod 4, each with probability 1/3, duplicates kept).
 */
export function frozenLakeModel(desc: readonly string[], isSlippery: boolean): TabularModel {
  const nrow = desc.length;
  const ncol = desc[0]!.length;
  const letter = (r: number, c: number) => desc[r]![c]!;
  const outcome = (r: number, c: number, a: number, prob: number): Transition => {
    const [nr, nc] = moveInGrid(r, c, a, nrow, ncol);
    const l = letter(nr, nc);
    return [prob, nr * ncol + nc, l === 'G' ? 1 : 0, l === 'G' || l === 'H'];
  };
  const P: Transition[][][] = [];
  for (let r = 0; r < nrow; r++) {
    for (let c = 0; c < ncol; c++) {
      const s = r * ncol + c;
      const terminal = letter(r, c) === 'G' || letter(r, c) === 'H';
      P[s] = [0, 1, 2, 3].map((a): Transition[] => {
        if (terminal) return [[1, s, 0, true]];
        if (!isSlippery) return [outcome(r, c, a, 1)];
        return [(a + 3) % 4, a, (a + 1) % 4].map((b) => outcome(r, c, b, 1 / 3));
      });
    }
  }
  return { nStates: nrow * ncol, nActions: 4, P };
}
