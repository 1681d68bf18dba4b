import { assertInteger, type Rng, ShapeError } from '@gankit/core';

/**
 * An isotropic Gaussian mixture in 2-D: component `k` has mean
 * `(means[2k], means[2k + 1])`, standard deviation `stds[k]` in each direction, and
 * probability `weights[k]`.
 */
export interface GaussianMixture2D {
  readonly means: Float64Array;
  readonly stds: Float64Array;
  readonly weights: Float64Array;
}

/**
 * Points drawn from a 2-D mixture, with the mixture itself (for mode coverage and
 * log-likelihood).
 */
export interface MixtureSample extends GaussianMixture2D {
  /** One `[x, y]` row per point; the rows are views on one Float32Array (`points[0].buffer`). */
  readonly points: Float32Array[];
  /** The mixture component each point was drawn from (an index into `means`). */
  readonly components: Int32Array;
  /**
   * The coarse group of each point: the component for the ring, grid and blobs; the moon
   * (0 or 1) for two moons; 0 for every point of the swiss roll, which is one piece.
   */
  readonly classes: Int32Array;
}

function pickComponent(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < (cumulative[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Splits one flat buffer into `[x, y]` row views. */
export function pointRows(flat: Float32Array): Float32Array[] {
  const rows: Float32Array[] = new Array(flat.length / 2);
  for (let i = 0; i < rows.length; i++) rows[i] = flat.subarray(2 * i, 2 * i + 2);
  return rows;
}

/**
 * Draws `n` points from `mixture` with `rng`: a component by its weight, then a Gaussian
 * offset around its mean. `classOf` maps a component to its coarse group.
 */
export function sampleMixture(
  where: string,
  mixture: GaussianMixture2D,
  n: unknown,
  rng: Rng,
  classOf: (component: number) => number = (k) => k,
): MixtureSample {
  const count = assertInteger(where, 'n', n);
  const k = mixture.weights.length;
  const cumulative = new Float64Array(k);
  let total = 0;
  for (let j = 0; j < k; j++) {
    total += mixture.weights[j] as number;
    cumulative[j] = total;
  }
  const flat = new Float32Array(2 * count);
  const components = new Int32Array(count);
  const classes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = pickComponent(cumulative, rng.next() * total);
    const s = mixture.stds[c] as number;
    components[i] = c;
    classes[i] = classOf(c);
    flat[2 * i] = (mixture.means[2 * c] as number) + s * rng.normal();
    flat[2 * i + 1] = (mixture.means[2 * c + 1] as number) + s * rng.normal();
  }
  return { ...mixture, points: pointRows(flat), components, classes };
}

function pointAt(
  where: string,
  points: ArrayLike<ArrayLike<number>>,
  i: number,
): ArrayLike<number> {
  const p = points[i];
  if (p === null || typeof p !== 'object' || p.length !== 2) {
    throw new ShapeError(
      `Argument 'points' passed to '${where}' must be rows of 2 numbers [x, y], but row ${i} is not.`,
    );
  }
  return p;
}

/**
 * The log density of `mixture` at each point (natural log, exact for the mixture,
 * computed with log-sum-exp). The mean of it over a generator's samples is the
 * log-likelihood a GAN evaluation reports.
 */
export function mixtureLogDensity(
  mixture: GaussianMixture2D,
  points: ArrayLike<ArrayLike<number>>,
): Float64Array {
  const where = 'mixtureLogDensity';
  const k = mixture.weights.length;
  const logTerms = new Float64Array(k);
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = pointAt(where, points, i);
    const x = p[0] as number;
    const y = p[1] as number;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const s2 = (mixture.stds[j] as number) ** 2;
      const dx = x - (mixture.means[2 * j] as number);
      const dy = y - (mixture.means[2 * j + 1] as number);
      const t =
        Math.log(mixture.weights[j] as number) -
        Math.log(2 * Math.PI * s2) -
        (dx * dx + dy * dy) / (2 * s2);
      logTerms[j] = t;
      if (t > max) max = t;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((logTerms[j] as number) - max);
    out[i] = max + Math.log(sum);
  }
  return out;
}
