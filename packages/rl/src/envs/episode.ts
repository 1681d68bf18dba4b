import { assertInteger, assertKnownOptions, createRng, type Rng, ValueError } from '@gankit/core';

/**
 * The bookkeeping every environment shares: the seeded generator, the step counter for
 * truncation, and the guard against stepping an episode that has not started or has ended.
 */
export class EpisodeClock {
  rng: Rng;
  elapsed = 0;
  private running = false;

  constructor(
    private readonly envName: string,
    readonly maxEpisodeSteps: number,
    seed: number,
  ) {
    this.rng = createRng(seed);
  }

  /** Starts an episode; a seed replaces the generator. */
  start(seed?: number): Rng {
    if (seed !== undefined) this.rng = createRng(seed);
    this.elapsed = 0;
    this.running = true;
    return this.rng;
  }

  /** Throws unless an episode is running. */
  assertRunning(): void {
    if (!this.running) {
      throw new ValueError(
        `'${this.envName}.step' was called without a running episode: call reset() first (after construction and after done or truncated).`,
      );
    }
  }

  /** Counts a step and returns whether the time limit truncates the episode here. */
  tick(done: boolean): boolean {
    this.elapsed += 1;
    const truncated = !done && this.elapsed >= this.maxEpisodeSteps;
    if (done || truncated) this.running = false;
    return truncated;
  }
}

/**
 * Draws an index from `probs` the way Gymnasium's `categorical_sample` does: the first
 * index whose cumulative probability exceeds a uniform draw.
 */
export function sampleIndex(probs: ArrayLike<number>, u: number): number {
  let cumulative = 0;
  for (let i = 0; i < probs.length; i++) {
    cumulative += probs[i] as number;
    if (cumulative > u) return i;
  }
  return probs.length - 1;
}

/** Checks the options every environment takes and returns them with defaults. */
export function envOptions(
  where: string,
  options: { seed?: number; maxEpisodeSteps?: number } & object,
  known: readonly string[],
  defaultSteps: number,
): { seed: number; maxEpisodeSteps: number } {
  assertKnownOptions(where, options, known);
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new ValueError(
      `Argument 'seed' passed to '${where}' must be a finite number, but got ${String(seed)}.`,
    );
  }
  const maxEpisodeSteps = assertInteger(
    where,
    'maxEpisodeSteps',
    options.maxEpisodeSteps ?? defaultSteps,
  );
  return { seed, maxEpisodeSteps };
}
