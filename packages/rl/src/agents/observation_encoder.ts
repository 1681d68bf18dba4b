import { ValueError } from '@gankit/core';
import type { Env } from '../env';

/**
 * Turns observations into network inputs: a box observation is copied as it is, a
 * discrete one becomes a one-hot vector (so network agents also run on FrozenLake).
 */
export interface ObservationEncoder {
  /** Length of one encoded observation. */
  readonly size: number;
  /** Writes the encoding of `observation` into `out` at `offset`. */
  write(observation: number | ArrayLike<number>, out: Float32Array, offset: number): void;
}

/** The encoder for an environment's observation space. */
export function observationEncoder(where: string, env: Env<unknown>): ObservationEncoder {
  const space = env?.observationSpace;
  if (
    env?.actionSpace?.kind !== 'discrete' ||
    (space?.kind !== 'box' && space?.kind !== 'discrete')
  ) {
    throw new ValueError(
      `Argument 'env' passed to '${where}' must be an environment with discrete actions and a box or discrete observation space.`,
    );
  }
  if (space.kind === 'discrete') {
    const n = space.n;
    return {
      size: n,
      write(observation, out, offset) {
        out.fill(0, offset, offset + n);
        out[offset + (observation as number)] = 1;
      },
    };
  }
  const size = space.shape.reduce((a, b) => a * b, 1);
  return {
    size,
    write(observation, out, offset) {
      const values = observation as ArrayLike<number>;
      for (let i = 0; i < size; i++) out[offset + i] = values[i] as number;
    },
  };
}
