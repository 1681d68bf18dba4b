import { createRng, randomNormal } from '@gankit/core';
import { imageGrid, interpolate, latentArithmetic, mlpGenerator } from '@gankit/gan';
import { assignWeights, decodeArtifacts, parseModelJson, type Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { byId, h } from '../dom';

const LATENT = 64;
const POOL = 32;
const STEPS = 10;
const modelUrl = new URL(
  `${import.meta.env.BASE_URL}pretrained/generator/model.json`,
  location.href,
).href;

/**
 * Latent interpolation and arithmetic with the generator the app ships (an MLP GAN
 * trained on MNIST by `gankit train gan`; only G's weights are bundled).
 */
export async function mountLatent(): Promise<void> {
  const about = byId('latent-about', HTMLParagraphElement);
  const generator = mlpGenerator({ latentDim: LATENT });
  const trainedWith = await loadWeights(generator, modelUrl);
  about.textContent = `A ${LATENT}-dimensional z goes through G (64-256-256-784). ${trainedWith}`;
  about.dataset.ready = 'true';

  const a = byId('latent-a', HTMLInputElement);
  const b = byId('latent-b', HTMLInputElement);
  const mode = byId('latent-mode', HTMLSelectElement);
  const walk = () =>
    drawWalk(generator, Number(a.value), Number(b.value), mode.value as 'linear' | 'spherical');
  for (const input of [a, b, mode]) input.addEventListener('change', walk);
  walk();

  mountArithmetic(generator);
}

/**
 * Loads weights saved by @gankit/nn (`model.json` + weights file) over HTTP into `model`
 * and returns the note the export script left in the topology. (The page fetches the two
 * files itself: bundlers drop tfjs's self-registering HTTP handler, which
 * `loadModelFromUrl` would look up.)
 */
async function loadWeights(model: Sequential, url: string): Promise<string> {
  const { json, weightsPath } = parseModelJson(await fetchOk(url).then((r) => r.text()), url);
  const weightData = await fetchOk(new URL(weightsPath, url).href).then((r) => r.arrayBuffer());
  const weightSpecs = json.weightsManifest[0]?.weights ?? [];
  assignWeights(model.weights, decodeArtifacts({ weightSpecs, weightData }, url), url);
  return String(json.modelTopology.trainedWith ?? '');
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** z for a seed, as `GAN.latent` draws it. The caller disposes it. */
function latentOf(seed: number | string, n = 1): tf.Tensor2D {
  return randomNormal(createRng(seed), [n, LATENT]) as tf.Tensor2D;
}

/** Decodes `z` into `[n, 28, 28, 1]` images in [-1, 1]. */
function decode(generator: Sequential, z: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => generator.predict(z).reshape([z.shape[0], 28, 28, 1]) as tf.Tensor4D);
}

function paint(
  canvas: HTMLCanvasElement,
  images: tf.Tensor4D,
  cols: number,
  padding: number,
): void {
  const grid = imageGrid(images, { cols, padding });
  canvas.width = grid.width;
  canvas.height = grid.height;
  canvas
    .getContext('2d')
    ?.putImageData(
      new ImageData(grid.data as Uint8ClampedArray<ArrayBuffer>, grid.width, grid.height),
      0,
      0,
    );
}

function drawWalk(
  generator: Sequential,
  seedA: number,
  seedB: number,
  mode: 'linear' | 'spherical',
): void {
  const [z0, z1] = [latentOf(seedA), latentOf(seedB)];
  const path = interpolate(z0, z1, STEPS, mode);
  const images = decode(generator, path);
  paint(byId('latent-walk', HTMLCanvasElement), images, STEPS, 2);
  tf.dispose([z0, z1, path, images]);
}

function mountArithmetic(generator: Sequential): void {
  const poolSeed = byId('latent-pool-seed', HTMLInputElement);
  const poolBox = byId('latent-pool', HTMLDivElement);
  // Which set (0 = A, 1 = B, 2 = C) each pool sample is in, if any.
  let membership = new Map<number, number>([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);
  let pool = latentOf(Number(poolSeed.value), POOL);

  const currentSet = () =>
    Number(
      document.querySelector<HTMLInputElement>('input[name="latent-set"]:checked')?.value ?? 0,
    );

  const drawPool = () => {
    const images = decode(generator, pool);
    const tiles = tf.split(images, POOL);
    poolBox.replaceChildren(
      ...tiles.map((tile, k) => {
        const canvas = h('canvas', { 'data-index': String(k) });
        paint(canvas, tile as tf.Tensor4D, 1, 0);
        const set = membership.get(k);
        if (set !== undefined) canvas.classList.add(`set-${set}`);
        canvas.addEventListener('click', () => {
          if (membership.get(k) === currentSet()) membership.delete(k);
          else membership.set(k, currentSet());
          drawPool();
        });
        return canvas;
      }),
    );
    tf.dispose([images, ...tiles]);
    drawEquation();
  };

  const drawEquation = () => {
    const box = byId('latent-equation', HTMLDivElement);
    const sets = [0, 1, 2].map((set) =>
      [...membership].filter(([, s]) => s === set).map(([k]) => k),
    );
    if (sets.some((indices) => indices.length === 0)) {
      box.replaceChildren('Put at least one sample in each of A, B and C.');
      return;
    }
    const [add1, sub, add2] = sets.map((indices) =>
      tf.tidy(() => tf.gather(pool, tf.tensor1d(indices, 'int32'))),
    ) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const means = [add1, sub, add2].map((z) => latentArithmetic({ add: [z] }));
    const result = latentArithmetic({ add: [add1, add2], subtract: [sub] });
    const tile = (z: tf.Tensor2D, title: string) => {
      const canvas = h('canvas', { title });
      const image = decode(generator, z);
      paint(canvas, image, 1, 0);
      image.dispose();
      return canvas;
    };
    box.replaceChildren(
      tile(means[0] as tf.Tensor2D, 'mean of A'),
      '−',
      tile(means[1] as tf.Tensor2D, 'mean of B'),
      '+',
      tile(means[2] as tf.Tensor2D, 'mean of C'),
      '=',
      tile(result, 'result'),
    );
    tf.dispose([add1, sub, add2, ...means, result]);
  };

  poolSeed.addEventListener('change', () => {
    pool.dispose();
    pool = latentOf(Number(poolSeed.value), POOL);
    membership = new Map([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    drawPool();
  });
  byId('latent-clear', HTMLButtonElement).addEventListener('click', () => {
    membership = new Map();
    drawPool();
  });
  drawPool();
}
