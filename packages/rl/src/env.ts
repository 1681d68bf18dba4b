import type { BoxSpace, DiscreteSpace, Space } from './spaces';

/** What one call of {@link Env.step} returns. */
export interface StepResult<O> {
  /** The observation after the action. */
  observation: O;
  /** The reward for this transition. */
  reward: number;
  /** The episode ended inside the task (goal reached, fell in a hole, pole fell). Called `terminated` in Gymnasium. */
  done: boolean;
  /** The episode was cut short by the time limit; the state itself is not terminal. */
  truncated: boolean;
  /** Extra facts about the step. `success` is set on the last step of an episode. */
  info: StepInfo;
}

/** Extra facts an environment reports with each step. */
export interface StepInfo {
  /** Set when the episode ends: whether it ended the way the task wants (goal reached, pole kept up to the limit). */
  success?: boolean;
  /** The transition's probability under the model (tabular environments). */
  prob?: number;
}

/**
 * An environment with discrete actions, in the shape of Gymnasium's `Env`: `reset(seed)`
 * starts an episode, `step(action)` advances it. All randomness comes from the generator
 * seeded by the constructor's `seed` or by `reset(seed)`.
 */
export interface Env<O = number | Float64Array> {
  /** The environment's name, used in error messages (e.g. `FrozenLake`). */
  readonly name: string;
  /** The actions `step` accepts. */
  readonly actionSpace: DiscreteSpace;
  /** The observations `reset` and `step` return. */
  readonly observationSpace: Space;
  /** The number of steps after which an episode is truncated. */
  readonly maxEpisodeSteps: number;
  /** Starts a new episode and returns its first observation. A `seed` reseeds the generator. */
  reset(seed?: number): O;
  /** Applies `action` and returns what happened. */
  step(action: number): StepResult<O>;
}

/** An environment whose observations are the integers `0 .. n - 1`. */
export interface DiscreteEnv extends Env<number> {
  readonly observationSpace: DiscreteSpace;
}

/** An environment whose observations are real vectors. */
export interface BoxEnv extends Env<Float64Array> {
  readonly observationSpace: BoxSpace;
}

/** One possible outcome of an action: `[probability, next state, reward, done]`, as in Gymnasium's `P`. */
export type Transition = readonly [prob: number, next: number, reward: number, done: boolean];

/**
 * A known Markov decision process: `P[s][a]` lists the outcomes of action `a` in state `s`.
 * Terminal states have a single self-loop with reward 0 and `done` true.
 */
export interface TabularModel {
  readonly nStates: number;
  readonly nActions: number;
  readonly P: readonly (readonly (readonly Transition[])[])[];
}
