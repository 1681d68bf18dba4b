import {
  assertInteger,
  assertKnownOptions,
  assertNumberBetween,
  assertNumberInRange,
  assertOneOf,
  type Matrix,
  NotFittedError,
  type RngState,
  ShapeError,
  ValueError,
} from '@gankit/core';
import {
  featureMatchingLoss,
  nonSaturatingGeneratorLoss,
  semiSupervisedLosses,
} from '@gankit/losses';
import {
  BatchNorm,
  Dense,
  Dropout,
  LeakyReLU,
  type NamedTensor,
  predictWithBatchStatistics,
  ReLU,
  Sequential,
  WeightAverage,
} from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import {
  accuracy,
  argMaxRows,
  classProbabilities,
  toClassLabels,
  toSamples,
} from './class_predictions';
import { GAN, type GANOptions, type StepLogs } from './gan';

/** Options of {@link SemiSupervisedGAN}. */
export interface SemiSupervisedGANOptions extends Omit<GANOptions, 'objective'> {
  /** Number of real classes K; D has K outputs. Default 10. */
  numClasses?: number;
  /** The labelled examples (also settable later with `setLabelled`). */
  labelled?: { x: tf.Tensor | Matrix; y: ArrayLike<number> | tf.Tensor };
  /** Labelled examples drawn (with the model's RNG) for each D update. Default 100. */
  labelledBatchSize?: number;
  /**
   * G's loss: `'featureMatching'` (Salimans et al.: match the mean of D's penultimate
   * features on real and fake batches; the default) or `'nonSaturating'` (-log D(G(z))).
   */
  generatorObjective?: 'featureMatching' | 'nonSaturating';
  /** Weight of the unsupervised (real vs fake) term of D's loss. Default 1. */
  unsupervisedWeight?: number;
  /** Shape of one sample for the default networks. Default [784]. */
  sampleShape?: number[];
  /**
   * Keep a running average of D's weights with this decay, in (0, 1), and classify with it
   * (`predict`, `predictProba`, `score`): Polyak averaging, as Salimans et al. test their
   * classifier (their MNIST code: decay 0.9999). Default: none, D's current weights classify.
   */
  averageDecay?: number;
}

const where = 'SemiSupervisedGAN';

/**
 * The default D of the semi-supervised GAN: 784 → Dropout 0.2 → Dense 500, LeakyReLU 0.2 →
 * Dropout 0.5 → Dense 250, LeakyReLU → Dropout 0.5 → Dense 250, LeakyReLU → Dense K (class
 * logits). A smaller cousin of Salimans et al.'s MNIST network, with dropout standing in for
 * its Gaussian noise layers. `supervisedBaseline` trains this same network.
 */
export function semiSupervisedDiscriminator(
  options: { numClasses?: number; sampleShape?: number[]; seed?: number | string } = {},
): Sequential {
  const size = (options.sampleShape ?? [784]).reduce((a, b) => a * b, 1);
  return new Sequential({
    name: 'discriminator',
    inputShape: [size],
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
      new Dropout({ rate: 0.2 }),
      new Dense({ units: 500 }),
      new LeakyReLU({ alpha: 0.2 }),
      new Dropout({ rate: 0.5 }),
      new Dense({ units: 250 }),
      new LeakyReLU({ alpha: 0.2 }),
      new Dropout({ rate: 0.5 }),
      new Dense({ units: 250 }),
      new LeakyReLU({ alpha: 0.2 }),
      new Dense({ units: options.numClasses ?? 10 }),
    ],
  });
}

