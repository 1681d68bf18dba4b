import type { Rng } from '@gankit/core';

/** A batch of transitions drawn from a {@link ReplayBuffer}, as flat typed arrays. */
export interface TransitionBatch {
  states: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  nextStates: Float32Array;
  /** 1 where the episode terminated at this transition (no bootstrap), else 0. */
  dones: Float32Array;
}

/**
 * A fixed-size ring of past transitions for experience replay: once full, each new
 * transition overwrites the oldest. Stored in typed arrays, sampled uniformly with a
 * seeded generator.
 */
export class ReplayBuffer {
  /** Transitions currently held. */
  size = 0;
  private next = 0;
  private readonly states: Float32Array;
  private readonly nextStates: Float32Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float32Array;
  private readonly dones: Float32Array;

  constructor(
    readonly capacity: number,
    readonly stateSize: number,
  ) {
    this.states = new Float32Array(capacity * stateSize);
    this.nextStates = new Float32Array(capacity * stateSize);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.dones = new Float32Array(capacity);
  }

  /** Stores one transition (the states are copied). */
  add(
    state: Float32Array,
    action: number,
    reward: number,
    nextState: Float32Array,
    done: boolean,
  ): void {
    const i = this.next;
    this.states.set(state, i * this.stateSize);
    this.nextStates.set(nextState, i * this.stateSize);
    this.actions[i] = action;
    this.rewards[i] = reward;
    this.dones[i] = done ? 1 : 0;
    this.next = (i + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Draws `batchSize` transitions uniformly, with replacement. */
  sample(batchSize: number, rng: Rng): TransitionBatch {
    const d = this.stateSize;
    const batch: TransitionBatch = {
      states: new Float32Array(batchSize * d),
      actions: new Int32Array(batchSize),
      rewards: new Float32Array(batchSize),
      nextStates: new Float32Array(batchSize * d),
      dones: new Float32Array(batchSize),
    };
    for (let b = 0; b < batchSize; b++) {
      const i = rng.int(this.size);
      batch.states.set(this.states.subarray(i * d, (i + 1) * d), b * d);
      batch.nextStates.set(this.nextStates.subarray(i * d, (i + 1) * d), b * d);
      batch.actions[b] = this.actions[i] as number;
      batch.rewards[b] = this.rewards[i] as number;
      batch.dones[b] = this.dones[i] as number;
    }
    return batch;
  }
}
