import { assertInteger, assertKnownOptions, assertNumberInRange, ShapeError } from '@gankit/core';
import { type RowsInput, readRows } from './arrays';

/** Options of {@link modeCoverage}. */
export type ModeCoverageOptions = {
  /** A sample is high quality when closer than `threshold` standard deviations to its nearest mode; default 3. */
  threshold?: number;
  /** A mode is covered when at least this many high-quality samples are nearest to it; default 1. */
  minCount?: number;
};

/** The result of {@link modeCoverage}. */
export type ModeCoverage = {
  /** How many modes have at least `minCount` high-quality samples. */
  modesCovered: number;
  /** High-quality samples over all samples, in [0, 1]. */
  highQualityFraction: number;
  /** For each mode, the number of high-quality samples nearest to it. */
  perModeCounts: Int32Array;
};

/**
 * Mode coverage and sample quality on a mixture of isotropic Gaussians (the 2-D ring of 8 and
 * grid of 25 of VEEGAN and PacGAN), with PacGAN's rule (Lin et al. 2018; their released
 * evaluation code, `MetricLogger` in `synthetic_data_experiments/PacGAN/pacgan/extensions.py`
 * of github.com/fjxmlzn/PacGAN, which follows VEEGAN, Srivastava et al. 2017):
 *
 * - each sample is assigned to its nearest mode, by distance in units of the mode's standard
 *   deviation;
 * - it is high quality when that distance is strictly below `threshold` (3) std;
 * - a mode is covered ("captured") when it has at least one high-quality sample (`minCount`
 *   1 is PacGAN's rule; raise it for a stricter count);
 * - `highQualityFraction` is the number of high-quality samples over all samples.
 *
 * @param samples `[n, d]` generated points (d = 2 for the ring and grid).
 * @param means `[M, d]` the mixture's means.
 * @param std the components' common standard deviation (> 0).
 */
export function modeCoverage(
  samples: RowsInput,
  means: RowsInput,
  std: number,
  options?: ModeCoverageOptions,
): ModeCoverage {
  const where = 'modeCoverage';
  assertKnownOptions(where, options, ['threshold', 'minCount']);
  const threshold = assertNumberInRange(
    where,
    'threshold',
    options?.threshold ?? 3,
    Number.MIN_VALUE,
  );
  const minCount = assertInteger(where, 'minCount', options?.minCount ?? 1, 1);
  assertNumberInRange(where, 'std', std, Number.MIN_VALUE);
  const x = readRows(where, 'samples', samples);
  const mu = readRows(where, 'means', means);
  if (x.cols !== mu.cols) {
    throw new ShapeError(
      `Arguments 'samples' and 'means' passed to '${where}' must have the same number of columns, but got [${x.rows}, ${x.cols}] and [${mu.rows}, ${mu.cols}].`,
    );
  }
  const d = x.cols;
  const perModeCounts = new Int32Array(mu.rows);
  const limit2 = (threshold * std) ** 2;
  let highQuality = 0;
  for (let i = 0; i < x.rows; i++) {
    let best = -1;
    let bestDistance2 = Number.POSITIVE_INFINITY;
    for (let m = 0; m < mu.rows; m++) {
      let dist2 = 0;
      for (let j = 0; j < d; j++)
        dist2 += ((x.data[i * d + j] as number) - (mu.data[m * d + j] as number)) ** 2;
      if (dist2 < bestDistance2) {
        bestDistance2 = dist2;
        best = m;
      }
    }
    if (bestDistance2 < limit2) {
      perModeCounts[best] = (perModeCounts[best] as number) + 1;
      highQuality++;
    }
  }
  let modesCovered = 0;
  for (const count of perModeCounts) if (count >= minCount) modesCovered++;
  return { modesCovered, highQualityFraction: highQuality / x.rows, perModeCounts };
}