/** The default G: z (100) → Dense 500, BatchNorm, ReLU → Dense 500, BatchNorm, ReLU → Dense 784, Tanh. */
export function semiSupervisedGenerator(
  options: { latentDim?: number; sampleShape?: number[]; seed?: number | string } = {},
): Sequential {
  const size = (options.sampleShape ?? [784]).reduce((a, b) => a * b, 1);
  return new Sequential({
    name: 'generator',
    inputShape: [options.latentDim ?? 100],
    seed: `${options.seed ?? 0}:generator`,
    layers: [
      new Dense({ units: 500, useBias: false }),
      new BatchNorm(),
      new ReLU(),
      new Dense({ units: 500, useBias: false }),
      new BatchNorm(),
      new ReLU(),
      new Dense({ units: size, activation: 'tanh' }),
    ],
  });
}

/**
 * The semi-supervised GAN of Salimans et al. 2016 ("Improved techniques for training GANs"):
 * D has K outputs, the logits of the K real classes, with the logit of the (K+1)-th class,
 * "fake", fixed at 0, so `D(x) = Z(x) / (Z(x) + 1)` with `Z = Σ exp(logits)`. Each D update
 * sees a batch of labelled examples (cross-entropy over K classes), the trainer's batch as
 * unlabelled real data and as many generated samples (`@gankit/losses`' `semiSupervisedLosses`).
 * G is trained by feature matching on D's penultimate layer (default) or non-saturating.
 * After training D is a classifier: `predict`, `predictProba`, `score`.
 *
 * ```ts
 * const sgan = new SemiSupervisedGAN({ labelled: { x: xLabelled, y: yLabelled }, seed: 1 });
 * await train(sgan, allImages, { epochs: 10 }); // every image, labels unused
 * sgan.score(testImages, testLabels); // accuracy
 * ```
 */
export class SemiSupervisedGAN extends GAN {
  readonly numClasses: number;
  readonly labelledBatchSize: number;
  readonly generatorObjective: 'featureMatching' | 'nonSaturating';
  readonly unsupervisedWeight: number;
  /** The running average of D's weights that classifies, when `averageDecay` was given. */
  readonly average?: WeightAverage;
  private labelledX?: tf.Tensor;
  private labelledY?: Int32Array;

  constructor(options: SemiSupervisedGANOptions = {}) {
    const keys = [
      'generator',
      'discriminator',
      'latentDim',
      'learningRate',
      'beta1',
      'beta2',
      'seed',
      'numClasses',
      'labelled',
      'labelledBatchSize',
      'generatorObjective',
      'unsupervisedWeight',
      'sampleShape',
      'averageDecay',
    ];
    assertKnownOptions(where, options, keys);
    const k = assertInteger(where, 'numClasses', options.numClasses ?? 10, 2);
    const {
      labelled,
      labelledBatchSize,
      generatorObjective,
      unsupervisedWeight,
      averageDecay,
      ...rest
    } = options;
    super(
      { ...rest, objective: 'nonSaturating' },
      {
        latentDim: 100,
        beta1: 0.5,
        where,
        extraKeys: ['numClasses', 'sampleShape'],
        build: (latentDim, seed) => [
          semiSupervisedGenerator({ latentDim, sampleShape: options.sampleShape, seed }),
          semiSupervisedDiscriminator({ numClasses: k, sampleShape: options.sampleShape, seed }),
        ],
      },
    );
    this.numClasses = k;
    if (this.discriminator.outputShape.length !== 1 || this.discriminator.outputShape[0] !== k) {
      throw new ShapeError(
        `${where}: the discriminator must give ${k} class logits per sample, but its output is [${this.discriminator.outputShape.join(', ')}].`,
      );
    }
    this.labelledBatchSize = assertInteger(where, 'labelledBatchSize', labelledBatchSize ?? 100);
    this.generatorObjective = assertOneOf(
      where,
      'generatorObjective',
      generatorObjective ?? 'featureMatching',
      ['featureMatching', 'nonSaturating'] as const,
    );
    this.unsupervisedWeight = assertNumberInRange(
      where,
      'unsupervisedWeight',
      unsupervisedWeight ?? 1,
      0,
    );
    if (averageDecay !== undefined) {
      const decay = assertNumberBetween(where, 'averageDecay', averageDecay, 0, 1);
      this.average = new WeightAverage(this.discriminator, { decay });
    }
    if (labelled) this.setLabelled(labelled.x, labelled.y);
  }

