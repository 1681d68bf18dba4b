import type { Rng } from '@gankit/core';
import { Layer, type Shape } from '../layer';

/**
 * A layer without weights that draws random numbers in training mode (Dropout,
 * GaussianNoise): it keeps the model's generator, built from the model's seed, and gives
 * each call its own tfjs seed from it.
 */
export abstract class RandomLayer extends Layer {
  private rng?: Rng;

  protected buildWeights(inputShape: Shape, rng: Rng): Shape {
    this.rng = rng;
    return inputShape;
  }

  /** A seed for one tfjs random op; tfjs ignores seed 0, so seeds start at 1. */
  protected nextSeed(): number {
    return 1 + (this.rng as Rng).int(2 ** 31 - 2);
  }
}
