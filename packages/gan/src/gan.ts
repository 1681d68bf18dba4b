import {
  assertFraction,
  assertInteger,
  assertKnownOptions,
  assertNumberBetween,
  assertNumberInRange,
  assertOneOf,
  createRng,
  type Rng,
  type RngState,
  randomNormal,
  ShapeError,
  ValueError,
} from '@gankit/core';
import { r1Penalty } from '@gankit/losses';
import {
  Adam,
  type NamedTensor,
  type Optimizer,
  predictWithBatchStatistics,
  type Sequential,
  updateBatchNormStatistics,
  WeightAverage,
} from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { mlpDiscriminator, mlpGenerator } from './architectures';
import {
  discriminatorLoss,
  generatorLoss,
  meanScore,
  type Objective,
  objectives,
} from './objectives';
import { packedShape, packSamples } from './pack';
import { rejectionCandidates, rejectSamples } from './rejection';
import { highestOutputs } from './top_k';

/** What one training step reports. */
export interface StepLogs {
  /** Discriminator (critic) loss. */
  dLoss: number;
  /** Generator loss. */
  gLoss: number;
  /** Mean D output on real samples: D(x). */
  dReal: number;
  /** Mean D output on generated samples, before G's update: D(G(z)). */
  dFake: number;
  /** Extra figures some models add (e.g. the semi-supervised GAN's labelled accuracy). */
  [key: string]: number;
}

/** Options shared by every GAN. */
export interface GANOptions {
  /** The generator; default depends on the model (yunjey's MLP for `GAN`). */
  generator?: Sequential;
  /** The discriminator; must take G's output shape and give one output per sample. */
  discriminator?: Sequential;
  /** Size of z. Default 64 for `GAN`, 100 for `DCGAN`. Taken from `generator` when given. */
  latentDim?: number;
  /** The adversarial objective. Default `'nonSaturating'`. */
  objective?: Objective;
  /** Adam learning rate of both networks. Default 2e-4. */
  learningRate?: number;
  /**
   * Adam learning rate of D alone, when it should differ from G's `learningRate`: the
   * two time-scale update rule (Heusel et al. 2017; SAGAN trains D at 4e-4 and G at 1e-4).
   * Default: `learningRate`. `GAN`, `DCGAN` and `LSGAN`.
   */
  discriminatorLearningRate?: number;
  /** Adam β1. Default 0.9 for `GAN` (PyTorch's default, as yunjey uses), 0.5 for DCGAN. */
  beta1?: number;
  /** Adam β2. Default 0.999. */
  beta2?: number;
  /** Seeds the weights and every z drawn in training. Default 0. */
  seed?: number | string;
  /**
   * PacGAN (Lin et al. 2018): D judges `pack` samples at once, side by side along the last
   * axis (features, or image channels), which penalises mode collapse. Default 1 (plain
   * GAN). Batches must be a multiple of it; a given discriminator must take the packed
   * shape. `GAN`, `DCGAN` and `LSGAN` only.
   */
  pack?: number;
  /**
   * Weight γ of the R1 penalty (Mescheder et al. 2018) added to D's loss: `(γ / 2)` times
   * the mean squared norm of D's gradient at the real samples (see `r1Penalty` in
   * `@gankit/losses`). It keeps D flat on the data. D's update then needs a second-order
   * gradient: a step of yunjey's MLP GAN takes about 1.3 times as long. The step's `dLoss`
   * includes the penalty. Default 0 (off). `GAN`, `DCGAN` and `LSGAN`. With BatchNorm in D
   * (`DCGAN`, `LSGAN`) the penalty's pass over the real batch normalises it by that batch's
   * statistics, as D's loss does, and moves D's running statistics a second time in the
   * step; training never reads them, since D always runs in training mode.
   */
  r1?: number;
  /**
   * Keep a running average of G's weights with this decay, in (0, 1), updated after each G
   * step (`WeightAverage` in `@gankit/nn`; the average spans about `1 / (1 - decay)` steps),
   * and `generate` from it. Averaging G smooths out the last steps' oscillation of the
   * adversarial game (Yazıcı et al. 2019, "The Unusual Effectiveness of Averaging in GAN
   * Training"); `generator.predict(z)` still gives the trained G. Checkpoints hold the
   * average. With BatchNorm in G (`DCGAN`, `LSGAN`), each `generate` first sets G's running
   * statistics for the averaged weights, from G's batch statistics on
   * {@link BATCH_NORM_SAMPLES} seeded z (`updateBatchNormStatistics` in `@gankit/nn`), and
   * puts the trained G's back afterwards. Default: none. `GAN`, `DCGAN` and `LSGAN`.
   */
  generatorAverageDecay?: number;
  /**
   * Top-k training (Sinha et al. 2020): G's loss counts only this fraction of each fake
   * batch, the samples (or packs) D rates most real (`highestOutputs`); the rest are left
   * out of G's update. In (0, 1]; default 1 (every sample). D's update is unchanged. The
   * choice reads D's outputs back (one `dataSync` per step). `GAN`, `DCGAN` and `LSGAN`.
   */
  generatorTopK?: number;
}

