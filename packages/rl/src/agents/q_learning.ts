import type { EpisodeLogs } from '../training';
import { type EpisodeContext, TabularAgent, type TabularAgentOptions } from './tabular_agent';

/** Options of {@link QLearning}. */
export type QLearningOptions = TabularAgentOptions;

/**
 * Tabular Q-learning (Watkins, 1989): off-policy temporal-difference control. Acts
 * epsilon-greedily and moves `Q(s, a)` toward `r + gamma max_a' Q(s', a')` (just `r` when
 * the episode terminated; a truncated episode still bootstraps).
 *
 * ```ts
 * const agent = await new QLearning({ episodes: 20000, alpha: 0.1, seed: 1 }).fit(new FrozenLake());
 * const action = agent.predict(0);
 * ```
 */
export class QLearning extends TabularAgent {
  constructor(options: QLearningOptions = {}) {
    super('QLearning', options);
  }

  protected runEpisode({ env, epsilon, alpha }: EpisodeContext): EpisodeLogs {
    const q = this.q!;
    let state = env.reset();
    let total = 0;
    let length = 0;
    for (;;) {
      const action = this.chooseAction(state, epsilon);
      const { observation, reward, done, truncated, info } = env.step(action);
      const target = reward + (done ? 0 : this.gamma * this.maxValue(observation));
      const i = state * this.nActions + action;
      q[i] = (q[i] as number) + alpha * (target - (q[i] as number));
      total += reward;
      length += 1;
      state = observation;
      if (done || truncated)
        return { return: total, length, success: info.success === true, epsilon };
    }
  }
}
