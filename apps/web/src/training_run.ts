import { type GAN, type StepLogs, train } from '@gankit/gan';
import type * as tf from '@tensorflow/tfjs-core';
import type { LossTrace } from './protocol';

/**
 * A GAN training that can be paused and resumed: each start calls the library's `train`
 * with an AbortSignal, and the step count carries on across pauses.
 */
export class TrainingRun {
  step = 0;
  private controller: AbortController | undefined;
  private running: Promise<void> | undefined;
  private trace: LossTrace = { steps: [], dLoss: [], gLoss: [] };

  constructor(
    readonly gan: GAN,
    readonly x: tf.Tensor,
    readonly batchSize: number,
    private readonly onStep: (step: number, logs: StepLogs) => void,
  ) {}

  get isRunning(): boolean {
    return this.controller !== undefined;
  }

  /** Trains until paused; resolves when training has stopped. */
  start(): Promise<void> {
    if (this.running) return this.running;
    const controller = new AbortController();
    this.controller = controller;
    const first = this.step;
    this.running = train(this.gan, this.x, {
      epochs: 1_000_000,
      batchSize: this.batchSize,
      // A fresh data order after each pause, still reproducible from the step count.
      seed: `web:${first}`,
      signal: controller.signal,
      onBatchEnd: (s, logs) => {
        this.step = first + s;
        this.trace.steps.push(this.step);
        this.trace.dLoss.push(logs.dLoss);
        this.trace.gLoss.push(logs.gLoss);
        this.onStep(this.step, logs);
      },
    })
      .then(() => undefined)
      .finally(() => {
        this.controller = undefined;
        this.running = undefined;
      });
    return this.running;
  }

  /** Asks training to stop after the current step; resolves once it has. */
  async pause(): Promise<void> {
    this.controller?.abort();
    await this.running?.catch(() => undefined);
  }

  /** The losses recorded since the last call. */
  takeLosses(): LossTrace {
    const trace = this.trace;
    this.trace = { steps: [], dLoss: [], gLoss: [] };
    return trace;
  }

  /** Stops training and frees the model and the data. */
  async dispose(): Promise<void> {
    await this.pause();
    this.gan.dispose();
    this.x.dispose();
  }
}
