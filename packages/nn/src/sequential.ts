import { assertKnownOptions, createRng, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { Layer, Shape, Weight } from './layer';

/** Options of {@link Sequential}. */
export interface SequentialOptions {
  /** The shape of one input sample, without the batch dimension, e.g. `[784]` or `[28, 28, 1]`. */
  inputShape: number[];
  /** The layers, applied in order. They are built (their weights created) by the constructor. */
  layers: Layer[];
  /** Seed of the weight initialization and of dropout masks. Default 0. */
  seed?: number | string;
  /** The model's name, used in messages and summaries. Default `'sequential'`. */
  name?: string;
}

const where = 'Sequential';

/**
 * A stack of layers. Built at construction from `inputShape` and `seed`, so the same seed
 * gives the same weights.
 *
 * ```ts
 * const model = new Sequential({ inputShape: [784], layers: [new Dense({ units: 10 })], seed: 1 });
 * const logits = model.apply(x); // training mode unless model.eval() was called
 * ```
 */
export class Sequential {
  readonly name: string;
  readonly layers: Layer[];
  readonly inputShape: Shape;
  readonly outputShape: Shape;
  /** True in training mode (BatchNorm uses batch statistics, Dropout drops); see `train()`/`eval()`. */
  training = true;

  constructor(options: SequentialOptions) {
    assertKnownOptions(where, options, ['inputShape', 'layers', 'seed', 'name']);
    this.name = options.name ?? 'sequential';
    if (!Array.isArray(options.layers) || options.layers.length === 0) {
      throw new ValueError(
        `Argument 'layers' passed to '${where}' must be a non-empty array of layers.`,
      );
    }
    if (
      !Array.isArray(options.inputShape) ||
      options.inputShape.some((d) => !Number.isInteger(d) || d < 1)
    ) {
      throw new ShapeError(
        `Argument 'inputShape' passed to '${where}' must be an array of positive integers (one sample's shape), but got ${JSON.stringify(options.inputShape)}.`,
      );
    }
    this.layers = options.layers;
    this.inputShape = [...options.inputShape];
    const rng = createRng(options.seed ?? 0);
    const names = new Set<string>();
    let shape: Shape = this.inputShape;
    this.layers.forEach((layer, i) => {
      if (!layer.name) layer.name = `${layer.kind}_${i}`;
      if (names.has(layer.name)) {
        throw new ValueError(
          `Layer name '${layer.name}' appears twice in model '${this.name}'; names must be unique.`,
        );
      }
      names.add(layer.name);
      shape = layer.build(shape, rng);
    });
    this.outputShape = shape;
  }

  /** Switches to training mode and returns the model. */
  train(): this {
    this.training = true;
    return this;
  }

  /** Switches to inference mode and returns the model. */
  eval(): this {
    this.training = false;
    return this;
  }

  /**
   * Applies the model to a batch `[batch, ...inputShape]`, in the current mode unless
   * `training` is given. Use inside `tf.tidy` or an optimizer's loss function.
   */
  apply(x: tf.Tensor, options: { training?: boolean } = {}): tf.Tensor {
    this.checkInput(x);
    const training = options.training ?? this.training;
    return tf.tidy(() => this.layers.reduce((h, layer) => layer.call(h, training), x));
  }

  /** Applies the model in inference mode. The caller disposes the result. */
  predict(x: tf.Tensor): tf.Tensor {
    return this.apply(x, { training: false });
  }

  /** Every weight, trainable or not, in layer order. */
  get weights(): Weight[] {
    return this.layers.flatMap((l) => l.weights);
  }

  /** The weights an optimizer updates. */
  get trainableWeights(): Weight[] {
    return this.weights.filter((w) => w.trainable);
  }

  /** The variables of `trainableWeights`, as optimizers take them. */
  get trainableVariables(): tf.Variable[] {
    return this.trainableWeights.map((w) => w.variable);
  }

  /** The number of values in all weights (trainable or not, like Keras). */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** A table of layers, output shapes and parameter counts. */
  summary(): string {
    const rows = this.layers.map((l) => {
      const params = l.weights.reduce((n, w) => n + w.variable.size, 0);
      const kind = l.describe() ? `${l.kind} (${l.describe()})` : l.kind;
      return [l.name, kind, `[${l.outputShape.join(', ')}]`, String(params)];
    });
    const header = ['layer', 'kind', 'output', 'params'];
    const all = [header, ...rows];
    const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] as string).length)));
    const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ');
    const trainable = this.trainableWeights.reduce((n, w) => n + w.variable.size, 0);
    return [
      `${this.name}: input [${this.inputShape.join(', ')}]`,
      line(header),
      ...rows.map(line),
      `total params: ${this.countParams()} (trainable ${trainable})`,
    ].join('\n');
  }

  /** Frees every weight. */
  dispose(): void {
    for (const l of this.layers) l.dispose();
  }

  private checkInput(x: tf.Tensor): void {
    if (!(x instanceof tf.Tensor)) {
      throw new ShapeError(`Argument 'x' passed to '${this.name}.apply' must be a tensor.`);
    }
    const ok =
      x.rank === this.inputShape.length + 1 &&
      this.inputShape.every((d, i) => x.shape[i + 1] === d);
    if (!ok) {
      throw new ShapeError(
        `Argument 'x' passed to '${this.name}.apply' must have shape [batch, ${this.inputShape.join(', ')}], but got [${x.shape.join(', ')}].`,
      );
    }
  }
}
