import { createRng, initBackend, randomNormal, ShapeError, ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Adam,
  BatchNorm,
  Conv2D,
  Conv2DTranspose,
  Dense,
  Flatten,
  LeakyReLU,
  type Optimizer,
  ReLU,
  Reshape,
  Sequential,
  SGD,
  Tanh,
} from './index';
import { flatValues, maxRelativeError } from './test_util';

beforeAll(async () => {
  await initBackend();
});

function mlp(seed: number) {
  return new Sequential({
    inputShape: [8],
    seed,
    layers: [
      new Dense({ units: 16 }),
      new LeakyReLU(),
      new Dense({ units: 16, activation: 'relu' }),
      new Dense({ units: 1 }),
    ],
  });
}

function convNet(seed: number) {
  return new Sequential({
    inputShape: [8, 8, 1],
    seed,
    layers: [
      new Conv2D({ filters: 4, kernelSize: 4, strides: 2 }),
      new BatchNorm(),
      new ReLU(),
      new Conv2DTranspose({ filters: 1, kernelSize: 4, strides: 2 }),
      new Tanh(),
    ],
  });
}

function data(seed: number, shape: number[]) {
  const rng = createRng(seed);
  return randomNormal(rng, shape);
}

/** Trains `model` for `steps` of MSE regression and returns the losses. */
function train(
  model: Sequential,
  x: tf.Tensor,
  y: tf.Tensor,
  steps: number,
  lr = 0.01,
  opt: Optimizer = new Adam({ learningRate: lr }),
): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = opt.minimize(
      () => tf.losses.meanSquaredError(y, model.apply(x)) as tf.Scalar,
      model.trainableVariables,
    );
    losses.push(loss.dataSync()[0] as number);
    loss.dispose();
  }
  opt.dispose();
  return losses;
}

