import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  assertOneOf,
  createRng,
  GankitError,
  ValueError,
} from '@gankit/core';
import { sparseCategoricalCrossEntropyFromLogits } from '@gankit/losses';
import { Adam, Dense, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { bestClasses } from '../best_class';
import {
  assertColumns,
  assertSameLength,
  assertTwoClasses,
  encodeLabels,
  fitted,
  type MatrixInput,
  matrixTensor,
  readLabels,
  toRows,
  type VectorInput,
} from '../input';
import { accuracy } from '../metrics/classification';

/** Hidden-layer activations of {@link MLPClassifier}. */
export type HiddenActivation = 'relu' | 'tanh' | 'sigmoid';

/** What {@link MLPClassifier} reports after each epoch. */
export interface MLPEpochLogs {
  /** Mean training loss of the epoch (cross-entropy plus the L2 term). */
  loss: number;
}

/** Options of {@link MLPClassifier}. Defaults follow scikit-learn's `MLPClassifier` with Adam. */
export interface MLPClassifierOptions {
  /** Units of each hidden layer. Default [100]. */
  hiddenLayerSizes?: readonly number[];
  /** Default `'relu'`. */
  activation?: HiddenActivation;
  /** L2 penalty on the weights, scaled like scikit-learn's: alpha/2 · ||W||² / batch size. Default 1e-4. */
  alpha?: number;
  /** Samples per Adam step (the whole set if larger). Default 200. */
  batchSize?: number;
  /** Adam step size. Default 1e-3. */
  learningRate?: number;
  /** Most epochs. Default 200. */
  maxIter?: number;
  /** An epoch improves when its loss drops by more than `tol`. Default 1e-4. */
  tol?: number;
  /** Stop after this many epochs without improvement. Default 10. */
  nIterNoChange?: number;
  /** Seed of the initial weights and of the batch order. Default 0. */
  seed?: number;
  /** Called after each epoch, e.g. to print progress. */
  onEpochEnd?: (epoch: number, logs: MLPEpochLogs) => void | Promise<void>;
  /** Aborting stops training after the current batch; `fit` then rejects with the signal's reason. */
  signal?: AbortSignal;
}

const OPTIONS = [
  'hiddenLayerSizes',
  'activation',
  'alpha',
  'batchSize',
  'learningRate',
  'maxIter',
  'tol',
  'nIterNoChange',
  'seed',
  'onEpochEnd',
  'signal',
];

function checkHiddenSizes(where: string, sizes: unknown): number[] {
  if (!Array.isArray(sizes) || sizes.length === 0) {
    throw new ValueError(
      `Argument 'hiddenLayerSizes' passed to '${where}' must be a non-empty array of layer sizes, but got ${JSON.stringify(sizes)}.`,
    );
  }
  return sizes.map((s) => assertInteger(where, 'hiddenLayerSizes', s));
}

/**
 * A multi-layer perceptron classifier built on `@gankit/nn`: Dense hidden layers, a
 * softmax output trained on cross-entropy with an L2 penalty, mini-batch Adam, and
 * scikit-learn's stopping rule (no loss improvement by `tol` for `nIterNoChange` epochs).
 *
 * ```ts
 * const mlp = await new MLPClassifier({ hiddenLayerSizes: [128], maxIter: 20, seed: 1 }).fit(xTrain, yTrain);
 * mlp.score(xTest, yTest);
 * mlp.dispose(); // frees the weights
 * ```
 */
export class MLPClassifier {
  readonly hiddenLayerSizes: readonly number[];
  readonly activation: HiddenActivation;
  readonly alpha: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly nIterNoChange: number;
  readonly seed: number;
  private readonly onEpochEnd: MLPClassifierOptions['onEpochEnd'];
  private readonly signal: AbortSignal | undefined;
  private state?: {
    model: Sequential;
    classes: Int32Array;
    nFeatures: number;
    lossCurve: number[];
  };

  constructor(options: MLPClassifierOptions = {}) {
    const where = 'MLPClassifier';
    assertKnownOptions(where, options, OPTIONS);
    this.hiddenLayerSizes = checkHiddenSizes(where, options.hiddenLayerSizes ?? [100]);
    this.activation = assertOneOf(where, 'activation', options.activation ?? 'relu', [
      'relu',
      'tanh',
      'sigmoid',
    ]);
    this.alpha = assertNumberInRange(where, 'alpha', options.alpha ?? 1e-4, 0);
    this.batchSize = assertInteger(where, 'batchSize', options.batchSize ?? 200);
    this.learningRate = assertNumberInRange(
      where,
      'learningRate',
      options.learningRate ?? 1e-3,
      Number.MIN_VALUE,
    );
    this.maxIter = assertInteger(where, 'maxIter', options.maxIter ?? 200);
    this.tol = assertNumberInRange(where, 'tol', options.tol ?? 1e-4, 0);
    this.nIterNoChange = assertInteger(where, 'nIterNoChange', options.nIterNoChange ?? 10);
    this.seed = options.seed ?? 0;
    createRng(this.seed);
    this.onEpochEnd = options.onEpochEnd;
    this.signal = options.signal;
  }

  /** Trains a fresh network on rows `x` and integer labels `y`; resolves to this. */
  async fit(x: MatrixInput, y: VectorInput): Promise<this> {
    const where = 'MLPClassifier.fit';
    const xt = matrixTensor(where, 'x', x);
    const [n, d] = xt.shape;
    let model: Sequential | undefined;
    let codesTensor: tf.Tensor1D | undefined;
    const optimizer = new Adam({ learningRate: this.learningRate });
    try {
      const { classes, codes } = encodeLabels(readLabels(where, 'y', y, n));
      assertTwoClasses(where, 'y', classes);
      codesTensor = tf.tensor1d(codes, 'int32');
      this.dispose();
      model = new Sequential({
        inputShape: [d],
        layers: [
          ...this.hiddenLayerSizes.map(
            (units) => new Dense({ units, activation: this.activation }),
          ),
          new Dense({ units: classes.length }),
        ],
        seed: this.seed,
      });
      const lossCurve = await this.train(model, optimizer, xt, codesTensor);
      this.state = { model, classes, nFeatures: d, lossCurve };
      model = undefined;
      return this;
    } finally {
      model?.dispose();
      optimizer.dispose();
      codesTensor?.dispose();
      xt.dispose();
    }
  }

  /** Epochs of mini-batch Adam; returns the mean loss of each epoch. */
  private async train(
    model: Sequential,
    optimizer: Adam,
    x: tf.Tensor2D,
    codes: tf.Tensor1D,
  ): Promise<number[]> {
    const n = x.shape[0];
    const batch = Math.min(this.batchSize, n);
    const rng = createRng(this.seed);
    const kernels = model.trainableWeights
      .filter((w) => w.name.endsWith('/kernel'))
      .map((w) => w.variable);
    const variables = model.trainableVariables;
    const curve: number[] = [];
    let best = Number.POSITIVE_INFINITY;
    let stale = 0;
    for (let epoch = 0; epoch < this.maxIter; epoch++) {
      const order = rng.permutation(n);
      let total = 0;
      for (let start = 0; start < n; start += batch) {
        this.throwIfAborted();
        const index = tf.tensor1d(order.subarray(start, Math.min(start + batch, n)), 'int32');
        const size = index.shape[0];
        const loss = optimizer.minimize(
          () =>
            tf.tidy(() => {
              const logits = model.apply(tf.gather(x, index), { training: true });
              const ce = sparseCategoricalCrossEntropyFromLogits(
                logits,
                tf.gather(codes, index),
              ) as tf.Scalar;
              if (this.alpha === 0) return ce;
              const l2 = tf.addN(kernels.map((k) => tf.sum(tf.square(k))));
              return tf.add(ce, tf.mul(l2, (0.5 * this.alpha) / size)) as tf.Scalar;
            }),
          variables,
        );
        total += ((await loss.data())[0] as number) * size;
        tf.dispose([loss, index]);
      }
      const epochLoss = total / n;
      curve.push(epochLoss);
      await this.onEpochEnd?.(epoch, { loss: epochLoss });
      if (epochLoss > best - this.tol) stale++;
      else stale = 0;
      best = Math.min(best, epochLoss);
      if (stale >= this.nIterNoChange) break;
    }
    return curve;
  }

  private throwIfAborted() {
    if (this.signal?.aborted) {
      throw this.signal.reason ?? new GankitError("'MLPClassifier.fit' was aborted.");
    }
  }

  /** The distinct labels seen in `fit`, ascending: the column order of {@link predictProba}. */
  get classes(): Int32Array {
    return fitted('MLPClassifier.classes', this.state).classes;
  }

  /** Mean training loss of each epoch run. */
  get lossCurve(): number[] {
    return [...fitted('MLPClassifier.lossCurve', this.state).lossCurve];
  }

  /** Epochs run (fewer than `maxIter` when the stopping rule fired). */
  get nIter(): number {
    return fitted('MLPClassifier.nIter', this.state).lossCurve.length;
  }

  /** The trained network (for saving with `@gankit/nn`'s `saveModel`). */
  get model(): Sequential {
    return fitted('MLPClassifier.model', this.state).model;
  }

  /** Class probabilities (softmax of the output), columns in {@link classes} order. */
  predictProba(x: MatrixInput): Float64Array[] {
    const where = 'MLPClassifier.predictProba';
    const s = fitted(where, this.state);
    const k = s.classes.length;
    const p = this.outputs(where, s, x, true);
    return toRows(p, p.length / k, k);
  }

  /** The most probable class of each row. */
  predict(x: MatrixInput): Int32Array {
    const where = 'MLPClassifier.predict';
    const s = fitted(where, this.state);
    const logits = this.outputs(where, s, x, false);
    return bestClasses(logits, s.classes);
  }

  /** Accuracy of {@link predict} on (x, y). */
  score(x: MatrixInput, y: VectorInput): number {
    const where = 'MLPClassifier.score';
    fitted(where, this.state);
    const yt = readLabels(where, 'y', y);
    const yp = this.predict(x);
    assertSameLength(where, 'y', yt.length, yp.length);
    return accuracy(yt, yp);
  }

  /** Frees the network's weights; the classifier is unfitted afterwards. */
  dispose(): void {
    this.state?.model.dispose();
    this.state = undefined;
  }

  private outputs(
    where: string,
    s: NonNullable<MLPClassifier['state']>,
    x: MatrixInput,
    softmax: boolean,
  ) {
    const xt = matrixTensor(where, 'x', x);
    try {
      assertColumns(where, 'x', xt.shape, s.nFeatures);
      const out = tf.tidy(() => {
        const logits = s.model.predict(xt);
        return softmax ? tf.softmax(logits) : logits;
      });
      const values = out.dataSync() as Float32Array;
      out.dispose();
      return values;
    } finally {
      xt.dispose();
    }
  }
}
