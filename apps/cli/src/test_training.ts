import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCheckpoint } from '@gankit/gan';
import { type TrainFlags, trainCommand } from './commands/train';
import { models } from './models';
import { quietly } from './test_output';

/**
 * Test helper: runs `gankit train gan` on a 2D mixture with `flags` (which must name the data
 * and the seed) in a fresh folder, then reads one network's weights back from its checkpoint.
 */
export async function trainedGanWeights(
  flags: TrainFlags & { seed: string },
  network: 'generator' | 'discriminator',
): Promise<{ out: string; values: number[] }> {
  const out = mkdtempSync(join(tmpdir(), 'gankit-trained-'));
  await quietly(() => trainCommand('gan', { ...flags, out }));
  const gan = (models.gan as (typeof models)['gan']).create(
    { seed: Number(flags.seed), learningRate: 1e-3 },
    [2],
  );
  await loadCheckpoint(gan, join(out, 'checkpoint'), 'GAN');
  const values = gan[network].weights.flatMap((w) => Array.from(w.variable.dataSync()));
  gan.dispose();
  return { out, values };
}