/**
 * How many z (in batches of 100) set a BatchNorm G's running statistics for its averaged
 * weights before each `generate` (see `generatorAverageDecay`).
 */
export const BATCH_NORM_SAMPLES = 2000;

/** What a GAN subclass changes: its default networks, z size and Adam β1, its name and extra option keys. */
export interface ModelDefaults {
  latentDim: number;
  beta1: number;
  /** G and D; D takes `pack` samples side by side along the last axis. */
  build: (latentDim: number, seed: number | string, pack: number) => [Sequential, Sequential];
  where: string;
  extraKeys?: string[];
  /** Inputs of G besides z (a conditional GAN's one-hot label). Default 0. */
  conditionDim?: number;
}

/** Option keys of the unconditional GANs (GAN, DCGAN, LSGAN) beyond {@link ganOptionKeys}. */
export const unconditionalGanKeys = [
  'pack',
  'r1',
  'generatorAverageDecay',
  'generatorTopK',
  'discriminatorLearningRate',
];

const mlpDefaults: ModelDefaults = {
  latentDim: 64,
  beta1: 0.9,
  build: (latentDim, seed, pack) => [
    mlpGenerator({ latentDim, seed }),
    mlpDiscriminator({ seed, sampleShape: packedShape([784], pack) }),
  ],
  where: 'GAN',
  extraKeys: unconditionalGanKeys,
};

/** Keys every GAN's options accept; subclasses add theirs. */
export const ganOptionKeys = [
  'generator',
  'discriminator',
  'latentDim',
  'objective',
  'learningRate',
  'beta1',
  'beta2',
  'seed',
];

/**
 * A generative adversarial network (Goodfellow et al. 2014). By default yunjey's MNIST MLP
 * GAN: G 64 → 256 → 256 → 784 (Tanh), D 784 → 256 → 256 → 1 (LeakyReLU 0.2), Adam 2e-4,
 * non-saturating loss. One `trainStep` updates D once on a real and a fake batch, then G
 * once on a fresh z; each update changes only its own network's weights.
 *
 * ```ts
 * const gan = new GAN({ seed: 1 });
 * const logs = gan.trainStep(realBatch); // { dLoss, gLoss, dReal, dFake }
 * const samples = gan.generate(16, { seed: 2 });
 * ```
 */
export class GAN {
  readonly generator: Sequential;
  readonly discriminator: Sequential;
  readonly gOptimizer: Optimizer;
  readonly dOptimizer: Optimizer;
  readonly latentDim: number;
  readonly objective: Objective;
  readonly seed: number | string;
  /** How many samples D judges at once (PacGAN); 1 for a plain GAN. */
  readonly pack: number;
  /** Weight γ of the R1 penalty in D's loss; 0 when off. */
  readonly r1: number;
  /** The fraction of each fake batch G's loss counts (top-k training); 1 counts all. */
  readonly generatorTopK: number;
  /** The running average of G's weights that `generate` uses, when `generatorAverageDecay` was given. */
  readonly generatorAverage?: WeightAverage;
  /** The generator of every z drawn during training (restored by checkpoints). */
  protected rng: Rng;
  /** The model's name in messages. */
  protected readonly where: string = 'GAN';

