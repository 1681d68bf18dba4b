import { initBackend, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, Dense, Sequential, updateBatchNormStatistics } from './index';

beforeAll(async () => {
  await initBackend();
});

/** Running mean and variance of the model's only BatchNorm layer. */
function statistics(m: Sequential): number[][] {
  return m.weights.filter((w) => !w.trainable).map((w) => Array.from(w.variable.dataSync()));
}

const round = (rows: number[][]) => rows.map((r) => r.map((v) => Math.round(v * 1e4) / 1e4));

describe('updateBatchNormStatistics', () => {
  it('sets the running statistics to the mean of the batch statistics, then momentum applies again', () => {
    const m = new Sequential({ inputShape: [2], layers: [new BatchNorm({ momentum: 0.9 })] });
    const a = tf.tensor2d([
      [1, 10],
      [3, 30],
    ]);
    const b = tf.tensor2d([
      [5, 0],
      [9, 0],
      [7, 0],
    ]);
    tf.dispose(m.apply(a, { training: true })); // some history, which the update replaces
    const before = tf.memory().numTensors;
    expect(updateBatchNormStatistics(m, [a, b])).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    // a: mean [2, 20], unbiased var [2, 200]; b: mean [7, 0], unbiased var [4, 0].
    expect(round(statistics(m))).toEqual([
      [4.5, 10],
      [3, 100],
    ]);
    // Back to momentum 0.9 afterwards: one more batch moves the mean by a tenth.
    tf.dispose(m.apply(b, { training: true }));
    expect(round(statistics(m))[0]).toEqual([4.75, 9]);
    // The batch statistics the layer normalizes with in training mode are untouched.
    const y = m.apply(a, { training: true });
    expect(round([Array.from(y.dataSync())])[0]).toEqual([-1, -1, 1, 1]);
    tf.dispose([a, b, y]);
    m.dispose();
  });

  it('matches the statistics of the layers below, in training mode, with other weights unchanged', () => {
    const m = new Sequential({
      inputShape: [3],
      seed: 4,
      layers: [new Dense({ units: 4 }), new BatchNorm(), new Dense({ units: 2 }), new BatchNorm()],
    });
    const batches = [0, 1].map((i) => tf.randomNormal([8, 3], 0, 1, 'float32', i));
    const trainable = m.trainableVariables.map((v) => Array.from(v.dataSync()));
    expect(updateBatchNormStatistics(m, batches)).toBe(2);
    expect(m.trainableVariables.map((v) => Array.from(v.dataSync()))).toEqual(trainable);
    // The first BatchNorm sees Dense(x): its running mean is the mean of the two batch means.
    const dense = m.layers[0] as Dense;
    const expected = tf.tidy(() =>
      tf.div(tf.addN(batches.map((x) => tf.mean(dense.call(x, true), 0))), batches.length),
    );
    const mean = statistics(m)[0] as number[];
    const want = Array.from(expected.dataSync());
    for (const [i, v] of mean.entries()) expect(v).toBeCloseTo(want[i] as number, 5);
    tf.dispose([...batches, expected]);
    m.dispose();
  });

  it('refuses no batches and wrong shapes, and then leaves the statistics as they were', () => {
    const m = new Sequential({ inputShape: [2], layers: [new BatchNorm()] });
    const good = tf.tensor2d([
      [1, 2],
      [3, 5],
    ]);
    tf.dispose(m.apply(good, { training: true }));
    const kept = statistics(m);
    expect(() => updateBatchNormStatistics(m, [])).toThrow(ValueError);
    expect(() => updateBatchNormStatistics(m, [])).toThrow(
      /'batches'.*'updateBatchNormStatistics'/,
    );
    const bad = tf.zeros([2, 3]);
    const before = tf.memory().numTensors;
    expect(() => updateBatchNormStatistics(m, [good, bad])).toThrow(ShapeError);
    expect(tf.memory().numTensors).toBe(before);
    expect(statistics(m)).toEqual(kept);
    // And momentum applies again after the refusal.
    tf.dispose(m.apply(good, { training: true }));
    expect(round(statistics(m))[0]).toEqual([0.38, 0.665]);
    tf.dispose([good, bad]);
    m.dispose();
  });

  it('changes nothing in a model without BatchNorm', () => {
    const m = new Sequential({ inputShape: [2], layers: [new Dense({ units: 1 })] });
    const x = tf.ones([2, 2]);
    expect(updateBatchNormStatistics(m, [x])).toBe(0);
    tf.dispose(x);
    m.dispose();
  });
});
