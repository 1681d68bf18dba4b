import { createRng, randomNormal } from '@gankit/core';
import { gridOfGaussians, ringOfGaussians } from '@gankit/datasets/browser';
import { GAN, mlpDiscriminator, type StepLogs } from '@gankit/gan';
import { Dense, ReLU, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { FromWorker, Mixture } from './protocol';
import { TrainingRun } from './training_run';

const POINTS = 8192;
const BATCH = 128;
const LATENT = 8;
const SHOWN = 512;
const RESOLUTION = 48;
const FRAME_MS = 120;

/** How far the view reaches around each mixture (ring radius 2; grid means at -4..4). */
const EXTENT: Record<Mixture, number> = { ring: 3, grid: 5.5 };

/**
 * A small GAN on 2D points, as in GAN Lab: G maps 8-dimensional noise through two
 * ReLU layers to a point (linear output, so it can reach the whole plane); D is an MLP
 * giving a logit. Frames carry G's output on fixed z and D's probability over a grid.
 */
export class Gan2dSession {
  private readonly run: TrainingRun;
  private readonly z: tf.Tensor2D;
  private readonly grid: tf.Tensor2D;
  private lastFrame = 0;

  constructor(
    readonly mixture: Mixture,
    private readonly post: (message: FromWorker, transfer?: Transferable[]) => void,
  ) {
    const sample =
      mixture === 'ring'
        ? ringOfGaussians({ n: POINTS, seed: 1 })
        : gridOfGaussians({ n: POINTS, seed: 1 });
    const real = new Float32Array(sample.points[0]?.buffer ?? new ArrayBuffer(0), 0, POINTS * 2);
    const gan = new GAN({
      generator: pointGenerator(1),
      discriminator: mlpDiscriminator({ sampleShape: [2], hidden: [64, 64], seed: 1 }),
      learningRate: 1e-3,
      beta1: 0.5,
      seed: 1,
    });
    this.run = new TrainingRun(gan, tf.tensor2d(real, [POINTS, 2]), BATCH, (step, logs) =>
      this.onStep(step, logs),
    );
    this.z = randomNormal(createRng('web:gan2d:z'), [SHOWN, LATENT]) as tf.Tensor2D;
    this.grid = surfaceGrid(EXTENT[mixture]);
    const shown = real.slice(0, 2 * 2000);
    post({ type: 'gan2d:setup', real: shown, extent: EXTENT[mixture] }, [shown.buffer]);
    this.postFrame({ dLoss: Number.NaN, gLoss: Number.NaN, dReal: Number.NaN, dFake: Number.NaN });
  }

  get isRunning(): boolean {
    return this.run.isRunning;
  }

  start(): Promise<void> {
    return this.run.start();
  }

  pause(): Promise<void> {
    return this.run.pause();
  }

  async dispose(): Promise<void> {
    await this.run.dispose();
    tf.dispose([this.z, this.grid]);
  }

  private onStep(_step: number, logs: StepLogs): void {
    const now = performance.now();
    if (now - this.lastFrame < FRAME_MS) return;
    this.lastFrame = now;
    this.postFrame(logs);
  }

  private postFrame(logs: StepLogs): void {
    const gan = this.run.gan;
    const [fakeT, surfaceT] = tf.tidy(() => [
      gan.generate(SHOWN, { z: this.z }),
      tf.sigmoid(gan.discriminator.predict(this.grid)),
    ]);
    const fake = fakeT.dataSync() as Float32Array;
    const surface = surfaceT.dataSync() as Float32Array;
    tf.dispose([fakeT, surfaceT]);
    this.post(
      {
        type: 'gan2d:frame',
        step: this.run.step,
        dReal: logs.dReal,
        dFake: logs.dFake,
        losses: this.run.takeLosses(),
        fake,
        surface,
        resolution: RESOLUTION,
      },
      [fake.buffer, surface.buffer],
    );
  }
}

function pointGenerator(seed: number): Sequential {
  return new Sequential({
    name: 'generator',
    inputShape: [LATENT],
    layers: [
      new Dense({ units: 64 }),
      new ReLU(),
      new Dense({ units: 64 }),
      new ReLU(),
      new Dense({ units: 2 }),
    ],
    seed: `${seed}:generator`,
  });
}

/** Cell centres of a RESOLUTION x RESOLUTION grid over [-extent, extent]², top row first. */
function surfaceGrid(extent: number): tf.Tensor2D {
  const cells = new Float32Array(RESOLUTION * RESOLUTION * 2);
  const size = (2 * extent) / RESOLUTION;
  for (let row = 0; row < RESOLUTION; row++) {
    for (let col = 0; col < RESOLUTION; col++) {
      const k = 2 * (row * RESOLUTION + col);
      cells[k] = -extent + (col + 0.5) * size;
      cells[k + 1] = extent - (row + 0.5) * size;
    }
  }
  return tf.tensor2d(cells, [RESOLUTION * RESOLUTION, 2]);
}