  constructor(options: GANOptions = {}, defaults: ModelDefaults = mlpDefaults) {
    const where = defaults.where;
    this.where = where;
    assertKnownOptions(where, options, [...ganOptionKeys, ...(defaults.extraKeys ?? [])]);
    this.seed = options.seed ?? 0;
    this.objective = assertOneOf(
      where,
      'objective',
      options.objective ?? 'nonSaturating',
      objectives,
    );
    const latentDim = options.generator
      ? (options.generator.inputShape[0] as number) - (defaults.conditionDim ?? 0)
      : assertInteger(where, 'latentDim', options.latentDim ?? defaults.latentDim);
    this.latentDim = latentDim;
    this.pack = assertInteger(where, 'pack', options.pack ?? 1, 1);
    this.r1 = assertNumberInRange(where, 'r1', options.r1 ?? 0, 0);
    this.generatorTopK = assertFraction(where, 'generatorTopK', options.generatorTopK ?? 1);
    const averageDecay =
      options.generatorAverageDecay === undefined
        ? undefined
        : assertNumberBetween(where, 'generatorAverageDecay', options.generatorAverageDecay, 0, 1);
    const [g, d] =
      options.generator && options.discriminator
        ? [options.generator, options.discriminator]
        : defaults.build(latentDim, this.seed, this.pack);
    this.generator = options.generator ?? g;
    this.discriminator = options.discriminator ?? d;
    this.checkNetworks();
    const learningRate = options.learningRate ?? 2e-4;
    const dLearningRate =
      options.discriminatorLearningRate === undefined
        ? learningRate
        : assertNumberInRange(
            where,
            'discriminatorLearningRate',
            options.discriminatorLearningRate,
            0,
          );
    const adam = (rate: number) =>
      new Adam({
        learningRate: rate,
        beta1: options.beta1 ?? defaults.beta1,
        beta2: options.beta2 ?? 0.999,
      });
    this.gOptimizer = adam(learningRate);
    this.dOptimizer = adam(dLearningRate);
    this.rng = createRng(`${this.seed}:train`);
    if (averageDecay !== undefined)
      this.generatorAverage = new WeightAverage(this.generator, { decay: averageDecay });
  }

  /** The shape of one generated sample. */
  get sampleShape(): readonly number[] {
    return this.generator.outputShape;
  }

  /** Draws a batch of z ~ N(0, I) from the training generator. */
  protected sampleLatent(n: number): tf.Tensor2D {
    return randomNormal(this.rng, [n, this.latentDim]) as tf.Tensor2D;
  }

  /** Checks that `real` is a batch of samples of G's output shape. */
  protected checkBatch(real: tf.Tensor, name = 'real'): void {
    const shape = this.sampleShape;
    const ok = real.rank === shape.length + 1 && shape.every((d, i) => real.shape[i + 1] === d);
    if (!ok) {
      throw new ShapeError(
        `Argument '${name}' passed to '${this.where}.trainStep' must have shape [batch, ${shape.join(', ')}] (the generator's output), but got [${real.shape.join(', ')}].`,
      );
    }
    if ((real.shape[0] as number) % this.pack !== 0) {
      throw new ShapeError(
        `Argument '${name}' passed to '${this.where}.trainStep' must hold a multiple of pack = ${this.pack} samples, but got ${real.shape[0]}.`,
      );
    }
  }

  /**
   * One D update then one G update on the batch `real`. Returns the step's losses and
   * D(x), D(G(z)). Leaves no tensors behind.
   */
  trainStep(real: tf.Tensor, _labels?: tf.Tensor): StepLogs {
    this.checkBatch(real);
    const figures = tf.tidy(() => {
      const d = this.discriminatorStep(real);
      const gLoss = this.generatorStep(real.shape[0] as number);
      this.generatorAverage?.update();
      const all = tf.stack([d.loss, gLoss, d.real, d.fake]);
      tf.dispose([d.real, d.fake]); // kept past the optimizer's scope, so freed by hand
      return all;
    });
    const [dLoss, gLoss, dReal, dFake] = figures.dataSync() as Float32Array;
    figures.dispose();
    return {
      dLoss: dLoss as number,
      gLoss: gLoss as number,
      dReal: dReal as number,
      dFake: dFake as number,
    };
  }

