import { initBackend, NotFittedError, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../testing/reference';
import { MLPClassifier } from './mlp_classifier';

beforeAll(async () => {
  await initBackend();
});

/** Two interleaved half-moons: not linearly separable. */
function moons(n: number) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = (Math.PI * i) / (n - 1);
    x.push([Math.cos(t), Math.sin(t)]);
    y.push(0);
    x.push([1 - Math.cos(t), 0.5 - Math.sin(t)]);
    y.push(1);
  }
  return { x, y };
}

describe('MLPClassifier', () => {
  it('learns a non-linear boundary (two half-moons)', async () => {
    const { x, y } = moons(40);
    const epochs: number[] = [];
    const mlp = await new MLPClassifier({
      hiddenLayerSizes: [32, 32],
      learningRate: 0.03,
      batchSize: 80,
      maxIter: 150,
      seed: 1,
      onEpochEnd: (epoch) => {
        epochs.push(epoch);
      },
    }).fit(x, y);
    expect(mlp.score(x, y)).toBe(1);
    expect(epochs[0]).toBe(0);
    expect(epochs.length).toBe(mlp.nIter);
    expect(mlp.lossCurve.at(-1)!).toBeLessThan(mlp.lossCurve[0]!);
    const proba = mlp.predictProba([[0, 1]])[0]!;
    expect(proba[0]! + proba[1]!).toBeCloseTo(1, 5);
    expect(proba[0]).toBeGreaterThan(0.9);
    mlp.dispose();
  });

  it('is reproducible by seed and leaks no tensors across fit, predict and dispose', async () => {
    const { x, y } = blobs(
      15,
      [
        [0, 0],
        [3, 3],
        [0, 3],
      ],
      9,
    );
    const before = tf.memory().numTensors;
    const a = await new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 5, seed: 3 }).fit(x, y);
    const b = await new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 5, seed: 3 }).fit(x, y);
    expect(a.lossCurve).toEqual(b.lossCurve);
    expect(Array.from(a.classes)).toEqual([0, 1, 2]);
    a.predictProba(x);
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early when the loss stops improving', async () => {
    const { x, y } = blobs(
      20,
      [
        [0, 0],
        [6, 6],
      ],
      10,
    );
    const mlp = await new MLPClassifier({ maxIter: 500, tol: 0.5, nIterNoChange: 2, seed: 0 }).fit(
      x,
      y,
    );
    expect(mlp.nIter).toBeLessThan(10);
    mlp.dispose();
  });

  it('stops on abort and rejects bad input', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    const before = tf.memory().numTensors;
    await expect(
      new MLPClassifier({ signal: controller.signal }).fit([[0], [1]], [0, 1]),
    ).rejects.toThrow('stop now');
    expect(tf.memory().numTensors).toBe(before);
    expect(() => new MLPClassifier().predict([[1]])).toThrow(NotFittedError);
    expect(() => new MLPClassifier({ hiddenLayerSizes: [] })).toThrow(
      "Argument 'hiddenLayerSizes' passed to 'MLPClassifier' must be a non-empty array of layer sizes, but got [].",
    );
    expect(() => new MLPClassifier({ activation: 'gelu' as 'relu' })).toThrow(ValueError);
    expect(() => new MLPClassifier({ epochs: 3 } as object)).toThrow(
      "Unknown option 'epochs' passed to 'MLPClassifier'",
    );
    await expect(new MLPClassifier().fit([[0], [1]], [0])).rejects.toThrow(ShapeError);
    await expect(new MLPClassifier().fit([[0], [Number.NaN]], [0, 1])).rejects.toThrow(
      "Argument 'x' passed to 'MLPClassifier.fit' must contain only finite numbers, but entry 1 is NaN.",
    );
  });
});
