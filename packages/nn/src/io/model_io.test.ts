import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError, initBackend } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BatchNorm, Dense, loadModel, ReLU, Sequential, saveModel } from '../index';

beforeAll(async () => {
  await initBackend();
});

const net = (seed: number, units = 3) =>
  new Sequential({
    inputShape: [4],
    seed,
    layers: [new Dense({ units }), new BatchNorm(), new ReLU(), new Dense({ units: 2 })],
  });
const values = (m: Sequential) => m.weights.map((w) => Array.from(w.variable.dataSync()));
const tmp = () => mkdtempSync(join(tmpdir(), 'gankit-nn-'));

describe('saveModel / loadModel', () => {
  it('round-trips every weight, running statistics included', async () => {
    const dir = tmp();
    const a = net(1);
    await saveModel(a, dir);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
      'dense_0/kernel',
      'dense_0/bias',
      'batch_norm_1/gamma',
      'batch_norm_1/beta',
      'batch_norm_1/running_mean',
      'batch_norm_1/running_var',
      'dense_3/kernel',
      'dense_3/bias',
    ]);
    const b = net(2);
    expect(values(b)).not.toEqual(values(a));
    await loadModel(b, dir);
    expect(values(b)).toEqual(values(a));
    a.dispose();
    b.dispose();
  });

  it('saving again replaces the weights file and removes the old one', async () => {
    const dir = tmp();
    const a = net(1);
    await saveModel(a, dir);
    await saveModel(a, dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(0);
    a.dispose();
  });

  it('rejects a truncated weights file, a NaN, a shape mismatch and corrupt JSON; the model keeps its weights', async () => {
    const dir = tmp();
    const a = net(1);
    await saveModel(a, dir);
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const bin = join(dir, json.weightsManifest[0].paths[0]);
    const bytes = readFileSync(bin);
    const b = net(2);
    const before = values(b);

    writeFileSync(bin, bytes.subarray(0, bytes.length - 8));
    await expect(loadModel(b, dir)).rejects.toThrow(FormatError);
    await expect(loadModel(b, dir)).rejects.toThrow(
      /weight 'dense_3\/bias' needs bytes .* but the data has only/,
    );

    const nan = Buffer.from(bytes);
    nan.writeFloatLE(Number.NaN, 0);
    writeFileSync(bin, nan);
    await expect(loadModel(b, dir)).rejects.toThrow(
      /weight 'dense_0\/kernel' has a non-finite value \(NaN\) at index 0/,
    );
    expect(values(b)).toEqual(before);

    writeFileSync(bin, bytes);
    const wider = net(3, 5);
    await expect(loadModel(wider, dir)).rejects.toThrow(
      "weight 'dense_0/kernel' has shape [4, 3] but the model expects [4, 5].",
    );
    wider.dispose();

    writeFileSync(join(dir, 'model.json'), '{"weightsManifest": [');
    await expect(loadModel(b, dir)).rejects.toThrow(/model.json: not valid JSON/);
    await expect(loadModel(b, join(dir, 'missing'))).rejects.toThrow(/cannot be read \(ENOENT\)/);
    expect(values(b)).toEqual(before);
    a.dispose();
    b.dispose();
  });
});
