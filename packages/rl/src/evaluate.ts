import { assertInteger, assertKnownOptions, ValueError } from '@gankit/core';
import type { Env } from './env';

/** Chooses an action for an observation. */
export type Policy<O> = (observation: O) => number;

/** Options of {@link evaluatePolicy}. */
export interface EvaluateOptions {
  /** Number of episodes. Default 100. */
  episodes?: number;
  /** Reseeds the environment before the first episode; later episodes continue its generator. Default: leave it as it is. */
  seed?: number;
}

/** What {@link evaluatePolicy} measured. */
export interface Evaluation {
  /** Mean undiscounted return per episode. */
  meanReturn: number;
  /** Standard deviation of the returns. */
  stdReturn: number;
  /** Fraction of episodes the environment reported as a success (`info.success`). */
  successRate: number;
  /** Mean episode length in steps. */
  meanLength: number;
  /** Each episode's return. */
  returns: Float64Array;
  /** Each episode's length. */
  lengths: Int32Array;
}

/**
 * Runs `policy` for a number of episodes (each until done or truncated) and reports
 * the mean return and the success rate.
 *
 * ```ts
 * const { successRate } = evaluatePolicy(env, (s) => policy[s]!, { episodes: 100, seed: 7 });
 * ```
 */
export function evaluatePolicy<O>(
  env: Env<O>,
  policy: Policy<O>,
  options: EvaluateOptions = {},
): Evaluation {
  assertKnownOptions('evaluatePolicy', options, ['episodes', 'seed']);
  const episodes = assertInteger('evaluatePolicy', 'episodes', options.episodes ?? 100);
  if (typeof policy !== 'function') {
    throw new ValueError(
      `Argument 'policy' passed to 'evaluatePolicy' must be a function from observation to action, but got ${typeof policy}.`,
    );
  }
  const returns = new Float64Array(episodes);
  const lengths = new Int32Array(episodes);
  let successes = 0;
  for (let e = 0; e < episodes; e++) {
    let observation = env.reset(e === 0 ? options.seed : undefined);
    let total = 0;
    let steps = 0;
    for (;;) {
      const result = env.step(policy(observation));
      total += result.reward;
      steps += 1;
      observation = result.observation;
      if (result.done || result.truncated) {
        if (result.info.success) successes += 1;
        break;
      }
    }
    returns[e] = total;
    lengths[e] = steps;
  }
  const meanReturn = mean(returns);
  const variance = mean(returns.map((r) => (r - meanReturn) ** 2));
  return {
    meanReturn,
    stdReturn: Math.sqrt(variance),
    successRate: successes / episodes,
    meanLength: mean(lengths),
    returns,
    lengths,
  };
}

function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total / values.length;
}
