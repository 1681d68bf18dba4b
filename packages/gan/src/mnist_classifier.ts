import { FormatError, ShapeError, ValueError } from '@gankit/core';
import { Conv2D, Dense, Dropout, Flatten, ReLU, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { MNIST_CLASSIFIER_WEIGHTS } from './mnist_classifier_weights';

/** Index of the layer whose output is the classifier's penultimate features (64 values). */
const FEATURE_LAYERS = 10;

/**
 * The evaluation classifier's network: three 3x3 convolutions (16 filters; 32 and 64 with
 * stride 2), a fourth 3x3/2 convolution down to 4x4x64, then Dense 64 (the features the
 * Fréchet classifier distance uses), Dropout 0.3 and Dense 10 (logits). About 126k weights.
 * Input: `[n, 28, 28, 1]` digits in [0, 1].
 */
export function mnistClassifierNetwork(seed: number | string = 0): Sequential {
  return new Sequential({
    name: 'mnist_classifier',
    inputShape: [28, 28, 1],
    seed,
    layers: [
      new Conv2D({ filters: 16, kernelSize: 3 }),
      new ReLU(),
      new Conv2D({ filters: 32, kernelSize: 3, strides: 2 }),
      new ReLU(),
      new Conv2D({ filters: 64, kernelSize: 3, strides: 2 }),
      new ReLU(),
      new Conv2D({ filters: 64, kernelSize: 3, strides: 2 }),
      new ReLU(),
      new Flatten(),
      new Dense({ units: 64 }),
      new ReLU(),
      new Dropout({ rate: 0.3 }),
      new Dense({ units: 10 }),
    ],
  });
}

/** Every weight of `model`, in layer order, as one little-endian float32 buffer in base64. */
export function encodeClassifierWeights(model: Sequential): string {
  const parts = model.weights.map((w) => w.variable.dataSync() as Float32Array);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return bytesToBase64(new Uint8Array(all.buffer));
}

/** Assigns the weights of {@link encodeClassifierWeights}' output to `model`. */
export function decodeClassifierWeights(model: Sequential, base64: string): void {
  const bytes = base64ToBytes(base64);
  const expected = model.countParams();
  if (bytes.length !== expected * 4) {
    throw new FormatError(
      `The MNIST classifier weights hold ${bytes.length} bytes, but '${model.name}' needs ${expected * 4} (${expected} float32 values).`,
    );
  }
  const values = new Float32Array(bytes.buffer, bytes.byteOffset, expected);
  let at = 0;
  for (const w of model.weights) {
    const size = w.variable.size;
    const value = tf.tensor(values.slice(at, at + size), w.variable.shape);
    w.variable.assign(value);
    value.dispose(); // the variable keeps the data
    at += size;
  }
}

/**
 * The MNIST classifier that ships with gankit, trained by `scripts/train_classifier.ts` on
 * the 60,000 training digits (see the README for its test accuracy). It is the judge of the
 * classifier score and the Fréchet classifier distance. Input `[n, 28, 28, 1]` (or `[n, 784]`)
 * in [0, 1]; use {@link toClassifierRange} for a tanh generator's [-1, 1] output.
 *
 * ```ts
 * const judge = loadMnistClassifier();
 * const probs = judge.probabilities(images); // [n, 10]
 * ```
 */
export class MnistClassifier {
  readonly network: Sequential;

  constructor(network: Sequential) {
    this.network = network.eval();
  }

  /** Class probabilities `[n, 10]`. The caller disposes them. */
  probabilities(images: tf.Tensor): tf.Tensor2D {
    return tf.tidy(
      () => tf.softmax(this.network.predict(asImages(images, 'probabilities'))) as tf.Tensor2D,
    );
  }

  /** The 64 penultimate features (after ReLU) of each image, `[n, 64]`. The caller disposes them. */
  features(images: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const layers = this.network.layers.slice(0, FEATURE_LAYERS + 1);
      const x: tf.Tensor = asImages(images, 'features');
      return layers.reduce((h, layer) => layer.call(h, false), x) as tf.Tensor2D;
    });
  }

  /** The most likely digit of each image. */
  predict(images: tf.Tensor): Int32Array {
    const classes = tf.tidy(() => tf.argMax(this.probabilities(images), 1));
    const out = Int32Array.from(classes.dataSync());
    classes.dispose();
    return out;
  }

  /** Frees the weights. */
  dispose(): void {
    this.network.dispose();
  }
}

/**
 * Loads the shipped MNIST classifier, or the same network with other `weights`: the base64
 * string that `scripts/train_classifier.ts --out <file>` writes (to score with a judge you
 * trained yourself). Dispose it when done.
 */
export function loadMnistClassifier(weights: string = MNIST_CLASSIFIER_WEIGHTS): MnistClassifier {
  if (typeof weights !== 'string') {
    throw new ValueError(
      `Argument 'weights' passed to 'loadMnistClassifier' must be a base64 string, but got ${typeof weights}.`,
    );
  }
  const network = mnistClassifierNetwork();
  try {
    decodeClassifierWeights(network, weights);
  } catch (error) {
    network.dispose();
    throw error;
  }
  return new MnistClassifier(network);
}

/** Maps a tanh generator's [-1, 1] images to the classifier's [0, 1]. The caller disposes the result. */
export function toClassifierRange(images: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(tf.add(images, 1), 2));
}

function asImages(images: tf.Tensor, method: string): tf.Tensor4D {
  const n = images.shape[0] as number;
  const ok =
    (images.rank === 2 && images.shape[1] === 784) ||
    (images.rank === 4 &&
      images.shape[1] === 28 &&
      images.shape[2] === 28 &&
      images.shape[3] === 1);
  if (!ok) {
    throw new ShapeError(
      `Argument 'images' passed to 'MnistClassifier.${method}' must have shape [n, 28, 28, 1] or [n, 784], but got [${images.shape.join(', ')}].`,
    );
  }
  return tf.reshape(images, [n, 28, 28, 1]);
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648), written out so it runs the same in Node and browsers. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    out += alphabet[(triple >> 18) & 63];
    out += alphabet[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[triple & 63] : '=';
  }
  return out;
}

/** Decodes {@link bytesToBase64}'s output. */
export function base64ToBytes(text: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const v = lookup[clean.charCodeAt(i)] ?? -1;
    if (v < 0)
      throw new FormatError(`Invalid base64 character at position ${i} of the classifier weights.`);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 255;
    }
  }
  return out;
}
