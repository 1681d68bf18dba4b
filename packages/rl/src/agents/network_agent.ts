import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  NotFittedError,
  ValueError,
} from '@gankit/core';
import type { Activation, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { Env } from '../env';
import type { ObservationEncoder } from './observation_encoder';

/** Reads the options every network agent shares and fills in defaults. */
export function readCommonOptions(
  where: string,
  options: { episodes?: number; gamma?: number; seed?: number; activation?: Activation },
  known: readonly string[],
  defaultEpisodes: number,
): { episodes: number; gamma: number; seed: number; activation: Activation } {
  assertKnownOptions(where, options, known);
  const activation = options.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'tanh') {
    throw new ValueError(
      `Argument 'activation' passed to '${where}' must be 'relu' or 'tanh', but got ${JSON.stringify(activation)}.`,
    );
  }
  return {
    episodes: assertInteger(where, 'episodes', options.episodes ?? defaultEpisodes),
    gamma: assertNumberInRange(where, 'gamma', options.gamma ?? 0.99, 0, 1),
    seed: assertNumberInRange(where, 'seed', options.seed ?? 0),
    activation,
  };
}

/** The outputs of `network` for one observation, read back as plain numbers. */
export function forwardOne(
  network: Sequential,
  encoder: ObservationEncoder,
  observation: number | ArrayLike<number>,
  scratch: Float32Array,
): Float32Array {
  encoder.write(observation, scratch, 0);
  const out = tf.tidy(() => network.predict(tf.tensor2d(scratch, [1, encoder.size])));
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/** The index of the largest value (first on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] as number) > (values[best] as number)) best = i;
  }
  return best;
}

/** Throws `NotFittedError` unless the agent has been fitted. */
export function assertFitted<T>(where: string, value: T | undefined): T {
  if (value === undefined) {
    throw new NotFittedError(`'${where}' needs a fitted agent: call fit(env) first.`);
  }
  return value;
}

/** Throws unless `observation` has the shape the agent was fitted on. */
export function assertObservation(
  where: string,
  env: Env<unknown>,
  observation: unknown,
): number | ArrayLike<number> {
  const space = env.observationSpace;
  if (space.kind === 'discrete') {
    if (
      typeof observation === 'number' &&
      Number.isInteger(observation) &&
      observation >= 0 &&
      observation < space.n
    ) {
      return observation;
    }
  } else if (
    observation !== null &&
    typeof observation === 'object' &&
    (observation as ArrayLike<number>).length === space.shape[0]
  ) {
    return observation as ArrayLike<number>;
  }
  throw new ValueError(
    `Argument 'observation' passed to '${where}' must be an observation of the environment the agent was fitted on (${space.kind === 'discrete' ? `an integer in 0..${space.n - 1}` : `a vector of length ${space.shape[0]}`}).`,
  );
}
