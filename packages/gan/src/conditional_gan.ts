import {
  assertInteger,
  assertKnownOptions,
  assertOneOf,
  ShapeError,
  ValueError,
} from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import {
  dcganDiscriminator,
  dcganGenerator,
  mlpDiscriminator,
  mlpGenerator,
} from './architectures';
import { GAN, type GANOptions, type ModelDefaults, type StepLogs } from './gan';
import { discriminatorLoss, generatorLoss, meanScore } from './objectives';

/** Options of {@link ConditionalGAN}. */
export interface ConditionalGANOptions extends GANOptions {
  /** Number of classes K. Default 10. */
  numClasses?: number;
  /**
   * Default networks: `'mlp'` (yunjey's MLP with the one-hot label appended to z and to the
   * flattened sample) or `'dcgan'` (DCGAN's convolutions; the label enters D as K constant
   * channels). Default `'mlp'`. Ignored when both networks are given.
   */
  architecture?: 'mlp' | 'dcgan';
  /** Shape of one sample for the default networks. Default [784] (mlp) or [28, 28, 1] (dcgan). */
  sampleShape?: number[];
}

/** Which labels to generate: one class for all samples, or one per sample. */
export type LabelChoice = number | ArrayLike<number>;

const where = 'ConditionalGAN';

function conditionalDefaults(options: ConditionalGANOptions): ModelDefaults {
  const k = options.numClasses ?? 10;
  const architecture = options.architecture ?? 'mlp';
  return {
    latentDim: architecture === 'dcgan' ? 100 : 64,
    beta1: 0.5,
    where,
    conditionDim: k,
    extraKeys: ['numClasses', 'architecture', 'sampleShape'],
    build: (latentDim, seed) => {
      if (architecture === 'mlp') {
        const sampleShape = options.sampleShape ?? [784];
        return [
          mlpGenerator({ latentDim, conditionDim: k, sampleShape, seed }),
          mlpDiscriminator({ conditionDim: k, sampleShape, seed }),
        ];
      }
      const [h, w, c] = (options.sampleShape ?? [28, 28, 1]) as [number, number, number];
      return [
        dcganGenerator({ latentDim: latentDim + k, imageShape: [h, w, c], seed }),
        dcganDiscriminator({ imageShape: [h, w, c + k], seed }),
      ];
    },
  };
}

/**
 * A conditional GAN (Mirza and Osindero 2014): G gets z with the sample's one-hot class
 * appended, and D judges a sample together with its one-hot class (appended to the
 * flattened sample for MLP discriminators, as K constant channels for convolutional ones),
 * so G learns to draw the class it is asked for. Train it with labels:
 *
 * ```ts
 * const cgan = new ConditionalGAN({ seed: 1 });
 * await train(cgan, images, { epochs: 20, labels }); // labels: Int32Array of classes
 * const sevens = cgan.generate(16, { seed: 2, labels: 7 });
 * ```
 */
export class ConditionalGAN extends GAN {
  /** Number of classes K. */
  readonly numClasses: number;

  constructor(options: ConditionalGANOptions = {}) {
    const k = assertInteger(where, 'numClasses', options.numClasses ?? 10);
    assertOneOf(where, 'architecture', options.architecture ?? 'mlp', ['mlp', 'dcgan'] as const);
    super(options, conditionalDefaults(options));
    this.numClasses = k;
    this.checkConditionShapes();
  }

