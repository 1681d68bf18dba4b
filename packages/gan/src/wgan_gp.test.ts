import { createRng, initBackend } from '@gankit/core';
import { gradientPenalty } from '@gankit/losses';
import { type Adam, LeakyReLU } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { WGANGP } from './index';
import { randomRows, ringPoints, tinyGenerator, tinyNet, weightValues } from './testing/toys';

beforeAll(async () => {
  await initBackend();
});

function toyWgan(seed: number, nCritic = 5, learningRate = 1e-4): WGANGP {
  return new WGANGP({
    generator: tinyGenerator(2, seed, 32),
    discriminator: tinyNet('discriminator', 2, 1, seed, 32, () => new LeakyReLU()),
    nCritic,
    learningRate,
    seed,
  });
}

describe('WGANGP', () => {
  it("uses Gulrajani et al.'s defaults: λ 10, 5 critic steps, Adam(1e-4, 0, 0.9), linear critic", () => {
    const wgan = new WGANGP();
    expect(wgan.lambda).toBe(10);
    expect(wgan.nCritic).toBe(5);
    expect(wgan.objective).toBe('wasserstein');
    const adam = wgan.dOptimizer as Adam;
    expect([adam.learningRate, adam.beta1, adam.beta2]).toEqual([1e-4, 0, 0.9]);
    const g = wgan.gOptimizer as Adam;
    expect([g.learningRate, g.beta1, g.beta2]).toEqual([1e-4, 0, 0.9]);
    const last = wgan.discriminator.layers.at(-1);
    expect(last?.kind).toBe('dense');
    expect(wgan.discriminator.outputShape).toEqual([1]);
    wgan.dispose();
    const conv = new WGANGP({ architecture: 'dcgan' });
    expect(conv.discriminator.layers.map((l) => l.kind)).not.toContain('batch_norm');
    conv.dispose();
  });

  it('gets the penalty gradient w.r.t. the critic weights right on wasm (second order)', () => {
    expect(tf.getBackend()).toBe('wasm');
    const critic = tinyNet('critic', 2, 1, 3, 4, () => new LeakyReLU());
    const kernel = critic.weights[0]?.variable as tf.Variable;
    const real = tf.tensor2d([1, 0.5, -0.5, 0.2, 0.3, -1.2], [3, 2]);
    const fake = tf.tensor2d([-0.4, 0.3, 0.9, 1.2, -0.8, -0.1], [3, 2]);
    const penalty = () => gradientPenalty((x) => critic.apply(x), real, fake, { seed: 9 });
    const { grads } = tf.variableGrads(penalty, [kernel]);
    const analytic = Array.from((grads[kernel.name] as tf.Tensor).dataSync());
    const base = kernel.dataSync().slice();
    // Small steps: the penalty jumps where a ReLU kink crosses an interpolate.
    const h = 1e-3;
    const numeric = Array.from(base, (_, i) => {
      const at = (delta: number) => {
        const w = base.slice();
        w[i] = (w[i] as number) + delta;
        kernel.assign(tf.tensor(w, kernel.shape));
        const p = penalty();
        const v = p.dataSync()[0] as number;
        p.dispose();
        return v;
      };
      return (at(h) - at(-h)) / (2 * h);
    });
    kernel.assign(tf.tensor(base, kernel.shape));
    const scale = Math.max(...numeric.map(Math.abs));
    expect(scale).toBeGreaterThan(0.1);
    analytic.forEach((g, i) => {
      expect(Math.abs(g - (numeric[i] as number))).toBeLessThan(0.02 * scale);
    });
    tf.dispose([real, fake, ...Object.values(grads)]);
    critic.dispose();
  });

  it('updates the critic every step and G every nCritic-th step, leaking nothing', () => {
    const wgan = toyWgan(4, 3);
    const x = ringPoints(16, 5);
    const g0 = weightValues(wgan.generator);
    let d = weightValues(wgan.discriminator);
    const before = tf.memory().numTensors;
    for (let step = 1; step <= 6; step++) {
      const logs = wgan.trainStep(x);
      const d1 = weightValues(wgan.discriminator);
      expect(d1).not.toEqual(d);
      d = d1;
      const gChanged = weightValues(wgan.generator).some((v, i) => v !== g0[i]);
      expect(gChanged).toBe(step >= 3);
      expect(logs.wassersteinEstimate).toBeCloseTo(logs.dReal - logs.dFake, 6);
      expect(logs.gradientPenalty).toBeGreaterThanOrEqual(0);
      if (step === 3) expect(tf.memory().numTensors).toBeGreaterThan(before); // G's Adam slots
    }
    const settled = tf.memory().numTensors;
    wgan.trainStep(x);
    expect(tf.memory().numTensors).toBe(settled);
    x.dispose();
    wgan.dispose();
  });

  it('learns the 2D ring: generated points move out towards radius 2', () => {
    const wgan = toyWgan(6, 2, 2e-3);
    const x = ringPoints(1000, 7);
    const radius = () =>
      tf.tidy(() => {
        const s = wgan.generate(300, { seed: 8 });
        return tf.mean(tf.norm(s, 'euclidean', 1)).dataSync()[0] as number;
      });
    const r0 = radius();
    const rng = createRng(9);
    for (let step = 0; step < 200; step++) {
      const { batch } = randomRows(x, 64, rng);
      wgan.trainStep(batch);
      batch.dispose();
    }
    expect(r0).toBeLessThan(1);
    expect(Math.abs(radius() - 2)).toBeLessThan(0.5);
    x.dispose();
    wgan.dispose();
  });
});