  /** Sets (or replaces) the labelled examples; the model keeps a copy. Returns this. */
  setLabelled(x: tf.Tensor | Matrix, y: ArrayLike<number> | tf.Tensor): this {
    const samples = toSamples(`${where}.setLabelled`, 'x', x, this.discriminator);
    const labels = toClassLabels(`${where}.setLabelled`, 'y', y, this.numClasses);
    if (labels.length !== samples.shape[0]) {
      samples.dispose();
      throw new ShapeError(
        `Argument 'y' passed to '${where}.setLabelled' has ${labels.length} labels but 'x' has ${samples.shape[0]} samples.`,
      );
    }
    this.labelledX?.dispose();
    this.labelledX = tf.keep(samples);
    this.labelledY = labels;
    return this;
  }

  /**
   * One D update on a labelled batch, the unlabelled batch `real` and as many fakes, then one
   * G update. Logs add `supervised` (D's cross-entropy on the labelled batch) and
   * `labelledAccuracy` (on that batch, before the update).
   */
  override trainStep(real: tf.Tensor, _labels?: tf.Tensor): StepLogs {
    if (!this.labelledX || !this.labelledY) {
      throw new NotFittedError(
        `${where}.trainStep needs labelled examples: pass 'labelled' to the constructor or call setLabelled(x, y).`,
      );
    }
    const unlabelled = toSamples(`${where}.trainStep`, 'real', real, this.discriminator);
    const figures = tf.tidy(() => {
      const d = this.semiSupervisedDiscriminatorStep(unlabelled);
      this.average?.update();
      const gLoss = this.semiSupervisedGeneratorStep(unlabelled);
      const all = tf.stack([d.total, gLoss, d.real, d.fake, d.supervised, d.accuracy]);
      tf.dispose([d.real, d.fake, d.supervised, d.accuracy]); // kept past the optimizer's scope
      return all;
    });
    unlabelled.dispose();
    const [dLoss, gLoss, dReal, dFake, supervised, labelledAccuracy] = Array.from(
      figures.dataSync(),
    ) as number[];
    figures.dispose();
    return {
      dLoss: dLoss as number,
      gLoss: gLoss as number,
      dReal: dReal as number,
      dFake: dFake as number,
      supervised: supervised as number,
      labelledAccuracy: labelledAccuracy as number,
    };
  }

  /**
   * Class probabilities over the K real classes, `[n * K]` row-major; from the averaged D when
   * the model keeps one (`averageDecay`).
   */
  predictProba(x: tf.Tensor | Matrix): Float32Array {
    const samples = toSamples(`${where}.predictProba`, 'x', x, this.discriminator);
    const classify = () => classProbabilities(this.discriminator, samples);
    try {
      return this.average ? this.average.use(classify) : classify();
    } finally {
      samples.dispose();
    }
  }

  /** The most likely class of each sample. */
  predict(x: tf.Tensor | Matrix): Int32Array {
    return argMaxRows(this.predictProba(x), this.numClasses);
  }

  /** Accuracy of `predict(x)` against `y`. */
  score(x: tf.Tensor | Matrix, y: ArrayLike<number> | tf.Tensor): number {
    const truth = toClassLabels(`${where}.score`, 'y', y, this.numClasses);
    return accuracy(`${where}.score`, this.predict(x), truth);
  }

