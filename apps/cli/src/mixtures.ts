import { gridOfGaussians, type MixtureSample, ringOfGaussians } from '@gankit/datasets';

/** The 2D data sets of `gankit train gan --data`. */
export type MixtureName = 'ring' | 'grid';

/** Whether `--data` names a 2D mixture. */
export function isMixture(data: string): data is MixtureName {
  return data === 'ring' || data === 'grid';
}

/**
 * `n` points of the mixture `gankit train --data <name>` trains on (the datasets' defaults:
 * ring of 8 at radius 2 with std 0.02, 5x5 grid at spacing 2 with std 0.05), with its means.
 */
export function mixtureSample(name: MixtureName, n: number, seed: number): MixtureSample {
  return name === 'ring' ? ringOfGaussians({ n, seed }) : gridOfGaussians({ n, seed });
}

/** "ring of 8 Gaussians (std 0.02)" and the like, for reports. */
export function describeMixture(name: MixtureName, mixture: MixtureSample): string {
  const k = mixture.weights.length;
  const shape = name === 'ring' ? `ring of ${k}` : `${Math.sqrt(k)}x${Math.sqrt(k)} grid of ${k}`;
  return `${shape} Gaussians (std ${mixture.stds[0]})`;
}
