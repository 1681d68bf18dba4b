import type { Rng } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { KMeansData } from './kmeans_data';

/**
 * k-means++ seeding as scikit-learn does it: the first center uniformly at random, then each
 * next one the best of `2 + floor(ln k)` candidates drawn with probability proportional to
 * the squared distance to the nearest chosen center ("greedy" k-means++), best meaning the
 * lowest total squared distance once it is added. Returns k x d centers, row-major.
 */
export function kmeansPlusPlus(data: KMeansData, k: number, rng: Rng): Float64Array {
  const { n, d, values } = data;
  const trials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const first = rng.int(n);
  copyRow(values, first, centers, 0, d);
  const closest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const cumulative = new Float64Array(n);
  let potential = tighten(closest, cumulative, dotsWithRows(data, [first]), [first], 0, data);
  for (let c = 1; c < k; c++) {
    const candidates = drawCandidates(cumulative, potential, trials, rng);
    const dots = dotsWithRows(data, candidates);
    const best = lowestPotential(closest, dots, candidates, data);
    potential = tighten(closest, cumulative, dots, candidates, best, data);
    copyRow(values, candidates[best] as number, centers, c, d);
  }
  return centers;
}

/** Squared distance of row i to a candidate row from their dot product: ||a||² - 2ab + ||b||². */
function squaredFromDot(normA: number, normB: number, dot: number): number {
  const v = normA + normB - 2 * dot;
  return Math.max(v, 0);
}

/** Index of the candidate whose addition gives the lowest total squared distance. */
function lowestPotential(
  closest: Float64Array,
  dots: Float32Array,
  candidates: readonly number[],
  data: KMeansData,
): number {
  const r = candidates.length;
  const { n, norms } = data;
  let best = 0;
  let bestPotential = Number.POSITIVE_INFINITY;
  for (let c = 0; c < r; c++) {
    const candidateNorm = norms[candidates[c] as number] as number;
    let potential = 0;
    for (let i = 0, at = c; i < n; i++, at += r) {
      const v = squaredFromDot(norms[i] as number, candidateNorm, dots[at] as number);
      potential += Math.min(v, closest[i] as number);
    }
    if (potential < bestPotential) {
      bestPotential = potential;
      best = c;
    }
  }
  return best;
}

/**
 * Lowers each row's squared distance to its nearest chosen center with candidate `which`,
 * refreshes the running sums used for sampling and returns the new total.
 */
function tighten(
  closest: Float64Array,
  cumulative: Float64Array,
  dots: Float32Array,
  candidates: readonly number[],
  which: number,
  data: KMeansData,
): number {
  const r = candidates.length;
  const { n, norms } = data;
  const chosenNorm = norms[candidates[which] as number] as number;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = squaredFromDot(norms[i] as number, chosenNorm, dots[i * r + which] as number);
    const current = closest[i] as number;
    const next = Math.min(v, current);
    closest[i] = next;
    total += next;
    cumulative[i] = total;
  }
  return total;
}

/** k distinct rows chosen uniformly at random: the 'random' initialisation. */
export function randomRows(data: KMeansData, k: number, rng: Rng): Float64Array {
  const rows = rng.permutation(data.n).subarray(0, k);
  const centers = new Float64Array(k * data.d);
  rows.forEach((row, c) => {
    copyRow(data.values, row, centers, c, data.d);
  });
  return centers;
}

/** Draws rows with probability proportional to their weight, from the running sums (left-sided search). */
function drawCandidates(
  cumulative: Float64Array,
  total: number,
  count: number,
  rng: Rng,
): number[] {
  const picks: number[] = [];
  for (let t = 0; t < count; t++) {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < r) lo = mid + 1;
      else hi = mid;
    }
    picks.push(lo);
  }
  return picks;
}

/**
 * Dot products of every row of the data with the given rows: one product of the data
 * (n x d) and the transposed rows (d x r) on the backend. Returns n x r values, row-major.
 */
function dotsWithRows(data: KMeansData, rows: readonly number[]): Float32Array {
  const { d, values } = data;
  const r = rows.length;
  const pickedT = new Float32Array(d * r);
  rows.forEach((row, c) => {
    for (let j = 0; j < d; j++) pickedT[j * r + c] = values[row * d + j] as number;
  });
  const product = tf.tidy(() => tf.matMul(data.x, tf.tensor2d(pickedT, [d, r])));
  const dots = product.dataSync() as Float32Array;
  product.dispose();
  return dots;
}

function copyRow(from: Float32Array, row: number, to: Float64Array, at: number, d: number): void {
  for (let j = 0; j < d; j++) to[at * d + j] = from[row * d + j] as number;
}
