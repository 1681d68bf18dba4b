import { assertInteger, assertOneOf, ShapeError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * `steps` latent vectors from `z0` to `z1` (both `[latentDim]` or `[1, latentDim]`), ends
 * included. `'linear'` walks the straight line; `'spherical'` (slerp, White 2016) follows the
 * great circle, which keeps the norm typical of a Gaussian z. Returns `[steps, latentDim]`.
 */
export function interpolate(
  z0: tf.Tensor,
  z1: tf.Tensor,
  steps: number,
  mode: 'linear' | 'spherical' = 'spherical',
): tf.Tensor2D {
  assertInteger('interpolate', 'steps', steps, 2);
  assertOneOf('interpolate', 'mode', mode, ['linear', 'spherical']);
  if (z0.size !== z1.size) {
    throw new ShapeError(
      `Arguments 'z0' and 'z1' passed to 'interpolate' must have the same size, but got ${z0.size} and ${z1.size}.`,
    );
  }
  const a = Array.from(z0.dataSync());
  const b = Array.from(z1.dataSync());
  const dot = a.reduce((s, v, i) => s + v * (b[i] as number), 0);
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const omega = Math.acos(Math.min(1, Math.max(-1, dot / (norm(a) * norm(b) || 1))));
  const out = new Float32Array(steps * a.length);
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    // Nearly parallel vectors make slerp's sin(omega) vanish; lerp is then exact enough.
    const useLinear = mode === 'linear' || Math.abs(Math.sin(omega)) < 1e-6;
    const wa = useLinear ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
    const wb = useLinear ? t : Math.sin(t * omega) / Math.sin(omega);
    for (let i = 0; i < a.length; i++)
      out[s * a.length + i] = wa * (a[i] as number) + wb * (b[i] as number);
  }
  return tf.tensor2d(out, [steps, a.length]);
}

/**
 * Latent vector arithmetic (Radford et al. 2015, "smiling woman − neutral woman + neutral
 * man"): averages each exemplar set of z (`[k, latentDim]`), then adds the `add` means and
 * subtracts the `subtract` means. Returns `[1, latentDim]`; decode it with `generate({ z })`.
 */
export function latentArithmetic(terms: {
  add: tf.Tensor2D[];
  subtract?: tf.Tensor2D[];
}): tf.Tensor2D {
  if (terms.add.length === 0) {
    throw new ShapeError(
      `Argument 'terms.add' passed to 'latentArithmetic' must hold at least one set of z.`,
    );
  }
  return tf.tidy(() => {
    const mean = (z: tf.Tensor2D) => tf.mean(z, 0, true);
    let sum = terms.add.map(mean).reduce((s, m) => tf.add(s, m));
    for (const z of terms.subtract ?? []) sum = tf.sub(sum, mean(z));
    return sum as tf.Tensor2D;
  });
}