  /**
   * D's "real" logit of each sample, log Σ exp(class logits) (Salimans et al.: D(x) = Z / (Z + 1)
   * with Z the sum of the exponentiated logits), as `[n]`, D run as in {@link GAN.realness};
   * discriminator rejection ranks by it.
   */
  override realness(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.logSumExp(predictWithBatchStatistics(this.discriminator, x), 1));
  }

  /** D's penultimate features: every layer but the last, in the current mode. */
  features(x: tf.Tensor, training = true): tf.Tensor {
    return tf.tidy(() =>
      this.discriminator.layers.slice(0, -1).reduce((h, layer) => layer.call(h, training), x),
    );
  }

  /** Adds the running average of D's weights, when there is one, to the checkpoint. */
  override stateTensors(): NamedTensor[] {
    return [...super.stateTensors(), ...(this.average?.getState() ?? [])];
  }

  override restoreState(tensors: Map<string, tf.Tensor>, rngState: RngState): void {
    if (this.average && !tensors.has('weightAverage/updates')) {
      throw new ValueError(
        `${where}: the checkpoint holds no average of D's weights, but this model has averageDecay ${this.average.decay}; build it as the checkpointed model was built.`,
      );
    }
    super.restoreState(tensors, rngState);
    this.average?.setState([...tensors].map(([name, tensor]) => ({ name, tensor })));
  }

  override dispose(): void {
    this.labelledX?.dispose();
    this.average?.dispose();
    super.dispose();
  }

  private sampleLabelled(): { x: tf.Tensor; y: tf.Tensor1D } {
    const labels = this.labelledY as Int32Array;
    const n = Math.min(this.labelledBatchSize, labels.length);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = this.rng.int(labels.length);
    const indices = tf.tensor1d(idx, 'int32');
    return {
      x: tf.gather(this.labelledX as tf.Tensor, indices),
      y: tf.tensor1d(
        Int32Array.from(idx, (i) => labels[i] as number),
        'int32',
      ),
    };
  }

  private semiSupervisedDiscriminatorStep(unlabelled: tf.Tensor) {
    const D = this.discriminator;
    const labelled = this.sampleLabelled();
    const n = unlabelled.shape[0] as number;
    const fake = tf.reshape(this.generator.apply(this.sampleLatent(n)), unlabelled.shape);
    const scores: tf.Scalar[] = [];
    const total = this.dOptimizer.minimize(() => {
      const labelledLogits = D.apply(labelled.x);
      const unlabelledLogits = D.apply(unlabelled);
      const fakeLogits = D.apply(fake);
      const losses = semiSupervisedLosses(
        { labelledLogits, labels: labelled.y, unlabelledLogits, fakeLogits },
        { unsupervisedWeight: this.unsupervisedWeight },
      );
      const hits = tf.equal(tf.argMax(labelledLogits, 1), labelled.y);
      scores.push(
        tf.keep(tf.mean(tf.sigmoid(tf.logSumExp(unlabelledLogits, 1)))),
        tf.keep(tf.mean(tf.sigmoid(tf.logSumExp(fakeLogits, 1)))),
        tf.keep(losses.supervised),
        tf.keep(tf.mean(tf.cast(hits, 'float32'))),
      );
      return losses.total;
    }, D.trainableVariables);
    const [real, fakeScore, supervised, hitRate] = scores as [
      tf.Scalar,
      tf.Scalar,
      tf.Scalar,
      tf.Scalar,
    ];
    return { total, real, fake: fakeScore, supervised, accuracy: hitRate };
  }

  private semiSupervisedGeneratorStep(unlabelled: tf.Tensor): tf.Scalar {
    const n = unlabelled.shape[0] as number;
    const z = this.sampleLatent(n);
    const G = this.generator;
    const shape = unlabelled.shape;
    if (this.generatorObjective === 'featureMatching') {
      const realFeatures = this.features(unlabelled);
      return this.gOptimizer.minimize(
        () => featureMatchingLoss(realFeatures, this.features(tf.reshape(G.apply(z), shape))),
        G.trainableVariables,
      );
    }
    return this.gOptimizer.minimize(
      () =>
        nonSaturatingGeneratorLoss(
          tf.logSumExp(this.discriminator.apply(tf.reshape(G.apply(z), shape)), 1),
        ),
      G.trainableVariables,
    );
  }
}
