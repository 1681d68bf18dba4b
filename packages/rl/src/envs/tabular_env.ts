import type { DiscreteEnv, StepResult, TabularModel, Transition } from '../env';
import { assertAction, type DiscreteSpace, discrete } from '../spaces';
import { EpisodeClock, sampleIndex } from './episode';

/** What a concrete tabular environment hands to {@link TabularEnv}. */
export interface TabularSpec {
  readonly name: string;
  readonly model: TabularModel;
  /** Probability of starting in each state. */
  readonly initial: Float64Array;
  /** States where reaching them counts as success. */
  readonly goals: ReadonlySet<number>;
  readonly maxEpisodeSteps: number;
  readonly seed: number;
}

/**
 * An environment that samples its moves from a known model `P[s][a]`. GridWorld and
 * FrozenLake are both this plus a way of building the model; planning algorithms read
 * the same model the simulator uses, so the two can be checked against each other.
 */
export class TabularEnv implements DiscreteEnv, TabularModel {
  readonly name: string;
  readonly actionSpace: DiscreteSpace;
  readonly observationSpace: DiscreteSpace;
  readonly maxEpisodeSteps: number;
  readonly nStates: number;
  readonly nActions: number;
  readonly P: readonly (readonly (readonly Transition[])[])[];
  /** Probability of starting in each state. */
  readonly initialDistribution: Float64Array;
  private readonly goals: ReadonlySet<number>;
  private readonly clock: EpisodeClock;
  /** `P[s][a]`'s probabilities, kept apart so sampling a step allocates nothing. */
  private readonly outcomeProbs: Float64Array[][];
  private current = 0;

  constructor(spec: TabularSpec) {
    this.name = spec.name;
    this.nStates = spec.model.nStates;
    this.nActions = spec.model.nActions;
    this.P = spec.model.P;
    this.initialDistribution = spec.initial;
    this.goals = spec.goals;
    this.maxEpisodeSteps = spec.maxEpisodeSteps;
    this.actionSpace = discrete(this.nActions);
    this.observationSpace = discrete(this.nStates);
    this.clock = new EpisodeClock(spec.name, spec.maxEpisodeSteps, spec.seed);
    this.outcomeProbs = this.P.map((row) =>
      row.map((outcomes) => Float64Array.from(outcomes, (t) => t[0])),
    );
  }

  /** The current state. */
  get state(): number {
    return this.current;
  }

  /** Whether `state` is a success state (a goal). */
  isGoal(state: number): boolean {
    return this.goals.has(state);
  }

  reset(seed?: number): number {
    const rng = this.clock.start(seed);
    this.current = sampleIndex(this.initialDistribution, rng.next());
    return this.current;
  }

  step(action: number): StepResult<number> {
    assertAction(this.name, this.actionSpace, action);
    this.clock.assertRunning();
    const probs = this.outcomeProbs[this.current]![action]!;
    const [prob, next, reward, done] =
      this.P[this.current]![action]![sampleIndex(probs, this.clock.rng.next())]!;
    this.current = next;
    const truncated = this.clock.tick(done);
    const info = done || truncated ? { prob, success: done && this.goals.has(next) } : { prob };
    return { observation: next, reward, done, truncated, info };
  }
}

/** Moves one cell in a grid; actions are 0 left, 1 down, 2 right, 3 up (FrozenLake's order). */
export function moveInGrid(
  row: number,
  col: number,
  action: number,
  rows: number,
  cols: number,
): [number, number] {
  if (action === 0) return [row, Math.max(col - 1, 0)];
  if (action === 1) return [Math.min(row + 1, rows - 1), col];
  if (action === 2) return [row, Math.min(col + 1, cols - 1)];
  return [Math.max(row - 1, 0), col];
}
