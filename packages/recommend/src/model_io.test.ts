import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, FormatError, initBackend, NotFittedError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BaselineOnly } from './baseline_only';
import { ImplicitALS } from './implicit_als';
import { Interactions, type RatingTriple } from './interactions';
import { KNNBaseline, KNNBasic, KNNWithMeans, KNNWithZScore } from './knn';
import {
  loadModel,
  modelFromBytes,
  modelFromJSON,
  modelToBytes,
  modelToJSON,
  type SavableModel,
  saveModel,
} from './model_io';
import { SVD } from './svd';

beforeAll(async () => {
  await initBackend();
});

const rng = createRng(3);
const triples: RatingTriple[] = [];
for (let u = 0; u < 14; u++) {
  for (let i = 0; i < 9; i++)
    if (rng.next() < 0.6) triples.push([u % 3 === 0 ? `s${u}` : u, `m${i}`, 1 + rng.int(5)]);
}
const data = Interactions.from(triples, { ratingScale: [1, 5] });

async function fitted(): Promise<SavableModel[]> {
  return [
    new KNNBasic({ k: 3, similarity: { name: 'cosine' } }).fit(data),
    new KNNWithMeans({ similarity: { name: 'pearson', userBased: false } }).fit(data),
    new KNNWithZScore({ k: 5 }).fit(data),
    new KNNBaseline({ similarity: { name: 'pearson_baseline', userBased: false } }).fit(data),
    new BaselineOnly({ baselines: { method: 'sgd' } }).fit(data),
    await new SVD({ factors: 4, epochs: 3, seed: 1 }).fit(data),
    await new ImplicitALS({ factors: 3, iterations: 2 }).fit(data),
  ];
}

function expectSamePredictions(a: SavableModel, b: SavableModel): void {
  expect(b.kind).toBe(a.kind);
  for (const user of [...data.users.ids, 'cold']) {
    for (const item of [...data.items.ids, 'cold']) {
      expect(b.predict(user, item)).toEqual(a.predict(user, item));
    }
  }
  expect(b.recommend(data.users.ids[1]!, 4)).toEqual(a.recommend(data.users.ids[1]!, 4));
}

describe('save and load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gankit-recommend-'));

  it('round-trips every model through a file, bytes and JSON', async () => {
    for (const model of await fitted()) {
      const path = join(dir, `${model.kind}.gkrec`);
      await saveModel(model, path);
      expectSamePredictions(model, await loadModel(path));
      expectSamePredictions(model, modelFromBytes(modelToBytes(model)));
      const json = JSON.parse(JSON.stringify(modelToJSON(model)));
      expectSamePredictions(model, modelFromJSON(json));
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('gives FormatError on truncated or corrupt files', async () => {
    const model = new KNNBasic().fit(data);
    const path = join(dir, 'good.gkrec');
    await saveModel(model, path);
    const bytes = readFileSync(path);
    const truncated = join(dir, 'truncated.gkrec');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    await expect(loadModel(truncated)).rejects.toThrow(FormatError);
    await expect(loadModel(truncated)).rejects.toThrow(
      "The model file passed to 'loadModel' is corrupt or truncated (checksum mismatch).",
    );
    const flipped = Buffer.from(bytes);
    flipped[200] = (flipped[200]! + 1) % 256;
    writeFileSync(join(dir, 'flipped.gkrec'), flipped);
    await expect(loadModel(join(dir, 'flipped.gkrec'))).rejects.toThrow(FormatError);
    writeFileSync(join(dir, 'junk.gkrec'), 'hello, this is not a model at all');
    await expect(loadModel(join(dir, 'junk.gkrec'))).rejects.toThrow(
      "The model file passed to 'loadModel' is not a gankit-recommend model (bad magic bytes).",
    );
    writeFileSync(join(dir, 'tiny.gkrec'), 'GK');
    await expect(loadModel(join(dir, 'tiny.gkrec'))).rejects.toThrow(
      "The model file passed to 'loadModel' is truncated (too short to be a model).",
    );
  });

  it('keeps the old file when a save fails', async () => {
    const model = new KNNBasic().fit(data);
    const path = join(dir, 'kept.gkrec');
    await saveModel(model, path);
    const before = readFileSync(path);
    await expect(saveModel(new KNNBasic(), path)).rejects.toThrow(NotFittedError);
    await expect(saveModel(model, join(dir, 'no-such-folder', 'x.gkrec'))).rejects.toThrow();
    expect(readFileSync(path).equals(before)).toBe(true);
    expectSamePredictions(model, await loadModel(path));
  });

  it('gives FormatError on malformed JSON models', () => {
    const json = modelToJSON(new KNNBasic().fit(data));
    expect(() => modelFromJSON({ ...json, format: 'other' })).toThrow(
      "Argument 'json' passed to 'modelFromJSON' is not a saved gankit-recommend model (format tag missing).",
    );
    expect(() => modelFromJSON({ ...json, kind: 'Mystery' })).toThrow(
      "The model passed to 'modelFromJSON' has unknown kind 'Mystery'.",
    );
    const broken = JSON.parse(JSON.stringify(json));
    broken.arrays.similarities.data = broken.arrays.similarities.data.slice(0, 64);
    expect(() => modelFromJSON(broken)).toThrow(
      "The model passed to 'modelFromJSON' has a missing or corrupt array 'similarities' (expected Float64Array of length",
    );
    const odd = JSON.parse(JSON.stringify(json));
    odd.arrays.similarities.data = odd.arrays.similarities.data.slice(0, 40);
    expect(() => modelFromJSON(odd)).toThrow(
      "Argument 'json' passed to 'modelFromJSON' has a corrupt array 'similarities'.",
    );
    const badOptions = JSON.parse(JSON.stringify(json));
    badOptions.options.k = 0;
    expect(() => modelFromJSON(badOptions)).toThrow(FormatError);
  });
});

describe('toJSON and fit input', () => {
  it('JSON.stringify(model) gives the same data as modelToJSON', () => {
    const model = new KNNBasic().fit(data);
    expect(JSON.parse(JSON.stringify(model))).toEqual(
      JSON.parse(JSON.stringify(modelToJSON(model))),
    );
  });

  it('fit rejects raw triples with a pointer to Interactions.from', () => {
    expect(() => new KNNBasic().fit(triples as never)).toThrow(
      "Argument 'data' passed to 'KNNBasic.fit' must be an Interactions; build one with Interactions.from(ratings, { ratingScale }).",
    );
  });
});
