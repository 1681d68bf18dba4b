import { assertKnownOptions, ValueError } from '@gankit/core';

/** What an agent reports after each training episode. */
export interface EpisodeLogs {
  /** Undiscounted return of the episode. */
  return: number;
  /** Steps taken. */
  length: number;
  /** Whether the environment reported the episode as a success. */
  success: boolean;
  /** Exploration rate used (epsilon-greedy agents). */
  epsilon?: number;
  /** Mean training loss over the episode (network agents). */
  loss?: number;
}

/** Progress callbacks, named like tfjs-layers' (`onEpochEnd` becomes `onEpisodeEnd`). */
export interface TrainingCallbacks {
  onTrainBegin?: () => void | Promise<void>;
  /** Called after every episode with its 0-based index; use it to draw a learning curve. */
  onEpisodeEnd?: (episode: number, logs: EpisodeLogs) => void | Promise<void>;
  onTrainEnd?: (logs: { episodes: number }) => void | Promise<void>;
}

/** Options of an agent's `fit`. */
export interface FitOptions {
  callbacks?: TrainingCallbacks;
  /** Aborting stops training after the current episode; the agent keeps what it learned so far. */
  signal?: AbortSignal;
}

/** Milliseconds of work between yields to the event loop, so a page stays responsive. */
const YIELD_EVERY_MS = 50;

/**
 * Runs `episodes` episodes through `runEpisode`, calling the callbacks, honouring the
 * abort signal and yielding to the event loop now and then. Returns how many episodes ran.
 */
export async function trainingLoop(
  where: string,
  episodes: number,
  fit: FitOptions,
  runEpisode: (episode: number) => EpisodeLogs | Promise<EpisodeLogs>,
): Promise<number> {
  assertKnownOptions(where, fit, ['callbacks', 'signal']);
  const callbacks = fit.callbacks ?? {};
  if (typeof callbacks !== 'object' || callbacks === null) {
    throw new ValueError(`Argument 'callbacks' passed to '${where}' must be an object.`);
  }
  await callbacks.onTrainBegin?.();
  let lastYield = performance.now();
  let done = 0;
  while (done < episodes && !fit.signal?.aborted) {
    const logs = await runEpisode(done);
    await callbacks.onEpisodeEnd?.(done, logs);
    done += 1;
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  await callbacks.onTrainEnd?.({ episodes: done });
  return done;
}
