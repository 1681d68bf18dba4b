// Messages between the page and the training worker. Typed arrays travel as transferables.

/** The 2D mixtures of the playground. */
export type Mixture = 'ring' | 'grid';

/** The MNIST models of the live-training view. */
export type MnistModel = 'gan' | 'dcgan';

/** Losses of the steps since the previous frame. */
export interface LossTrace {
  steps: number[];
  dLoss: number[];
  gLoss: number[];
}

/** What the page asks the worker to do. */
export type ToWorker =
  | { type: 'gan2d:start'; mixture: Mixture }
  | { type: 'gan2d:pause' }
  | { type: 'gan2d:reset'; mixture: Mixture }
  | { type: 'mnist:start'; model: MnistModel }
  | { type: 'mnist:pause' }
  | { type: 'mnist:reset'; model: MnistModel };

/** What the worker reports. */
export type FromWorker =
  | { type: 'ready'; backend: string }
  | {
      type: 'gan2d:setup';
      /** Real points, `[x, y]` pairs. */
      real: Float32Array;
      /** The view spans `[-extent, extent]` on both axes. */
      extent: number;
    }
  | {
      type: 'gan2d:frame';
      step: number;
      dReal: number;
      dFake: number;
      losses: LossTrace;
      /** Generated points from a fixed set of z, `[x, y]` pairs. */
      fake: Float32Array;
      /** D(x) on a `resolution` x `resolution` grid, row 0 at the top (y = extent). */
      surface: Float32Array;
      resolution: number;
    }
  | {
      type: 'mnist:frame';
      step: number;
      losses: LossTrace;
      stepsPerSecond: number;
      /** Samples from a fixed set of z tiled into one RGBA image. */
      grid: { width: number; height: number; data: Uint8ClampedArray };
    }
  | { type: 'status'; view: 'gan2d' | 'mnist'; text: string; running: boolean }
  | { type: 'error'; message: string };
