import { ValueError } from '@gankit/core';
import { assertSameLength, readVector, type VectorInput } from '../input';

function readPair(
  where: string,
  yTrue: VectorInput,
  yPred: VectorInput,
): [Float64Array, Float64Array] {
  const t = readVector(where, 'yTrue', yTrue);
  const p = readVector(where, 'yPred', yPred);
  if (p.length !== t.length) assertSameLengthAs(where, t.length, p.length);
  return [t, p];
}

function assertSameLengthAs(where: string, expected: number, got: number) {
  assertSameLength(where, 'yPred', got, expected);
}

/** Mean squared error: the mean of (yTrue - yPred)². */
export function meanSquaredError(yTrue: VectorInput, yPred: VectorInput): number {
  const [t, p] = readPair('meanSquaredError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += ((t[i] as number) - (p[i] as number)) ** 2;
  return s / t.length;
}

/** Root mean squared error: the square root of {@link meanSquaredError}, in the units of y. */
export function rootMeanSquaredError(yTrue: VectorInput, yPred: VectorInput): number {
  const [t, p] = readPair('rootMeanSquaredError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += ((t[i] as number) - (p[i] as number)) ** 2;
  return Math.sqrt(s / t.length);
}

/** Mean absolute error: the mean of |yTrue - yPred|. */
export function meanAbsoluteError(yTrue: VectorInput, yPred: VectorInput): number {
  const [t, p] = readPair('meanAbsoluteError', yTrue, yPred);
  let s = 0;
  for (let i = 0; i < t.length; i++) s += Math.abs((t[i] as number) - (p[i] as number));
  return s / t.length;
}

/**
 * The coefficient of determination R² = 1 - SS_res / SS_tot: 1 for a perfect fit, 0 for
 * always predicting the mean, negative for worse. Like scikit-learn, a constant `yTrue`
 * gives 1 for a perfect prediction and 0 otherwise.
 */
export function r2Score(yTrue: VectorInput, yPred: VectorInput): number {
  const [t, p] = readPair('r2Score', yTrue, yPred);
  return r2(t, p);
}

/** R² of two checked float64 vectors of equal length. */
export function r2(t: Float64Array, p: Float64Array): number {
  if (t.length < 2) {
    throw new ValueError(
      `Argument 'yTrue' passed to 'r2Score' must have at least 2 entries, but got ${t.length}.`,
    );
  }
  let mean = 0;
  for (let i = 0; i < t.length; i++) mean += t[i] as number;
  mean /= t.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < t.length; i++) {
    ssRes += ((t[i] as number) - (p[i] as number)) ** 2;
    ssTot += ((t[i] as number) - mean) ** 2;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