  /** One D update on (real, labels) against G's samples of the same labels, then one G update. */
  override trainStep(real: tf.Tensor, labels?: tf.Tensor): StepLogs {
    this.checkBatch(real);
    const y = this.checkLabels(real.shape[0] as number, labels);
    const figures = tf.tidy(() => {
      const d = this.conditionalDiscriminatorStep(real, y);
      const gLoss = this.conditionalGeneratorStep(real.shape[0] as number);
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
   * Generates `n` samples in eval mode. `labels`: one class for all, or one per sample;
   * default cycles 0, 1, …, K-1. The same seed and labels give the same samples.
   */
  override generate(
    n: number,
    options: { seed?: number | string; z?: tf.Tensor2D; labels?: LabelChoice } = {},
  ): tf.Tensor {
    assertKnownOptions(`${where}.generate`, options, ['seed', 'z', 'labels']);
    assertInteger(`${where}.generate`, 'n', n);
    const classes = this.labelsToGenerate(n, options.labels);
    const z = options.z ?? this.latent(n, options.seed ?? `${this.seed}:generate`);
    const out = tf.tidy(() => {
      const y = tf.oneHot(tf.tensor1d(classes, 'int32'), this.numClasses);
      return this.generator.predict(tf.concat([z, y], 1));
    });
    if (!options.z) z.dispose();
    return out;
  }

  /** D's input: the sample with its one-hot class appended (flat) or as K channels (images). */
  conditionedSample(x: tf.Tensor, oneHot: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const n = x.shape[0] as number;
      if (this.discriminator.inputShape.length === 1) {
        return tf.concat([tf.reshape(x, [n, -1]), oneHot], 1);
      }
      const [h, w] = x.shape.slice(1, 3) as [number, number];
      const maps = tf.tile(tf.reshape(oneHot, [n, 1, 1, this.numClasses]), [1, h, w, 1]);
      return tf.concat([x, maps], 3);
    });
  }

  private conditionalDiscriminatorStep(
    real: tf.Tensor,
    labels: tf.Tensor1D,
  ): { loss: tf.Scalar; real: tf.Scalar; fake: tf.Scalar } {
    const D = this.discriminator;
    const n = real.shape[0] as number;
    const y = tf.oneHot(labels, this.numClasses);
    const fake = this.generator.apply(tf.concat([this.sampleLatent(n), y], 1));
    const realIn = this.conditionedSample(real, y);
    const fakeIn = this.conditionedSample(fake, y);
    let dReal: tf.Scalar | undefined;
    let dFake: tf.Scalar | undefined;
    const loss = this.dOptimizer.minimize(() => {
      const realOut = D.apply(realIn);
      const fakeOut = D.apply(fakeIn);
      dReal = tf.keep(meanScore(this.objective, realOut));
      dFake = tf.keep(meanScore(this.objective, fakeOut));
      return discriminatorLoss(this.objective, realOut, fakeOut);
    }, D.trainableVariables);
    return { loss, real: dReal as tf.Scalar, fake: dFake as tf.Scalar };
  }

  /** Updates G on a fresh z and uniformly drawn classes. */
  private conditionalGeneratorStep(n: number): tf.Scalar {
    const classes = Int32Array.from({ length: n }, () => this.rng.int(this.numClasses));
    const y = tf.oneHot(tf.tensor1d(classes, 'int32'), this.numClasses);
    const input = tf.concat([this.sampleLatent(n), y], 1);
    return this.gOptimizer.minimize(
      () =>
        generatorLoss(
          this.objective,
          this.discriminator.apply(this.conditionedSample(this.generator.apply(input), y)),
        ),
      this.generator.trainableVariables,
    );
  }

  private checkLabels(n: number, labels?: tf.Tensor): tf.Tensor1D {
    if (!labels) {
      throw new ValueError(
        `Argument 'labels' passed to '${where}.trainStep' is required: the class of each sample (give 'labels' to train()).`,
      );
    }
    if (labels.rank !== 1 || labels.shape[0] !== n || labels.dtype !== 'int32') {
      throw new ShapeError(
        `Argument 'labels' passed to '${where}.trainStep' must be an int32 tensor of shape [${n}], but got ${labels.dtype} [${labels.shape.join(', ')}].`,
      );
    }
    const values = labels.dataSync();
    const bad = values.findIndex((c) => c < 0 || c >= this.numClasses);
    if (bad >= 0) {
      throw new ValueError(
        `Argument 'labels' passed to '${where}.trainStep' must hold classes in [0, ${this.numClasses}), but entry ${bad} is ${values[bad]}.`,
      );
    }
    return labels as tf.Tensor1D;
  }

  private labelsToGenerate(n: number, labels: LabelChoice | undefined): Int32Array {
    const name = `${where}.generate`;
    if (labels === undefined) return Int32Array.from({ length: n }, (_, i) => i % this.numClasses);
    const raw = typeof labels === 'number' ? new Array<number>(n).fill(labels) : Array.from(labels);
    if (raw.length !== n) {
      throw new ShapeError(
        `Argument 'labels' passed to '${name}' has ${raw.length} entries but n is ${n}.`,
      );
    }
    const bad = raw.findIndex((c) => !Number.isInteger(c) || c < 0 || c >= this.numClasses);
    if (bad >= 0) {
      throw new ValueError(
        `Argument 'labels' passed to '${name}' must hold integer classes in [0, ${this.numClasses}), but entry ${bad} is ${raw[bad]}.`,
      );
    }
    return Int32Array.from(raw);
  }

  /** G must take z plus K inputs and D the conditioned sample; the base class checked the rest. */
  private checkConditionShapes(): void {
    const g = this.generator.outputShape;
    const d = this.discriminator.inputShape;
    const k = this.numClasses;
    const size = g.reduce((a, b) => a * b, 1);
    const flat = d.length === 1 && d[0] === size + k;
    const maps =
      d.length === 3 &&
      g.length === 3 &&
      d[0] === g[0] &&
      d[1] === g[1] &&
      d[2] === (g[2] as number) + k;
    if (!flat && !maps) {
      throw new ShapeError(
        `${where}: the discriminator's input [${d.join(', ')}] must be the generator's output [${g.join(', ')}] flattened plus ${k} label inputs, or with ${k} extra channels.`,
      );
    }
  }

  protected override acceptsGeneratorOutput(
    g: readonly number[],
    d: readonly number[],
    size: (s: readonly number[]) => number,
  ): boolean {
    const flat = d.length === 1 && (d[0] as number) > size(g);
    const maps = d.length === g.length && d.length === 3 && (d[2] as number) > (g[2] as number);
    return flat || maps;
  }
}
