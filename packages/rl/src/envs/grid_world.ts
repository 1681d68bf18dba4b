import { assertNumberInRange, ValueError } from '@gankit/core';
import type { TabularModel, Transition } from '../env';
import { envOptions } from './episode';
import { moveInGrid, TabularEnv } from './tabular_env';

/** A cell as `[row, col]`, row 0 at the top. */
export type Cell = readonly [row: number, col: number];

/** Options of {@link GridWorld}. The defaults are Russell and Norvig's 4x3 world. */
export interface GridWorldOptions {
  /** Number of rows. Default 3. */
  rows?: number;
  /** Number of columns. Default 4. */
  cols?: number;
  /** Where every episode starts. Default `[rows - 1, 0]` (bottom left). */
  start?: Cell;
  /** Blocked cells: moving into one (or off the grid) leaves the agent where it was. Default `[[1, 1]]`. */
  walls?: readonly Cell[];
  /** Terminal cells that pay `goalReward`. Default `[[0, cols - 1]]`. */
  goals?: readonly Cell[];
  /** Terminal cells that pay `pitReward`. Default `[[1, cols - 1]]`. */
  pits?: readonly Cell[];
  /** Reward for entering a goal. Default 1. */
  goalReward?: number;
  /** Reward for entering a pit. Default -1. */
  pitReward?: number;
  /** Cost of every step, the last one included: each reward is `-stepCost` plus any goal or pit reward. Default 0.04. */
  stepCost?: number;
  /** Probability of slipping sideways: half of it to each direction perpendicular to the intended one. Default 0.2. */
  slip?: number;
  /** Steps before truncation. Default 100. */
  maxEpisodeSteps?: number;
  /** Seed of the environment's generator. Default 0. */
  seed?: number;
}

const WHERE = 'GridWorld';
const KNOWN = [
  'rows',
  'cols',
  'start',
  'walls',
  'goals',
  'pits',
  'goalReward',
  'pitReward',
  'stepCost',
  'slip',
  'maxEpisodeSteps',
  'seed',
];

interface Layout {
  rows: number;
  cols: number;
  kind: Uint8Array; // 0 free, 1 wall, 2 goal, 3 pit
  start: number;
  goalReward: number;
  pitReward: number;
  stepCost: number;
  slip: number;
}

/**
 * A configurable grid world: walls, goals and pits, a step cost and a slip probability.
 * Actions are 0 left, 1 down, 2 right, 3 up; the observation is `row * cols + col`.
 *
 * ```ts
 * const env = new GridWorld({ rows: 5, cols: 5, walls: [[2, 2]], goals: [[4, 4]], pits: [], slip: 0.1 });
 * ```
 */
export class GridWorld extends TabularEnv {
  readonly rows: number;
  readonly cols: number;

  constructor(options: GridWorldOptions = {}) {
    const { seed, maxEpisodeSteps } = envOptions(WHERE, options, KNOWN, 100);
    const layout = gridLayout(options);
    const initial = new Float64Array(layout.rows * layout.cols);
    initial[layout.start] = 1;
    const goals = new Set<number>();
    layout.kind.forEach((k, s) => {
      if (k === 2) goals.add(s);
    });
    super({ name: WHERE, model: gridModel(layout), initial, goals, maxEpisodeSteps, seed });
    this.rows = layout.rows;
    this.cols = layout.cols;
  }
}

function gridLayout(options: GridWorldOptions): Layout {
  const rows = positiveInt('rows', options.rows ?? 3);
  const cols = positiveInt('cols', options.cols ?? 4);
  const index = (name: string, cell: unknown): number => {
    if (
      !Array.isArray(cell) ||
      cell.length !== 2 ||
      !Number.isInteger(cell[0]) ||
      !Number.isInteger(cell[1]) ||
      cell[0] < 0 ||
      cell[0] >= rows ||
      cell[1] < 0 ||
      cell[1] >= cols
    ) {
      throw new ValueError(
        `Argument '${name}' passed to '${WHERE}' must hold [row, col] cells inside the ${rows}x${cols} grid, but got ${JSON.stringify(cell)}.`,
      );
    }
    return (cell[0] as number) * cols + (cell[1] as number);
  };
  const kind = new Uint8Array(rows * cols);
  const mark = (name: string, cells: readonly Cell[], value: number) => {
    for (const cell of cells) {
      const s = index(name, cell);
      if (kind[s] !== 0) {
        throw new ValueError(
          `Argument '${name}' passed to '${WHERE}' puts cell [${cell.join(', ')}] where another wall, goal or pit already is.`,
        );
      }
      kind[s] = value;
    }
  };
  mark('walls', options.walls ?? [[1, 1]], 1);
  mark('goals', options.goals ?? [[0, cols - 1]], 2);
  mark('pits', options.pits ?? [[1, cols - 1]], 3);
  const start = index('start', options.start ?? [rows - 1, 0]);
  if (kind[start] !== 0) {
    throw new ValueError(
      `Argument 'start' passed to '${WHERE}' must be a free cell, not a wall, goal or pit.`,
    );
  }
  return {
    rows,
    cols,
    kind,
    start,
    goalReward: assertNumberInRange(WHERE, 'goalReward', options.goalReward ?? 1),
    pitReward: assertNumberInRange(WHERE, 'pitReward', options.pitReward ?? -1),
    stepCost: assertNumberInRange(WHERE, 'stepCost', options.stepCost ?? 0.04),
    slip: assertNumberInRange(WHERE, 'slip', options.slip ?? 0.2, 0, 1),
  };
}

function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValueError(
      `Argument '${name}' passed to '${WHERE}' must be an integer >= 1, but got ${String(value)}.`,
    );
  }
  return value;
}

/** The model: intended move with `1 - slip`, each perpendicular move with `slip / 2`, equal outcomes merged. */
function gridModel(layout: Layout): TabularModel {
  const { rows, cols, kind, slip } = layout;
  const nStates = rows * cols;
  const P: Transition[][][] = [];
  for (let s = 0; s < nStates; s++) {
    const terminal = kind[s] === 2 || kind[s] === 3;
    P[s] = [0, 1, 2, 3].map((a): Transition[] => {
      if (terminal || kind[s] === 1) return [[1, s, 0, terminal]];
      const moves: [number, number][] = [
        [a, 1 - slip],
        [(a + 3) % 4, slip / 2],
        [(a + 1) % 4, slip / 2],
      ];
      const merged = new Map<number, number>();
      for (const [b, p] of moves) {
        if (p === 0) continue;
        const next = gridMove(layout, s, b);
        merged.set(next, (merged.get(next) ?? 0) + p);
      }
      return [...merged].map(([next, p]) => outcome(layout, next, p));
    });
  }
  return { nStates, nActions: 4, P };
}

function gridMove(layout: Layout, s: number, action: number): number {
  const [r, c] = moveInGrid(
    Math.floor(s / layout.cols),
    s % layout.cols,
    action,
    layout.rows,
    layout.cols,
  );
  const next = r * layout.cols + c;
  return layout.kind[next] === 1 ? s : next;
}

function outcome(layout: Layout, next: number, prob: number): Transition {
  const k = layout.kind[next];
  if (k === 2) return [prob, next, layout.goalReward - layout.stepCost, true];
  if (k === 3) return [prob, next, layout.pitReward - layout.stepCost, true];
  return [prob, next, -layout.stepCost, false];
}
