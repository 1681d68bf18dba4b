import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, initBackend, randomNormal } from '@gankit/core';
import { BatchNorm } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCGAN, LSGAN, loadCheckpoint, saveCheckpoint } from './index';

beforeAll(async () => {
  await initBackend();
});

const small = { imageShape: [8, 8, 1] as [number, number, number], width: 8, dense: 16 };
const values = (gan: DCGAN) =>
  gan.discriminator.weights.map((w) => Array.from(w.variable.dataSync()));

describe("DCGAN's spectralNorm option", () => {
  it('builds D with spectrally normalised layers and no BatchNorm, and G as before', () => {
    const sn = new DCGAN({ ...small, seed: 1, spectralNorm: true });
    const plain = new DCGAN({ ...small, seed: 1 });
    expect(sn.discriminator.layers.some((l) => l instanceof BatchNorm)).toBe(false);
    expect(plain.discriminator.layers.filter((l) => l instanceof BatchNorm)).toHaveLength(2);
    const vectors = sn.discriminator.weights.filter((w) => w.name.endsWith('/sn_u'));
    expect(vectors.map((w) => w.trainable)).toEqual([false, false, false, false]); // 2 conv, 2 dense
    expect(sn.generator.weights.map((w) => Array.from(w.variable.dataSync()))).toEqual(
      plain.generator.weights.map((w) => Array.from(w.variable.dataSync())),
    );
    expect(
      new LSGAN({ ...small, spectralNorm: true }).discriminator.layers.some(
        (l) => l instanceof BatchNorm,
      ),
    ).toBe(false);
    expect(() => new DCGAN({ ...small, spectralNorm: 'yes' as never })).toThrow(
      "Argument 'spectralNorm' passed to 'dcganDiscriminator' must be a boolean",
    );
    sn.dispose();
    plain.dispose();
  });

  it('trains without leaving tensors, moves the power-iteration vectors, and checkpoints them', async () => {
    const gan = new DCGAN({ ...small, seed: 2, spectralNorm: true });
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(3), [16, 8, 8, 1])));
    const before = values(gan);
    tf.tidy(() => gan.trainStep(x)); // builds Adam's slots
    const tensors = tf.memory().numTensors;
    const logs = gan.trainStep(x);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Object.values(logs).every(Number.isFinite)).toBe(true);
    const after = values(gan);
    const names = gan.discriminator.weights.map((w) => w.name);
    for (const [i, name] of names.entries()) {
      // The logit's vector has one value, always 1: the others move.
      if (name.endsWith('/sn_u') && (before[i] as number[]).length > 1)
        expect(after[i]).not.toEqual(before[i]);
    }
    const dir = mkdtempSync(join(tmpdir(), 'gankit-sn-'));
    await saveCheckpoint(gan, dir, { step: 2, model: 'DCGAN', seed: 2 });
    const fresh = new DCGAN({ ...small, seed: 2, spectralNorm: true });
    await loadCheckpoint(fresh, dir, 'DCGAN');
    expect(values(fresh)).toEqual(after);
    tf.dispose(x);
    gan.dispose();
    fresh.dispose();
  });

  it("combines with the R1 penalty (second-order gradients through D's normalisation)", () => {
    const gan = new DCGAN({ ...small, seed: 4, spectralNorm: true, r1: 1 });
    const x = tf.tidy(() => tf.tanh(randomNormal(createRng(5), [16, 8, 8, 1])));
    tf.tidy(() => gan.trainStep(x));
    const tensors = tf.memory().numTensors;
    const logs = gan.trainStep(x);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Object.values(logs).every(Number.isFinite)).toBe(true);
    tf.dispose(x);
    gan.dispose();
  });
});
