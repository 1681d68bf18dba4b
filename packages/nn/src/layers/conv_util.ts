import { assertInteger, assertOneOf, ShapeError, ValueError } from '@gankit/core';
import type { Shape } from '../layer';

/** `'same'` keeps `ceil(size / stride)` outputs; `'valid'` uses only whole windows. */
export type Padding = 'same' | 'valid';

/** A size given as one number for both axes or as `[height, width]`. */
export type Pair = number | [number, number];

/** Reads a `Pair` option as `[height, width]` integers >= 1. */
export function pair(where: string, name: string, value: Pair): [number, number] {
  const p: [number, number] = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(p) || p.length !== 2) {
    throw new ValueError(
      `Argument '${name}' passed to '${where}' must be a number or [height, width], but got ${String(value)}.`,
    );
  }
  return [assertInteger(where, name, p[0]), assertInteger(where, name, p[1])];
}

/** Checks a padding option. */
export function padding(where: string, value: unknown): Padding {
  return assertOneOf(where, 'padding', value ?? 'same', ['same', 'valid']);
}

/** Checks that a conv layer's input is `[height, width, channels]` and returns it. */
export function imageShape(
  layerName: string,
  kind: string,
  inputShape: Shape,
): [number, number, number] {
  if (inputShape.length !== 3) {
    throw new ShapeError(
      `Layer '${layerName}' (${kind}) needs inputs of shape [batch, height, width, channels], but its input shape is [batch, ${inputShape.join(', ')}].`,
    );
  }
  return inputShape as [number, number, number];
}
