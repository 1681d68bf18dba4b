import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batches } from './index';

let x: tf.Tensor2D;
let y: tf.Tensor1D;

beforeAll(async () => {
  await initBackend();
  // Row i of x is [i, 10 i]; y[i] = 100 i, so every batch shows which rows it holds.
  x = tf.tensor2d(Array.from({ length: 10 }, (_, i) => [i, 10 * i]));
  y = tf.tensor1d(
    Array.from({ length: 10 }, (_, i) => 100 * i),
    'int32',
  );
});

afterAll(() => {
  tf.dispose([x, y]);
});

describe('batches', () => {
  it('cuts tensors in order, with a short last batch', async () => {
    const seen: number[][] = [];
    await assertNoLeaks(() => {
      for (const b of batches(x, y, { batchSize: 4 })) {
        const rows = b.x.arraySync() as number[][];
        const labels = b.y.arraySync() as number[];
        expect(rows.map((r) => r[1])).toEqual(rows.map((r) => 10 * (r[0] as number)));
        expect(labels).toEqual(rows.map((r) => 100 * (r[0] as number)));
        expect(Array.from(b.indices)).toEqual(rows.map((r) => r[0]));
        expect(b.y.dtype).toBe('int32');
        seen.push(Array.from(b.indices));
      }
    });
    expect(seen).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  it('drops the short last batch with dropLast', () => {
    const sizes = [...batches(x, { batchSize: 4, dropLast: true })].map((b) => b.indices.length);
    expect(sizes).toEqual([4, 4]);
  });

  it('shuffles by seed: every row once, same order for the same seed', () => {
    const order = (seed: number) =>
      [...batches(x, y, { batchSize: 3, shuffle: true, seed })].flatMap((b) =>
        Array.from(b.indices),
      );
    const a = order(1);
    expect([...a].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order(1)).toEqual(a);
    expect(order(2)).not.toEqual(a);
    for (const b of batches(x, y, { batchSize: 3, shuffle: true, seed: 1 })) {
      expect((b.x.arraySync() as number[][]).map((r) => r[0])).toEqual(Array.from(b.indices));
      expect(b.y.arraySync()).toEqual(Array.from(b.indices, (i) => 100 * i));
    }
  });

  it('disposes each batch when the next is drawn, and the last when the loop ends', () => {
    const before = tf.memory().numTensors;
    let previous: tf.Tensor[] = [];
    for (const b of batches(x, y, { batchSize: 2 })) {
      expect(previous.every((t) => t.isDisposed)).toBe(true);
      // Only the current batch is alive: its x and y.
      expect(tf.memory().numTensors).toBe(before + 2);
      previous = [b.x, b.y];
    }
    expect(previous.every((t) => t.isDisposed)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(x.isDisposed || y.isDisposed).toBe(false);
  });

  it('disposes the current batch on break and on a throw', () => {
    const before = tf.memory().numTensors;
    let kept: tf.Tensor | undefined;
    for (const b of batches(x, { batchSize: 3 })) {
      kept = b.x;
      break;
    }
    expect(kept?.isDisposed).toBe(true);
    expect(() => {
      for (const b of batches(x, y, { batchSize: 3, shuffle: true })) {
        kept = b.y;
        throw new Error('step failed');
      }
    }).toThrow('step failed');
    expect(kept?.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lets the caller keep a clone', () => {
    let copy: tf.Tensor | undefined;
    for (const b of batches(x, { batchSize: 10 })) copy = b.x.clone();
    expect(copy?.shape).toEqual([10, 2]);
    copy?.dispose();
  });

  it('cuts plain arrays: rows to float32, integer typed arrays to int32', async () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const labels = Int32Array.from([7, 8, 9]);
    await assertNoLeaks(() => {
      const got: object[] = [];
      for (const b of batches(rows, labels, { batchSize: 2 })) {
        got.push({ x: b.x.arraySync(), y: b.y.arraySync(), dx: b.x.dtype, dy: b.y.dtype });
      }
      expect(got).toEqual([
        {
          x: [
            [1, 2],
            [3, 4],
          ],
          y: [7, 8],
          dx: 'float32',
          dy: 'int32',
        },
        { x: [[5, 6]], y: [9], dx: 'float32', dy: 'int32' },
      ]);
    });
    for (const b of batches([0.5, 1.5], { batchSize: 2 })) {
      expect([b.x.dtype, b.x.arraySync()]).toEqual(['float32', [0.5, 1.5]]);
    }
  });

  it('leaves collected batches disposed: read each one inside the loop', () => {
    const all = [...batches(x, { batchSize: 5 })];
    expect(all.map((b) => b.x.isDisposed)).toEqual([true, true]);
    expect(all.map((b) => Array.from(b.indices))).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
  });

  it('cuts tensors of any rank along the first dimension', () => {
    const images = tf.zeros([5, 2, 2, 1]);
    const shapes = [...batches(images, { batchSize: 2, shuffle: true, seed: 3 })].map(
      (b) => b.indices.length,
    );
    expect(shapes).toEqual([2, 2, 1]);
    for (const b of batches(images, { batchSize: 2, shuffle: true }))
      expect(b.x.shape.slice(1)).toEqual([2, 2, 1]);
    images.dispose();
  });

  it('checks its arguments when called, naming them', () => {
    expect(() => batches(x, y, { batchSize: 0 })).toThrow(
      "Argument 'batchSize' passed to 'batches' must be an integer >= 1, but got 0.",
    );
    expect(() => batches(x, tf.tensor1d([1, 2, 3]), { batchSize: 2 })).toThrow(
      "Argument 'y' passed to 'batches' must have one row per row of 'x' (10), but has 3.",
    );
    expect(() => batches(x, { batchSize: 11, dropLast: true })).toThrow(
      "Argument 'batchSize' passed to 'batches' must be at most the number of examples (10) when dropLast is true, but got 11: there would be no batch.",
    );
    expect(() => batches(x, { batchSize: 2, shuffle: 1 as unknown as boolean })).toThrow(
      "Argument 'shuffle' passed to 'batches' must be a boolean, but got 1.",
    );
    expect(() => batches(x, { batchSize: 2, size: 3 } as object as { batchSize: number })).toThrow(
      "Unknown option 'size' passed to 'batches'; expected one of: batchSize, shuffle, seed, dropLast.",
    );
    expect(() => batches([[1, 2], [3]], { batchSize: 1 })).toThrow(
      "Argument 'x' passed to 'batches' must be rectangular: row 0 has 2 values but row 1 has 1.",
    );
    expect(() => batches([[1, Number.NaN]], { batchSize: 1 })).toThrow(
      "Argument 'x[0]' passed to 'batches' must contain only finite numbers, but entry 1 is NaN.",
    );
    expect(() => batches([], { batchSize: 1 })).toThrow(
      "Argument 'x' passed to 'batches' must be a non-empty tensor, array of rows or 1-D array, but got an empty array.",
    );
    expect(() => batches(tf.scalar(1), { batchSize: 1 })).toThrow(
      "Argument 'x' passed to 'batches' must have rank >= 1 (examples first), but got a scalar.",
    );
    expect(() => batches(x, y as unknown as { batchSize: number })).toThrow(
      "Argument 'options' passed to 'batches' must be an object with at least: batchSize, but got undefined.",
    );
  });
});