  /**
   * Updates D only, on `real` and as many samples of G (whose weights stay as they are).
   * Returns scalars the caller disposes: the loss and the mean scores D(x), D(G(z)).
   */
  discriminatorStep(real: tf.Tensor): { loss: tf.Scalar; real: tf.Scalar; fake: tf.Scalar } {
    const objective = this.objective;
    const D = this.discriminator;
    const z = this.sampleLatent(real.shape[0] as number);
    const fake = this.generator.apply(z);
    z.dispose();
    let dReal: tf.Scalar | undefined;
    let dFake: tf.Scalar | undefined;
    const packedReal = packSamples(real, this.pack);
    const loss = this.dOptimizer.minimize(() => {
      const realOut = D.apply(packedReal);
      const fakeOut = D.apply(packSamples(fake, this.pack));
      dReal = tf.keep(meanScore(objective, realOut));
      dFake = tf.keep(meanScore(objective, fakeOut));
      const loss = discriminatorLoss(objective, realOut, fakeOut);
      if (this.r1 === 0) return loss;
      const penalty = r1Penalty((x) => D.apply(x), packedReal, { gamma: this.r1 });
      return tf.add(loss, penalty) as tf.Scalar;
    }, D.trainableVariables);
    fake.dispose();
    if (packedReal !== real) packedReal.dispose();
    return { loss, real: dReal as tf.Scalar, fake: dFake as tf.Scalar };
  }

  /** Updates G only, on a fresh batch of `n` z (D's weights stay as they are). Returns the loss. */
  generatorStep(n: number): tf.Scalar {
    const z = this.sampleLatent(n);
    const G = this.generator;
    const D = this.discriminator;
    const loss = this.gOptimizer.minimize(() => {
      const out = D.apply(packSamples(G.apply(z), this.pack));
      return generatorLoss(this.objective, highestOutputs(out, this.generatorTopK));
    }, G.trainableVariables);
    z.dispose();
    return loss;
  }

  /**
   * Generates `n` samples in eval mode (BatchNorm uses running statistics), from the
   * averaged G when the model keeps one (`generatorAverageDecay`). With `seed`, the same seed
   * gives the same samples; without, z comes from a generator seeded by the model's seed.
   * `keep` < 1 turns on discriminator rejection (Azadi et al. 2019, quantile form): G draws
   * max(1000, n / keep) candidates, D scores them, and the first `n` of those D rates in its
   * best `keep` share are returned (so `keep: 0.8` cuts off the fifth D likes least); it costs
   * the extra candidates and a pass of D, and needs `pack` 1. The caller disposes the result.
   */
  generate(
    n: number,
    options: { seed?: number | string; z?: tf.Tensor2D; keep?: number } = {},
  ): tf.Tensor {
    const where = `${this.where}.generate`;
    assertKnownOptions(where, options, ['seed', 'z', 'keep']);
    assertInteger(where, 'n', n);
    const keep = assertFraction(where, 'keep', options.keep ?? 1);
    if (keep < 1 && options.z) {
      throw new ValueError(
        `Options 'keep' and 'z' passed to '${where}' cannot be combined: rejection draws its own candidates (give 'seed' instead).`,
      );
    }
    if (keep < 1 && this.pack > 1) {
      throw new ValueError(
        `Option 'keep' passed to '${where}' needs a D that judges one sample at a time, but this model has pack = ${this.pack}.`,
      );
    }
    const seed = options.seed ?? `${this.seed}:generate`;
    const z = options.z ?? this.latent(keep < 1 ? rejectionCandidates(n, keep) : n, seed);
    const sample =
      keep < 1
        ? () =>
            rejectSamples(
              z,
              n,
              keep,
              (c) => this.generator.predict(c),
              (x) => this.realness(x),
            )
        : () => this.generator.predict(z);
    try {
      return this.generatorAverage ? this.fromAverage(this.generatorAverage, sample) : sample();
    } finally {
      if (!options.z) z.dispose();
    }
  }

