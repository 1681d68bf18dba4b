import { ValueError } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';

/** A named tensor of an optimizer's state, as checkpoints store it. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/**
 * Updates variables from gradients. Each optimizer keeps per-variable slots (momentum,
 * second moments) created on first use.
 */
export abstract class Optimizer {
  /** Number of updates applied so far. */
  iterations = 0;
  private readonly slots = new Map<tf.Variable, tf.Variable[]>();

  /** The optimizer's name, used in state names (`adam`, `sgd`, `rmsprop`). */
  abstract readonly kind: string;

  /** The learning rate given to the constructor. */
  abstract readonly learningRate: number;

  private scale = 1;

  /**
   * A factor on `learningRate` for the next updates (default 1), for learning-rate schedules:
   * `@gankit/gan`'s `train` sets it step by step from its `learningRateSchedule`. A finite
   * number >= 0.
   */
  get learningRateScale(): number {
    return this.scale;
  }

  set learningRateScale(factor: number) {
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0) {
      throw new ValueError(
        `'${this.kind}.learningRateScale' must be a finite number >= 0, but got ${String(factor)}.`,
      );
    }
    this.scale = factor;
  }

  /** The rate the next update uses: `learningRate * learningRateScale`. */
  get currentLearningRate(): number {
    return this.learningRate * this.scale;
  }

  /** How many slots each variable needs. */
  protected abstract readonly slotCount: number;

  /** Updates one variable from its gradient, given its slots. Runs inside `tf.tidy`. */
  protected abstract update(variable: tf.Variable, grad: tf.Tensor, slots: tf.Variable[]): void;

  /**
   * Computes `loss()` and its gradients with respect to `variables` only, applies one
   * update, and returns the loss (the caller disposes it). Other variables are untouched:
   * that is what lets a GAN update D while G stays fixed.
   */
  minimize(loss: () => tf.Scalar, variables: tf.Variable[]): tf.Scalar {
    if (variables.length === 0) {
      throw new ValueError(
        `Argument 'variables' passed to '${this.kind}.minimize' must not be empty.`,
      );
    }
    const { value, grads } = tf.variableGrads(loss, variables);
    this.applyGradients(variables.map((v) => [v, grads[v.name] as tf.Tensor]));
    tf.dispose(grads);
    return value;
  }

  /** Applies one update from `[variable, gradient]` pairs. The gradients stay the caller's. */
  applyGradients(pairs: [tf.Variable, tf.Tensor][]): void {
    this.iterations++;
    for (const [variable, grad] of pairs) {
      const slots = this.slotsOf(variable);
      tf.tidy(() => this.update(variable, grad, slots));
    }
  }

  /**
   * The optimizer's state for `variables` (in this order): `iterations` and every slot, as
   * named tensors `<kind>/<slot>/<variable index>`. The tensors are copies the caller disposes.
   */
  getState(variables: tf.Variable[]): NamedTensor[] {
    const out: NamedTensor[] = [
      { name: `${this.kind}/iterations`, tensor: tf.scalar(this.iterations, 'float32') },
    ];
    variables.forEach((v, i) => {
      this.slotsOf(v).forEach((slot, s) => {
        out.push({ name: `${this.kind}/slot${s}/${i}`, tensor: slot.clone() });
      });
    });
    return out;
  }

  /** Restores a state from {@link getState} for the same `variables`. */
  setState(variables: tf.Variable[], state: NamedTensor[]): void {
    const byName = new Map(state.map((s) => [s.name, s.tensor]));
    const iterations = byName.get(`${this.kind}/iterations`);
    if (!iterations) {
      throw new ValueError(
        `setState of '${this.kind}' needs '${this.kind}/iterations' in the state.`,
      );
    }
    this.iterations = iterations.dataSync()[0] as number;
    variables.forEach((v, i) => {
      this.slotsOf(v).forEach((slot, s) => {
        const name = `${this.kind}/slot${s}/${i}`;
        const t = byName.get(name);
        if (!t || !tf.util.arraysEqual(t.shape, slot.shape)) {
          throw new ValueError(
            `setState of '${this.kind}': '${name}' must have shape [${slot.shape.join(', ')}], but got ${t ? `[${t.shape.join(', ')}]` : 'nothing'}.`,
          );
        }
        slot.assign(t);
      });
    });
  }

  /** Frees the slots. */
  dispose(): void {
    for (const slots of this.slots.values()) tf.dispose(slots);
    this.slots.clear();
  }

  private slotsOf(variable: tf.Variable): tf.Variable[] {
    let slots = this.slots.get(variable);
    if (!slots) {
      slots = Array.from({ length: this.slotCount }, () => {
        const zeros = tf.zerosLike(variable);
        const slot = tf.variable(zeros, false);
        zeros.dispose();
        return slot;
      });
      this.slots.set(variable, slots);
    }
    return slots;
  }
}
