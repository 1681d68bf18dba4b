import { assertInteger, assertKnownOptions, type Rng, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { type Initializer, initialize } from '../initializers';
import { Layer, type Shape } from '../layer';

/** Options of {@link Embedding}. */
export interface EmbeddingOptions {
  /** Number of distinct ids (ids run from 0 to inputDim - 1). */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Default `{ normal: { std: 0.05 } }`. */
  embeddingsInitializer?: Initializer;
  name?: string;
}

const where = 'Embedding';

/** Maps integer ids of shape `[batch, length]` to vectors, giving `[batch, length, outputDim]`. */
export class Embedding extends Layer {
  readonly kind = 'embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  private readonly init: Initializer;
  private embeddings?: tf.Variable;

  constructor(options: EmbeddingOptions) {
    assertKnownOptions(where, options, ['inputDim', 'outputDim', 'embeddingsInitializer', 'name']);
    super(options.name);
    this.inputDim = assertInteger(where, 'inputDim', options.inputDim);
    this.outputDim = assertInteger(where, 'outputDim', options.outputDim);
    this.init = options.embeddingsInitializer ?? { normal: { std: 0.05 } };
  }

  protected buildWeights(inputShape: Shape, rng: Rng): Shape {
    if (inputShape.length !== 1) {
      throw new ShapeError(
        `Layer '${this.name}' (Embedding) needs ids of shape [batch, length], but its input shape is [batch, ${inputShape.join(', ')}].`,
      );
    }
    const shape = [this.inputDim, this.outputDim];
    this.embeddings = this.addWeight(
      'embeddings',
      initialize(this.init, shape, this.inputDim, this.outputDim, rng),
    );
    return [inputShape[0] as number, this.outputDim];
  }

  call(x: tf.Tensor, _training: boolean): tf.Tensor {
    return tf.tidy(() => {
      const ids = x.dtype === 'int32' ? x : tf.cast(x, 'int32');
      const flat = tf.gather(this.embeddings as tf.Tensor, tf.reshape(ids, [-1]));
      return tf.reshape(flat, [...x.shape, this.outputDim]);
    });
  }

  override describe(): string {
    return `${this.inputDim} ids -> ${this.outputDim}`;
  }
}