  /**
   * D's score of each sample in the batch `x`, higher meaning "more real": its output (a logit,
   * or LSGAN's and WGAN-GP's score) as `[n]`. Discriminator rejection ranks by it. D runs as it
   * judged G's batches in training: a BatchNorm D normalizes by the batch's own statistics (its
   * running ones stay unchanged; `predictWithBatchStatistics`), dropout and noise are off.
   */
  realness(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.reshape(predictWithBatchStatistics(this.discriminator, x), [-1]));
  }

  /**
   * Runs `sample` with G's averaged weights and, when G has BatchNorm, running statistics
   * recomputed for them; puts the trained weights and statistics back afterwards.
   */
  private fromAverage<T>(average: WeightAverage, sample: () => T): T {
    const G = this.generator;
    const statistics = G.weights.filter((w) => !w.trainable).map((w) => w.variable);
    if (statistics.length === 0) return average.use(sample);
    const kept = statistics.map((v) => v.clone());
    const batches = Array.from({ length: BATCH_NORM_SAMPLES / 100 }, (_, i) =>
      this.latent(100, `${this.seed}:batchnorm:${i}`),
    );
    try {
      return average.use(() => {
        updateBatchNormStatistics(G, batches);
        return sample();
      });
    } finally {
      for (const [i, v] of statistics.entries()) v.assign(kept[i] as tf.Tensor);
      tf.dispose([...kept, ...batches]);
    }
  }

  /** `n` latent vectors from N(0, I), seeded. The caller disposes them. */
  latent(n: number, seed: number | string): tf.Tensor2D {
    return randomNormal(createRng(seed), [n, this.latentDim]) as tf.Tensor2D;
  }

  /**
   * Everything a checkpoint must hold to resume exactly: weights and optimizer state, as
   * copies the caller disposes.
   */
  stateTensors(): NamedTensor[] {
    const named = (prefix: string, model: Sequential) =>
      model.weights.map((w) => ({
        name: `${prefix}/${w.name}`,
        tensor: w.variable.clone() as tf.Tensor,
      }));
    return [
      ...named('generator', this.generator),
      ...named('discriminator', this.discriminator),
      ...prefixed('gOptimizer', this.gOptimizer.getState(this.generator.trainableVariables)),
      ...prefixed('dOptimizer', this.dOptimizer.getState(this.discriminator.trainableVariables)),
      ...prefixed('generatorAverage', this.generatorAverage?.getState() ?? []),
    ];
  }

  /** The training RNG's state, saved beside the tensors in a checkpoint. */
  rngState(): RngState {
    return this.rng.state();
  }

  /** Restores weights, optimizer state and RNG state saved by a checkpoint. */
  restoreState(tensors: Map<string, tf.Tensor>, rngState: RngState): void {
    const take = (prefix: string) =>
      [...tensors.entries()]
        .filter(([name]) => name.startsWith(`${prefix}/`))
        .map(([name, tensor]) => ({ name: name.slice(prefix.length + 1), tensor }));
    const assign = (prefix: string, model: Sequential) => {
      const byName = new Map(take(prefix).map((t) => [t.name, t.tensor]));
      for (const w of model.weights) {
        const t = byName.get(w.name);
        if (!t || !tf.util.arraysEqual(t.shape, w.variable.shape)) {
          throw new ShapeError(
            `Checkpoint weight '${prefix}/${w.name}' is missing or has the wrong shape.`,
          );
        }
        w.variable.assign(t);
      }
    };
    const average = take('generatorAverage');
    if ((this.generatorAverage !== undefined) !== average.length > 0) {
      const has = this.generatorAverage
        ? `this model has generatorAverageDecay ${this.generatorAverage.decay} but the checkpoint holds no average of G's weights`
        : "the checkpoint holds an average of G's weights but this model has no generatorAverageDecay";
      throw new ValueError(`${this.where}: ${has}; build it as the checkpointed model was built.`);
    }
    assign('generator', this.generator);
    assign('discriminator', this.discriminator);
    this.gOptimizer.setState(this.generator.trainableVariables, take('gOptimizer'));
    this.dOptimizer.setState(this.discriminator.trainableVariables, take('dOptimizer'));
    this.generatorAverage?.setState(average);
    this.rng = createRng(`${this.seed}:train`, rngState);
  }

  /** Frees both networks and both optimizers' state. */
  dispose(): void {
    this.generator.dispose();
    this.discriminator.dispose();
    this.gOptimizer.dispose();
    this.dOptimizer.dispose();
    this.generatorAverage?.dispose();
  }

  private checkNetworks(): void {
    const g = packedShape(this.generator.outputShape, this.pack);
    const d = this.discriminator.inputShape;
    const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
    if (!this.acceptsGeneratorOutput(g, d, size)) {
      throw new ShapeError(
        `${this.where}: the discriminator's input [${d.join(', ')}] does not match the generator's output [${g.join(', ')}]${this.pack > 1 ? ` (${this.pack} samples packed along the last axis)` : ''}.`,
      );
    }
  }

  /** Whether D can take G's output; conditional models override this. */
  protected acceptsGeneratorOutput(
    g: readonly number[],
    d: readonly number[],
    _size: (s: readonly number[]) => number,
  ): boolean {
    return tf.util.arraysEqual([...g], [...d]);
  }
}

function prefixed(prefix: string, tensors: NamedTensor[]): NamedTensor[] {
  return tensors.map((t) => ({ name: `${prefix}/${t.name}`, tensor: t.tensor }));
}
