import { FormatError, initBackend, ShapeError, ValueError } from '@gankit/core';
import { loadMnist } from '@gankit/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierScore, loadMnistClassifier, MNIST_CLASSIFIER_TEST_ACCURACY } from './index';
import { base64ToBytes, bytesToBase64, encodeClassifierWeights } from './mnist_classifier';

beforeAll(async () => {
  await initBackend();
});

describe('the shipped MNIST classifier', () => {
  it('round-trips bytes through base64 like Node does', () => {
    const bytes = Uint8Array.from({ length: 257 }, (_, i) => (i * 37) % 256);
    for (const n of [0, 1, 2, 3, 100, 257]) {
      const part = bytes.subarray(0, n);
      const text = bytesToBase64(part);
      expect(text).toBe(Buffer.from(part).toString('base64'));
      expect(Array.from(base64ToBytes(text))).toEqual(Array.from(part));
    }
  });

  it('classifies 500 real test digits as accurately as its recorded test accuracy says', () => {
    // The issue's target is 99%; the README gives the shipped weights' measured figure.
    expect(MNIST_CLASSIFIER_TEST_ACCURACY).toBeGreaterThanOrEqual(0.99); // the issue asks for 99%
    const judge = loadMnistClassifier();
    const test = loadMnist({ split: 'test', limit: 500 });
    const predicted = judge.predict(test.images);
    const correct = predicted.filter((c, i) => c === test.labels[i]).length;
    expect(Math.abs(correct / 500 - MNIST_CLASSIFIER_TEST_ACCURACY)).toBeLessThan(0.02);
    const probs = judge.probabilities(test.images);
    expect(classifierScore(probs).mean).toBeGreaterThan(9);
    const features = judge.features(test.images);
    expect(features.shape).toEqual([500, 64]);
    expect(features.min().dataSync()[0]).toBeGreaterThanOrEqual(0); // after ReLU
    tf.dispose([test.images, test.oneHot, probs, features]);
    judge.dispose();
  });

  it('leaves no tensor behind once loaded and disposed', () => {
    const before = tf.memory().numTensors;
    loadMnistClassifier().dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads other weights of the same network, and rejects weights of the wrong size', () => {
    const shipped = loadMnistClassifier();
    const test = loadMnist({ split: 'test', limit: 20 });
    const before = tf.memory().numTensors;
    const copy = loadMnistClassifier(encodeClassifierWeights(shipped.network));
    expect(Array.from(copy.predict(test.images))).toEqual(Array.from(shipped.predict(test.images)));
    copy.dispose();
    expect(() => loadMnistClassifier('AAAA')).toThrow(
      new FormatError(
        "The MNIST classifier weights hold 3 bytes, but 'mnist_classifier' needs 505896 (126474 float32 values).",
      ),
    );
    expect(() => loadMnistClassifier('AA*A')).toThrow(FormatError);
    expect(() => loadMnistClassifier(42 as unknown as string)).toThrow(
      new ValueError(
        "Argument 'weights' passed to 'loadMnistClassifier' must be a base64 string, but got number.",
      ),
    );
    expect(tf.memory().numTensors).toBe(before); // a rejected load frees its network
    tf.dispose([test.images, test.oneHot]);
    shipped.dispose();
  });

  it('rejects images of the wrong shape', () => {
    const judge = loadMnistClassifier();
    const x = tf.zeros([2, 28, 28]);
    expect(() => judge.predict(x)).toThrow(
      new ShapeError(
        "Argument 'images' passed to 'MnistClassifier.probabilities' must have shape [n, 28, 28, 1] or [n, 784], but got [2, 28, 28].",
      ),
    );
    x.dispose();
    judge.dispose();
  });
});
