import { ValueError } from '@gankit/core';
import { type Activation, Dense, Sequential } from '@gankit/nn';

/** Checks a `hiddenUnits` option: an array of positive integers (empty for none). */
export function checkHiddenUnits(where: string, units: unknown): number[] {
  if (!Array.isArray(units) || units.some((u) => !Number.isInteger(u) || u < 1)) {
    throw new ValueError(
      `Argument 'hiddenUnits' passed to '${where}' must be an array of positive integers (one per hidden layer), but got ${JSON.stringify(units)}.`,
    );
  }
  return [...units];
}

/** A multilayer perceptron `inputSize -> hidden... -> outputSize` with a linear output. */
export function multilayerPerceptron(
  name: string,
  inputSize: number,
  hiddenUnits: readonly number[],
  outputSize: number,
  activation: Activation,
  seed: number,
): Sequential {
  const layers = hiddenUnits.map((units) => new Dense({ units, activation }));
  layers.push(new Dense({ units: outputSize }));
  return new Sequential({ name, inputShape: [inputSize], layers, seed });
}

/** Copies every weight of `source` into `target` (same architecture). */
export function copyWeights(source: Sequential, target: Sequential): void {
  const from = source.weights;
  target.weights.forEach((w, i) => {
    w.variable.assign(from[i]!.variable);
  });
}
