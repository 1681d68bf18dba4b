import type { GAN } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from './errors';

/**
 * One exemplar z: cell `index` of the grid that `gankit sample --seed <seed>` draws (cells
 * numbered row by row from 0). Row `index` of `gan.latent(n, seed)` is the same for every
 * `n > index`, so the index names one z whatever the grid's size.
 */
export interface LatentPick {
  index: number;
  seed: number | string;
}

/** `--seed` of the latent commands: an integer when it reads as one, else the text itself. */
export function latentSeed(value: string | undefined): number | string {
  if (value === undefined) return 0;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/**
 * Reads an exemplar list such as `3,7,12` (cells of the grid of `seed`) or `3@1,7` (cell 3 of
 * the grid of seed 1, cell 7 of `seed`'s). Every index must lie in a grid of `gridSize`.
 */
export function parsePicks(
  flag: string,
  value: string,
  seed: number | string,
  gridSize: number,
): LatentPick[] {
  const parts = value.split(',').map((p) => p.trim());
  return parts.map((part) => {
    const match = /^(\d+)(?:@(.+))?$/.exec(part);
    if (!match)
      throw new UsageError(
        `--${flag}: '${part}' is not a sample index; give cell numbers of 'gankit sample --numbered' like 3,7,12 (or 3@1 for cell 3 of the grid of --seed 1)`,
      );
    const index = Number(match[1]);
    if (index >= gridSize)
      throw new UsageError(
        `--${flag}: index ${index} is outside the ${gridSize}-sample grid (0..${gridSize - 1}); give --n if you sampled more`,
      );
    return { index, seed: match[2] === undefined ? seed : latentSeed(match[2]) };
  });
}

/** The z of each pick, in order, as `[picks.length, latentDim]`. The caller disposes it. */
export function pickedLatents(gan: GAN, picks: LatentPick[]): tf.Tensor2D {
  const rows = picks.map((pick) => {
    const all = gan.latent(pick.index + 1, pick.seed);
    const row = tf.slice(all, [pick.index, 0], [1, -1]);
    all.dispose();
    return row;
  });
  const z = tf.concat(rows) as tf.Tensor2D;
  tf.dispose(rows);
  return z;
}