describe('Sequential', () => {
  it('builds shapes and counts parameters', () => {
    const m = mlp(0);
    expect(m.outputShape).toEqual([1]);
    expect(m.countParams()).toBe(8 * 16 + 16 + 16 * 16 + 16 + 16 + 1);
    expect(m.weights.map((w) => w.name)).toEqual([
      'dense_0/kernel',
      'dense_0/bias',
      'dense_2/kernel',
      'dense_2/bias',
      'dense_3/kernel',
      'dense_3/bias',
    ]);
    expect(m.summary()).toContain('total params: 433');
    m.dispose();
    const c = convNet(0);
    expect(c.layers.map((l) => l.outputShape)).toEqual([
      [4, 4, 4],
      [4, 4, 4],
      [4, 4, 4],
      [8, 8, 1],
      [8, 8, 1],
    ]);
    c.dispose();
  });

  it('a dense net trains on wasm: loss falls, nothing leaks per step', () => {
    const m = mlp(1);
    const x = data(2, [32, 8]);
    const y = tf.tidy(() => tf.sum(tf.sin(x), 1, true));
    const before = tf.memory().numTensors;
    const losses = train(m, x, y, 100);
    expect(tf.memory().numTensors).toBe(before);
    expect(losses[99] as number).toBeLessThan((losses[0] as number) * 0.3);
    tf.dispose([x, y]);
    m.dispose();
  });

  it('a conv net (Conv2D s2, BatchNorm, Conv2DTranspose s2) trains on wasm', () => {
    const m = convNet(3);
    const x = tf.tidy(() => tf.tanh(data(4, [8, 8, 8, 1])));
    const before = tf.memory().numTensors;
    const losses = train(m, x, x, 60, 0.02);
    expect(tf.memory().numTensors).toBe(before);
    expect(losses[59] as number).toBeLessThan((losses[0] as number) * 0.5);
    x.dispose();
    m.dispose();
  });

  // SGD, not Adam: Adam's first step is lr * sign(g), so a gradient that is zero in exact
  // arithmetic (a conv bias before BatchNorm) would flip on float noise and hide real errors.
  it('one step on wasm equals one step on cpu within 1e-4 relative (dense and conv)', async () => {
    for (const make of [mlp, convNet]) {
      const results: number[][] = [];
      for (const backend of ['wasm', 'cpu'] as const) {
        await initBackend({ backend });
        const m = make(5);
        const isConv = m.inputShape.length === 3;
        const x = isConv ? data(6, [4, 8, 8, 1]) : data(6, [16, 8]);
        const y = isConv ? tf.tanh(x) : tf.sum(x, 1, true);
        train(m, x, y, 1, 0.1, new SGD({ learningRate: 0.1 }));
        results.push(flatValues(m.weights.map((w) => w.variable)));
        tf.dispose([x, y]);
        m.dispose();
      }
      expect(maxRelativeError(results[0] as number[], results[1] as number[])).toBeLessThan(1e-4);
    }
    await initBackend();
  });

  it('the same seed gives identical weights after 20 steps; another seed does not', () => {
    const run = (seed: number) => {
      const m = convNet(seed);
      const x = tf.tidy(() => tf.tanh(data(7, [4, 8, 8, 1])));
      train(m, x, x, 20);
      const w = flatValues(m.weights.map((v) => v.variable));
      x.dispose();
      m.dispose();
      return w;
    };
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12)).not.toEqual(a);
  });

  it('eval mode uses BatchNorm running statistics, training mode batch statistics', () => {
    const m = new Sequential({ inputShape: [3], layers: [new BatchNorm({ momentum: 0 })] });
    const x = tf.tensor2d([
      [1, 2, 3],
      [3, 6, 9],
    ]);
    const yTrain = m.apply(x, { training: true });
    // batch mean [2,4,6], biased var [1,4,9]: normalized rows are -1 and +1.
    expect(Array.from(yTrain.dataSync()).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([
      -1, -1, -1, 1, 1, 1,
    ]);
    // momentum 0: running stats = this batch's mean and unbiased var [2, 8, 18].
    const yEval = m.eval().apply(x);
    const expected = [1, 2, 3, 3, 6, 9].map(
      (v, i) => (v - [2, 4, 6][i % 3]!) / Math.sqrt([2, 8, 18][i % 3]! + 1e-5),
    );
    expect(maxRelativeError(yEval.dataSync(), expected)).toBeLessThan(1e-5);
    tf.dispose([x, yTrain, yEval]);
    m.dispose();
  });

  it('rejects bad input with messages that name the argument and the function', () => {
    const m = mlp(0);
    const x = tf.zeros([2, 5]);
    expect(() => m.apply(x)).toThrow(
      new ShapeError(
        "Argument 'x' passed to 'sequential.apply' must have shape [batch, 8], but got [2, 5].",
      ),
    );
    x.dispose();
    m.dispose();
    expect(() => new Dense({ units: 0 })).toThrow(
      new ValueError("Argument 'units' passed to 'Dense' must be an integer >= 1, but got 0."),
    );
    expect(() => new Dense({ units: 2, activaton: 'relu' } as object as { units: number })).toThrow(
      "Unknown option 'activaton' passed to 'Dense'",
    );
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, padding: 'full' as 'same' })).toThrow(
      "Argument 'padding' passed to 'Conv2D' must be one of 'same', 'valid', but got \"full\".",
    );
    expect(
      () => new Sequential({ inputShape: [4, 4, 1], layers: [new Dense({ units: 2 })] }),
    ).toThrow(
      "Layer 'dense_0' (Dense) needs inputs of shape [batch, features], but its input shape is [batch, 4, 4, 1]; add a Flatten layer before it.",
    );
    expect(
      () => new Sequential({ inputShape: [6], layers: [new Reshape({ targetShape: [4, 2] })] }),
    ).toThrow("Layer 'reshape_0' (Reshape) cannot reshape [6] (6 values) to [4, 2] (8 values).");
    expect(
      () =>
        new Sequential({
          inputShape: [4],
          layers: [new Flatten(), new Dense({ units: 1, name: 'flatten_0' })],
        }),
    ).toThrow("Layer name 'flatten_0' appears twice in model 'sequential'; names must be unique.");
  });
});
