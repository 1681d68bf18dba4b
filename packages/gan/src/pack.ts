import { assertInteger, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** One sample's shape after packing `pack` of them along the last axis. */
export function packedShape(shape: readonly number[], pack: number): number[] {
  return shape.map((d, i) => (i === shape.length - 1 ? d * pack : d));
}

/**
 * PacGAN's packing: each group of `pack` consecutive samples side by side along the last
 * axis, `[n, ..., c]` → `[n / pack, ..., pack · c]`. `x` itself when `pack` is 1.
 */
export function packSamples(x: tf.Tensor, pack: number): tf.Tensor {
  assertInteger('packSamples', 'pack', pack, 1);
  if (x.rank < 2 || (x.shape[0] as number) % pack !== 0) {
    throw new ShapeError(
      `Argument 'x' passed to 'packSamples' must be a batch [n, ...sample] with n a multiple of pack = ${pack}, but got [${x.shape.join(', ')}].`,
    );
  }
  if (pack === 1) return x;
  return tf.tidy(() => {
    const [n, ...sample] = x.shape as number[];
    const groups = (n as number) / pack;
    if (sample.length === 1) return tf.reshape(x, [groups, pack * (sample[0] as number)]);
    // [groups, pack, ...inner, c] → [groups, ...inner, pack, c] → merge the last two axes.
    const grouped = tf.reshape(x, [groups, pack, ...sample]);
    const r = grouped.rank;
    const perm = [0, ...Array.from({ length: r - 3 }, (_, i) => i + 2), 1, r - 1];
    return tf.reshape(tf.transpose(grouped, perm), [groups, ...packedShape(sample, pack)]);
  });
}
