import type { EpisodeLogs } from '../training';
import { type EpisodeContext, TabularAgent, type TabularAgentOptions } from './tabular_agent';

/** Options of {@link Sarsa}. */
export type SarsaOptions = TabularAgentOptions;

/**
 * Tabular SARSA (Rummery and Niranjan, 1994): on-policy temporal-difference control.
 * Moves `Q(s, a)` toward `r + gamma Q(s', a')` where `a'` is the action it will actually
 * take next, so it learns the value of its own exploring policy.
 *
 * ```ts
 * const agent = await new Sarsa({ episodes: 20000, seed: 1 }).fit(new GridWorld());
 * ```
 */
export class Sarsa extends TabularAgent {
  constructor(options: SarsaOptions = {}) {
    super('Sarsa', options);
  }

  protected runEpisode({ env, epsilon, alpha }: EpisodeContext): EpisodeLogs {
    const q = this.q!;
    let state = env.reset();
    let action = this.chooseAction(state, epsilon);
    let total = 0;
    let length = 0;
    for (;;) {
      const { observation, reward, done, truncated, info } = env.step(action);
      const nextAction = done ? 0 : this.chooseAction(observation, epsilon);
      const next = observation * this.nActions + nextAction;
      const target = reward + (done ? 0 : this.gamma * (q[next] as number));
      const i = state * this.nActions + action;
      q[i] = (q[i] as number) + alpha * (target - (q[i] as number));
      total += reward;
      length += 1;
      state = observation;
      action = nextAction;
      if (done || truncated)
        return { return: total, length, success: info.success === true, epsilon };
    }
  }
}
