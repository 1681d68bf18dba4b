import { initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, Dense, Dropout, predictWithBatchStatistics, Sequential } from './index';

beforeAll(async () => {
  await initBackend();
});

describe('predictWithBatchStatistics', () => {
  it("normalizes by the batch's own statistics, keeps the running ones, and leaves dropout off", () => {
    const m = new Sequential({
      inputShape: [2],
      seed: 3,
      layers: [
        new Dense({ units: 3 }),
        new BatchNorm(),
        new Dropout({ rate: 0.5 }),
        new Dense({ units: 1 }),
      ],
    });
    const x = tf.tensor2d([
      [1, 2],
      [0, -1],
      [3, 0.5],
      [-2, 1],
    ]);
    const running = m.weights
      .filter((w) => !w.trainable)
      .map((w) => Array.from(w.variable.dataSync()));
    const before = tf.memory().numTensors;
    const out = predictWithBatchStatistics(m, x);
    expect(tf.memory().numTensors).toBe(before + 1);
    // By hand: the first Dense, then (h - mean) / sqrt(var + 1e-5) over the batch (gamma 1,
    // beta 0 as built), then the last Dense.
    const expected = tf.tidy(() => {
      const h = (m.layers[0] as Dense).call(x, false);
      const { mean, variance } = tf.moments(h, 0);
      const normalized = tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 1e-5)));
      return (m.layers[3] as Dense).call(normalized, false);
    });
    expect(out.shape).toEqual([4, 1]);
    const got = Array.from(out.dataSync());
    for (const [i, v] of Array.from(expected.dataSync()).entries())
      expect(got[i]).toBeCloseTo(v, 5);
    const again = predictWithBatchStatistics(m, x); // dropout off: the same again
    expect(Array.from(again.dataSync())).toEqual(got);
    const evalMode = m.predict(x); // running statistics (0 and 1 as built) give another output
    expect(Array.from(evalMode.dataSync())).not.toEqual(got);
    expect(
      m.weights.filter((w) => !w.trainable).map((w) => Array.from(w.variable.dataSync())),
    ).toEqual(running);
    tf.dispose([x, out, expected, again, evalMode]);
    m.dispose();
  });
});
