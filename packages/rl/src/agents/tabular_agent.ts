import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  createRng,
  NotFittedError,
  type Rng,
  ValueError,
} from '@gankit/core';
import type { DiscreteEnv } from '../env';
import { argmaxRow, greedyPolicy } from '../planning/bellman';
import { linearDecay, type Schedule, toSchedule } from '../schedules';
import { type EpisodeLogs, type FitOptions, trainingLoop } from '../training';

/** Options shared by the tabular agents. */
export interface TabularAgentOptions {
  /** Training episodes. Default 10000. */
  episodes?: number;
  /** Learning rate in (0, 1], or a schedule over episodes. Default 0.1. */
  alpha?: number | Schedule;
  /** Discount factor in [0, 1]. Default 0.99. */
  gamma?: number;
  /** Exploration rate in [0, 1], or a schedule over episodes. Default: linear from 1 to 0.01 over the first half of the episodes. */
  epsilon?: number | Schedule;
  /** Seed of exploration and of the environment during training. Default 0. */
  seed?: number;
}

/** The episode's moving parts, handed to an update rule. */
export interface EpisodeContext {
  env: DiscreteEnv;
  epsilon: number;
  alpha: number;
}

/**
 * The table, exploration and training loop that Q-learning and SARSA share; each
 * subclass supplies one episode of its own update rule.
 */
export abstract class TabularAgent {
  readonly episodes: number;
  readonly gamma: number;
  readonly seed: number;
  /** Episodes actually trained (fewer than `episodes` if aborted). */
  episodesTrained = 0;
  protected readonly alpha: Schedule;
  protected readonly epsilon: Schedule;
  protected rng: Rng;
  protected q: Float64Array | undefined;
  protected nActions = 0;

  protected constructor(
    private readonly where: string,
    options: TabularAgentOptions,
  ) {
    assertKnownOptions(where, options, ['episodes', 'alpha', 'gamma', 'epsilon', 'seed']);
    this.episodes = assertInteger(where, 'episodes', options.episodes ?? 10_000);
    this.alpha = toSchedule(where, 'alpha', options.alpha ?? 0.1, Number.MIN_VALUE, 1);
    this.gamma = assertNumberInRange(where, 'gamma', options.gamma ?? 0.99, 0, 1);
    this.epsilon = toSchedule(
      where,
      'epsilon',
      options.epsilon ??
        linearDecay({ start: 1, end: 0.01, steps: Math.max(1, Math.floor(this.episodes / 2)) }),
      0,
      1,
    );
    this.seed = assertNumberInRange(where, 'seed', options.seed ?? 0);
    this.rng = createRng(this.seed);
  }

  /**
   * Learns a Q-table by interacting with `env` for `episodes` episodes. Reseeds the
   * environment with the agent's seed first, so the same seed gives the same table.
   */
  async fit(env: DiscreteEnv, fitOptions: FitOptions = {}): Promise<this> {
    assertDiscreteEnv(`${this.where}.fit`, env);
    this.nActions = env.actionSpace.n;
    this.q = new Float64Array(env.observationSpace.n * this.nActions);
    this.rng = createRng(this.seed);
    env.reset(this.seed);
    this.episodesTrained = await trainingLoop(`${this.where}.fit`, this.episodes, fitOptions, (e) =>
      this.runEpisode({ env, epsilon: this.epsilon(e), alpha: this.alpha(e) }),
    );
    return this;
  }

  /** One training episode; implemented by each algorithm. */
  protected abstract runEpisode(context: EpisodeContext): EpisodeLogs;

  /** The learned action values, row-major `[nStates, nActions]` (a copy). */
  get qTable(): Float64Array {
    return this.table('qTable').slice();
  }

  /** The greedy action for `state`. */
  predict(state: number): number {
    const q = this.table('predict');
    const nStates = q.length / this.nActions;
    if (!Number.isInteger(state) || state < 0 || state >= nStates) {
      throw new ValueError(
        `Argument 'state' passed to '${this.where}.predict' must be an integer in 0..${nStates - 1}, but got ${state}.`,
      );
    }
    return argmaxRow(q, state * this.nActions, this.nActions);
  }

  /** The greedy policy: one action per state. */
  policy(): Int32Array {
    const q = this.table('policy');
    return greedyPolicy(q, q.length / this.nActions, this.nActions);
  }

  /** Epsilon-greedy choice; ties among the best actions are broken at random. */
  protected chooseAction(state: number, epsilon: number): number {
    if (this.rng.next() < epsilon) return this.rng.int(this.nActions);
    const q = this.q!;
    const offset = state * this.nActions;
    let best = Number.NEGATIVE_INFINITY;
    let count = 0;
    let choice = 0;
    for (let a = 0; a < this.nActions; a++) {
      const v = q[offset + a] as number;
      if (v > best) {
        best = v;
        count = 1;
        choice = a;
      } else if (v === best) {
        count += 1;
        if (this.rng.int(count) === 0) choice = a;
      }
    }
    return choice;
  }

  /** The largest action value in `state`. */
  protected maxValue(state: number): number {
    const q = this.q!;
    const offset = state * this.nActions;
    let best = q[offset] as number;
    for (let a = 1; a < this.nActions; a++) best = Math.max(best, q[offset + a] as number);
    return best;
  }

  private table(method: string): Float64Array {
    if (this.q === undefined) {
      throw new NotFittedError(
        `'${this.where}.${method}' needs a fitted agent: call fit(env) first.`,
      );
    }
    return this.q;
  }
}

function assertDiscreteEnv(where: string, env: DiscreteEnv): void {
  if (
    env?.observationSpace?.kind !== 'discrete' ||
    env?.actionSpace?.kind !== 'discrete' ||
    typeof env.step !== 'function'
  ) {
    throw new ValueError(
      `Argument 'env' passed to '${where}' must be an environment with discrete observations and actions (a tabular environment such as FrozenLake or GridWorld).`,
    );
  }
}
