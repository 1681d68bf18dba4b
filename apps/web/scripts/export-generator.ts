// Copies the generator's weights out of a `gankit train gan` checkpoint into
// public/pretrained/generator, the only part of the model the latent-space view needs
// (the checkpoint also holds D and both optimizers' moments, ~6x the size).
//
//   pnpm --filter @gankit/cli build
//   node apps/cli/dist/main.js train gan --epochs 10 --out /tmp/gan
//   pnpm --filter @gankit/gan... build   # the script runs on the built packages
//   npx tsx apps/web/scripts/export-generator.ts /tmp/gan/checkpoint
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@gankit/core';
import { mlpGenerator } from '@gankit/gan';
import { assignWeights, loadTensors, saveTensors } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';

const checkpoint = process.argv[2];
if (!checkpoint) {
  console.error('usage: export-generator.ts <checkpoint dir>');
  process.exit(1);
}
const out = fileURLToPath(new URL('../public/pretrained/generator', import.meta.url));

await initBackend();
const { tensors, topology } = await loadTensors(checkpoint);
const info = topology.gankitCheckpoint as { step: number; model: string; seed: number | string };
if (info?.model !== 'GAN')
  throw new Error(`${checkpoint}: expected a GAN checkpoint, got ${info?.model}`);
const generator = mlpGenerator({ latentDim: 64 });
const prefix = 'generator/';
const weights = new Map(
  [...tensors]
    .filter(([name]) => name.startsWith(prefix))
    .map(([name, t]) => [name.slice(prefix.length), t]),
);
tf.dispose([...tensors].filter(([name]) => !name.startsWith(prefix)).map(([, t]) => t));
assignWeights(generator.weights, weights, checkpoint);
await rm(out, { recursive: true, force: true });
const trainedWith = `Trained by \`gankit train gan\` (seed ${info.seed}) for ${info.step} steps (batches of 100 MNIST training digits: ${(info.step / 600).toFixed(1)} epochs).`;
await saveTensors(
  out,
  generator.weights.map((w) => ({ name: w.name, tensor: w.variable })),
  { name: 'generator', layers: generator.layers.map((l) => l.name), trainedWith },
);
console.log(`wrote ${out}: ${trainedWith}`);
