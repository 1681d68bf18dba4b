import {
  assertBoolean,
  assertInteger,
  assertNumberInRange,
  createRng,
  type Rng,
} from '@gankit/core';
import { huber } from '@gankit/losses';
import { type Activation, Adam, type Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { Env } from '../env';
import { linearDecay, type Schedule, toSchedule } from '../schedules';
import { type EpisodeLogs, type FitOptions, trainingLoop } from '../training';
import {
  argmax,
  assertFitted,
  assertObservation,
  forwardOne,
  readCommonOptions,
} from './network_agent';
import { checkHiddenUnits, copyWeights, multilayerPerceptron } from './networks';
import { type ObservationEncoder, observationEncoder } from './observation_encoder';
import { ReplayBuffer, type TransitionBatch } from './replay_buffer';

/** Options of {@link DQN}. */
export interface DQNOptions {
  /** Training episodes. Default 300. */
  episodes?: number;
  /** Discount factor. Default 0.99. */
  gamma?: number;
  /** Adam learning rate. Default 1e-3. */
  learningRate?: number;
  /** Hidden layer sizes of the Q-network. Default `[64, 64]`. */
  hiddenUnits?: number[];
  /** Hidden activation, `'relu'` or `'tanh'`. Default `'relu'`. */
  activation?: Activation;
  /** Transitions per gradient step. Default 64. */
  batchSize?: number;
  /** Transitions the replay buffer keeps. Default 50000. */
  bufferSize?: number;
  /** Environment steps of pure experience collection before the first gradient step. Default 1000. */
  learningStarts?: number;
  /** Environment steps per gradient step. Default 4 (as in Mnih et al.). */
  trainEvery?: number;
  /** Environment steps between copies of the online network into the target network. Default 500. */
  targetUpdateEvery?: number;
  /** Exploration rate, or a schedule over environment steps. Default: linear from 1 to 0.05 over 10000 steps. */
  epsilon?: number | Schedule;
  /** Where the Huber loss turns from quadratic to linear. Default 1. */
  huberDelta?: number;
  /** Double DQN (van Hasselt et al., 2016): the online network picks the next action, the target network values it. Default false. */
  double?: boolean;
  /** Seed of the network, exploration, replay sampling and the environment. Default 0. */
  seed?: number;
}

const WHERE = 'DQN';
const KNOWN = [
  'episodes',
  'gamma',
  'learningRate',
  'hiddenUnits',
  'activation',
  'batchSize',
  'bufferSize',
  'learningStarts',
  'trainEvery',
  'targetUpdateEvery',
  'epsilon',
  'huberDelta',
  'double',
  'seed',
];

/**
 * Deep Q-learning (Mnih et al., 2015): a Q-network trained on minibatches drawn from a
 * replay buffer, toward `r + gamma max_a' Q_target(s', a')` computed by a target network
 * that is a periodic copy of the online one; Huber loss; epsilon-greedy exploration
 * decaying over environment steps. Discrete observations are one-hot encoded.
 *
 * ```ts
 * const agent = await new DQN({ episodes: 300, seed: 1 }).fit(new CartPole());
 * ```
 */
export class DQN {
  readonly episodes: number;
  readonly gamma: number;
  readonly learningRate: number;
  readonly hiddenUnits: number[];
  readonly activation: Activation;
  readonly batchSize: number;
  readonly bufferSize: number;
  readonly learningStarts: number;
  readonly trainEvery: number;
  readonly targetUpdateEvery: number;
  readonly huberDelta: number;
  readonly double: boolean;
  readonly seed: number;
  /** Episodes actually trained (fewer than `episodes` if aborted). */
  episodesTrained = 0;
  /** Environment steps taken during training. */
  stepsTrained = 0;
  /** The online Q-network: observation in, one value per action out. Set by `fit`. */
  qNetwork: Sequential | undefined;
  /** The target network, a periodic copy of `qNetwork`. */
  targetNetwork: Sequential | undefined;
  private readonly epsilon: Schedule;
  private env: Env<unknown> | undefined;
  private encoder: ObservationEncoder | undefined;
  private scratch = new Float32Array(0);

  constructor(options: DQNOptions = {}) {
    const common = readCommonOptions(WHERE, options, KNOWN, 300);
    this.episodes = common.episodes;
    this.gamma = common.gamma;
    this.seed = common.seed;
    this.activation = common.activation;
    this.learningRate = assertNumberInRange(WHERE, 'learningRate', options.learningRate ?? 1e-3, 0);
    this.hiddenUnits = checkHiddenUnits(WHERE, options.hiddenUnits ?? [64, 64]);
    this.batchSize = assertInteger(WHERE, 'batchSize', options.batchSize ?? 64);
    this.bufferSize = assertInteger(WHERE, 'bufferSize', options.bufferSize ?? 50_000);
    this.learningStarts = assertInteger(WHERE, 'learningStarts', options.learningStarts ?? 1000, 0);
    this.trainEvery = assertInteger(WHERE, 'trainEvery', options.trainEvery ?? 4);
    this.targetUpdateEvery = assertInteger(
      WHERE,
      'targetUpdateEvery',
      options.targetUpdateEvery ?? 500,
    );
    this.epsilon = toSchedule(
      WHERE,
      'epsilon',
      options.epsilon ?? linearDecay({ start: 1, end: 0.05, steps: 10_000 }),
      0,
      1,
    );
    this.double = assertBoolean(WHERE, 'double', options.double ?? false);
    this.huberDelta = assertNumberInRange(
      WHERE,
      'huberDelta',
      options.huberDelta ?? 1,
      Number.MIN_VALUE,
    );
  }

  /** Trains on `env` (reseeded with the agent's seed) and returns the agent. */
  async fit<O extends number | ArrayLike<number>>(
    env: Env<O>,
    fitOptions: FitOptions = {},
  ): Promise<this> {
    const encoder = observationEncoder(`${WHERE}.fit`, env as Env<unknown>);
    this.dispose();
    this.env = env as Env<unknown>;
    this.encoder = encoder;
    this.scratch = new Float32Array(encoder.size);
    const nActions = env.actionSpace.n;
    const build = (name: string) =>
      multilayerPerceptron(
        name,
        encoder.size,
        this.hiddenUnits,
        nActions,
        this.activation,
        this.seed,
      );
    const online = build('q');
    const target = build('q_target');
    copyWeights(online, target);
    this.qNetwork = online;
    this.targetNetwork = target;
    const optimizer = new Adam({ learningRate: this.learningRate });
    const buffer = new ReplayBuffer(this.bufferSize, encoder.size);
    const rng = createRng(this.seed);
    this.stepsTrained = 0;
    env.reset(this.seed);
    try {
      this.episodesTrained = await trainingLoop(`${WHERE}.fit`, this.episodes, fitOptions, () =>
        this.runEpisode(env, buffer, optimizer, rng, nActions),
      );
    } finally {
      optimizer.dispose();
    }
    return this;
  }

  /** The greedy action for `observation`. */
  predict(observation: number | ArrayLike<number>): number {
    return argmax(this.actionValues(observation));
  }

  /** The Q-network's value of each action for `observation`. */
  actionValues(observation: number | ArrayLike<number>): Float32Array {
    const network = assertFitted(`${WHERE}.predict`, this.qNetwork);
    const obs = assertObservation(`${WHERE}.predict`, this.env!, observation);
    return forwardOne(network, this.encoder!, obs, this.scratch);
  }

  /** Frees the networks. */
  dispose(): void {
    this.qNetwork?.dispose();
    this.targetNetwork?.dispose();
    this.qNetwork = undefined;
    this.targetNetwork = undefined;
  }

  private runEpisode<O>(
    env: Env<O>,
    buffer: ReplayBuffer,
    optimizer: Adam,
    rng: Rng,
    nActions: number,
  ): EpisodeLogs {
    const encoder = this.encoder!;
    const state = new Float32Array(encoder.size);
    const nextState = new Float32Array(encoder.size);
    let observation = env.reset();
    encoder.write(observation as never, state, 0);
    let total = 0;
    let length = 0;
    let lossSum = 0;
    let lossCount = 0;
    let epsilon = this.epsilon(this.stepsTrained);
    for (;;) {
      epsilon = this.epsilon(this.stepsTrained);
      const action =
        rng.next() < epsilon
          ? rng.int(nActions)
          : argmax(forwardOne(this.qNetwork!, encoder, observation as never, this.scratch));
      const step = env.step(action);
      encoder.write(step.observation as never, nextState, 0);
      buffer.add(state, action, step.reward, nextState, step.done);
      state.set(nextState);
      observation = step.observation;
      total += step.reward;
      length += 1;
      this.stepsTrained += 1;
      if (this.stepsTrained >= this.learningStarts && this.stepsTrained % this.trainEvery === 0) {
        lossSum += this.trainStep(buffer.sample(this.batchSize, rng), optimizer, nActions);
        lossCount += 1;
      }
      if (this.stepsTrained % this.targetUpdateEvery === 0) {
        copyWeights(this.qNetwork!, this.targetNetwork!);
      }
      if (step.done || step.truncated) {
        const logs: EpisodeLogs = {
          return: total,
          length,
          success: step.info.success === true,
          epsilon,
        };
        if (lossCount > 0) logs.loss = lossSum / lossCount;
        return logs;
      }
    }
  }

  /**
   * `max_a' Q_target(s', a')`, or with `double` the target network's value of the online
   * network's choice, which curbs the overestimation of the plain max.
   */
  private bootstrap(nextStates: tf.Tensor2D, nActions: number): tf.Tensor {
    const targetValues = this.targetNetwork!.predict(nextStates);
    if (!this.double) return tf.max(targetValues, 1);
    const choice = tf.argMax(this.qNetwork!.predict(nextStates), 1);
    return tf.sum(tf.mul(targetValues, tf.oneHot(choice, nActions)), 1);
  }

  /** One Adam step on the Huber loss between Q(s, a) and the target-network bootstrap; returns the loss. */
  private trainStep(batch: TransitionBatch, optimizer: Adam, nActions: number): number {
    const online = this.qNetwork!;
    const n = batch.actions.length;
    const d = this.encoder!.size;
    const loss = tf.tidy(() => {
      const states = tf.tensor2d(batch.states, [n, d]);
      const nextStates = tf.tensor2d(batch.nextStates, [n, d]);
      const notDone = tf.sub(1, tf.tensor1d(batch.dones));
      const bootstrap = this.bootstrap(nextStates, nActions);
      const y = tf.add(tf.tensor1d(batch.rewards), tf.mul(tf.mul(bootstrap, notDone), this.gamma));
      const mask = tf.oneHot(tf.tensor1d(batch.actions, 'int32'), nActions);
      return optimizer.minimize(() => {
        const q = tf.sum(tf.mul(online.apply(states), mask), 1);
        return huber(q, y, { delta: this.huberDelta }) as tf.Scalar;
      }, online.trainableVariables);
    });
    const value = loss.dataSync()[0] as number;
    loss.dispose();
    return value;
  }
}
