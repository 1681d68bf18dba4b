import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors';

/** The kernel {@link adamUpdate} runs where a backend has it (gankit registers it for wasm and cpu). */
export const AdamUpdate = 'GankitAdamUpdate';

/** Hyper-parameters of one Adam update. */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** The update's number, from 1 (for the bias corrections). */
  step: number;
}

/**
 * One Adam update of a parameter `p` with gradient `g` and moments `m`, `v`, with PyTorch's
 * bias correction: `m' = β1·m + (1 − β1)·g`, `v' = β2·v + (1 − β2)·g²`,
 * `p' = p − lr/(1 − β1^t) · m' / (sqrt(v')/sqrt(1 − β2^t) + ε)`. Returns `[p', m', v']`.
 *
 * One pass over the values in a single kernel where the backend has one (wasm and cpu, by
 * gankit): the same update from tensor ops costs twelve kernels per variable, and Adam was
 * about a sixth of an MLP GAN step. Elsewhere it falls back to those ops.
 */
export function adamUpdate(
  p: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  attrs: AdamUpdateAttrs,
): [tf.Tensor, tf.Tensor, tf.Tensor] {
  for (const [name, t] of [
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const) {
    if (!tf.util.arraysEqual(t.shape, p.shape)) {
      throw new ShapeError(
        `Argument '${name}' passed to 'adamUpdate' must have the shape of 'p' [${p.shape.join(', ')}], but got [${t.shape.join(', ')}].`,
      );
    }
  }
  if (tf.getKernel(AdamUpdate, tf.getBackend()) && p.dtype === 'float32') {
    return tf.engine().runKernel(AdamUpdate, { p, g, m, v }, { ...attrs }) as unknown as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
  }
  return tf.tidy(() => {
    const { learningRate, beta1, beta2, epsilon, step } = attrs;
    const m2 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
    const v2 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
    const denom = tf.add(tf.div(tf.sqrt(v2), Math.sqrt(1 - beta2 ** step)), epsilon);
    const p2 = tf.sub(p, tf.mul(tf.div(m2, denom), learningRate / (1 - beta1 ** step)));
    return [p2, m2, v2] as [tf.Tensor, tf.Tensor, tf.Tensor];
  });
}

/**
 * The bias corrections of update `step`, as the kernels apply them:
 * `p' = p − stepSize·m' / (sqrt(v')·correction + ε)`.
 */
export function adamScales(attrs: AdamUpdateAttrs): { stepSize: number; correction: number } {
  const { learningRate, beta1, beta2, step } = attrs;
  return {
    stepSize: learningRate / (1 - beta1 ** step),
    correction: 1 / Math.sqrt(1 - beta2 ** step),
  };
}

/** The update over plain arrays, shared by the kernels: writes `p2`, `m2`, `v2`. */
export function adamUpdateValues(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  out: { p: Float32Array; m: Float32Array; v: Float32Array },
  attrs: AdamUpdateAttrs,
): void {
  const { beta1, beta2, epsilon } = attrs;
  const { stepSize, correction } = adamScales(attrs);
  const c1 = 1 - beta1;
  const c2 = 1 - beta2;
  const p2 = out.p;
  const m2 = out.m;
  const v2 = out.v;
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + c1 * gi;
    const vi = beta2 * v[i]! + c2 * gi * gi;
    m2[i] = mi;
    v2[i] = vi;
    p2[i] = p[i]! - (stepSize * mi) / (Math.sqrt(vi) * correction + epsilon);
  }
}
