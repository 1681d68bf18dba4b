import { assertInteger, assertKnownOptions, ShapeError, ValueError } from '@gankit/core';
import { type RowsInput, readRows } from './arrays';

/** Options of {@link classifierScore}. */
export type ClassifierScoreOptions = {
  /** Split the n rows into this many nearly equal consecutive parts and score each; default 1. */
  splits?: number;
};

/** The result of {@link classifierScore}. */
export type ClassifierScore = {
  /** The mean of the per-split scores. */
  mean: number;
  /** Their standard deviation (population, as the Inception-score code reports; 0 for 1 split). */
  std: number;
  /** One score per split. */
  scores: Float64Array;
  /**
   * Over all rows: the mean entropy of `p(y|x)` (nats; 0 when every sample is classified with
   * certainty). `exp(marginalEntropy - conditionalEntropy)` is the score of all rows as one
   * split, so the two say whether a low score comes from unsure samples or uneven classes.
   */
  conditionalEntropy: number;
  /** Over all rows: the entropy of `p(y)` (nats; ln K when the classes are used evenly). */
  marginalEntropy: number;
  /** Over all rows: the share of samples whose most likely class is each class. */
  classShares: Float64Array;
};

/** Entropy decomposition and argmax shares of all n rows. */
function breakdown(p: Float64Array, n: number, k: number) {
  const marginal = new Float64Array(k);
  const classShares = new Float64Array(k);
  let conditional = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 0; j < k; j++) {
      const pij = p[i * k + j] as number;
      marginal[j] = (marginal[j] as number) + pij / n;
      if (pij > 0) conditional -= (pij * Math.log(pij)) / n;
      if (pij > (p[i * k + best] as number)) best = j;
    }
    classShares[best] = (classShares[best] as number) + 1 / n;
  }
  const marginalEntropy = marginal.reduce((h, q) => (q > 0 ? h - q * Math.log(q) : h), 0);
  return { conditionalEntropy: conditional, marginalEntropy, classShares };
}

/** `exp(mean_x KL(p(y|x) ‖ p(y)))` over rows [start, end) of row-major `p` with `k` columns. */
function scoreOfRows(p: Float64Array, k: number, start: number, end: number): number {
  const marginal = new Float64Array(k);
  for (let i = start; i < end; i++) {
    for (let j = 0; j < k; j++) marginal[j] = (marginal[j] as number) + (p[i * k + j] as number);
  }
  const count = end - start;
  for (let j = 0; j < k; j++) marginal[j] = (marginal[j] as number) / count;
  let kl = 0;
  for (let i = start; i < end; i++) {
    for (let j = 0; j < k; j++) {
      const pij = p[i * k + j] as number;
      // 0 log 0 = 0; pij > 0 implies marginal[j] > 0.
      if (pij > 0) kl += pij * Math.log(pij / (marginal[j] as number));
    }
  }
  return Math.exp(kl / count);
}

function assertProbabilityRows(where: string, p: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const v = p[i * k + j] as number;
      if (v < 0 || v > 1) {
        throw new ValueError(
          `Argument 'probs' passed to '${where}' must hold probabilities in [0, 1], but entry [${i}, ${j}] is ${v}.`,
        );
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) {
      throw new ValueError(
        `Argument 'probs' passed to '${where}' must have rows summing to 1 (softmax outputs), but row ${i} sums to ${sum}.`,
      );
    }
  }
}

/**
 * The classifier score, the Inception score (Salimans et al. 2016) computed with any
 * classifier's predicted class probabilities:
 *
 * `score = exp( E_x KL(p(y|x) ‖ p(y)) )`, with `p(y) = mean_x p(y|x)` over the same rows.
 *
 * It is high (up to K) when each sample is classified confidently (low-entropy `p(y|x)`) and
 * the classes are used evenly (high-entropy `p(y)`): K confident, balanced classes give K;
 * everything in one class gives 1. With `splits: s` the rows are cut into s consecutive parts
 * of nearly equal size (part i holds rows ⌊i n/s⌋ to ⌊(i+1) n/s⌋), each scored on its own
 * marginal; the result reports their mean and standard deviation, like the original code
 * (10 splits of 50 000 samples). It also reports, over all rows, the two entropies the
 * score is made of and the share of samples in each class.
 *
 * @param probs `[n, K]` class probabilities (rows in [0, 1] summing to 1 within 1e-3; checked).
 */
export function classifierScore(
  probs: RowsInput,
  options?: ClassifierScoreOptions,
): ClassifierScore {
  const where = 'classifierScore';
  assertKnownOptions(where, options, ['splits']);
  const splits = assertInteger(where, 'splits', options?.splits ?? 1, 1);
  const { data, rows: n, cols: k } = readRows(where, 'probs', probs);
  if (n < splits || k < 1) {
    throw new ShapeError(
      `Argument 'probs' passed to '${where}' must have at least 'splits' = ${splits} rows and 1 column, but got shape [${n}, ${k}].`,
    );
  }
  assertProbabilityRows(where, data, n, k);
  const scores = new Float64Array(splits);
  for (let s = 0; s < splits; s++) {
    scores[s] = scoreOfRows(
      data,
      k,
      Math.floor((s * n) / splits),
      Math.floor(((s + 1) * n) / splits),
    );
  }
  const mean = scores.reduce((a, b) => a + b, 0) / splits;
  const variance = scores.reduce((a, b) => a + (b - mean) ** 2, 0) / splits;
  return { mean, std: Math.sqrt(variance), scores, ...breakdown(data, n, k) };
}
