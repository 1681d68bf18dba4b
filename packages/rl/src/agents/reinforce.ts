import { assertBoolean, assertNumberInRange, assertOneOf, createRng, type Rng } from '@gankit/core';
import { meanSquaredError, sparseCategoricalCrossEntropyFromLogits } from '@gankit/losses';
import { type Activation, Adam, type Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import type { Env } from '../env';
import { sampleIndex } from '../envs/episode';
import { type EpisodeLogs, type FitOptions, trainingLoop } from '../training';
import {
  argmax,
  assertFitted,
  assertObservation,
  forwardOne,
  readCommonOptions,
} from './network_agent';
import { checkHiddenUnits, multilayerPerceptron } from './networks';
import { type ObservationEncoder, observationEncoder } from './observation_encoder';
import { discountedReturns, standardize } from './returns';

/** What REINFORCE subtracts from the returns to reduce the variance of its gradient. */
export type Baseline = 'value' | 'mean' | 'none';

/** Options of {@link Reinforce}. */
export interface ReinforceOptions {
  /** Training episodes. Default 1000. */
  episodes?: number;
  /** Discount factor. Default 0.99. */
  gamma?: number;
  /** Adam learning rate of the policy. Default 0.01. */
  learningRate?: number;
  /** Hidden layer sizes of the policy (and value) network. Default `[64]`. */
  hiddenUnits?: number[];
  /** Hidden activation, `'relu'` or `'tanh'`. Default `'relu'`. */
  activation?: Activation;
  /**
   * `'value'` (default): a learned state-value network V(s); `'mean'`: a running mean
   * of the returns (an exponential moving average over episodes, weight 0.1); `'none'`.
   */
  baseline?: Baseline;
  /** Adam learning rate of the value network. Default 0.01. */
  valueLearningRate?: number;
  /** Rescale each episode's advantages to mean 0 and standard deviation 1. Default true. */
  normalizeAdvantages?: boolean;
  /** Seed of the networks, of action sampling and of the environment. Default 0. */
  seed?: number;
}

const WHERE = 'Reinforce';
const KNOWN = [
  'episodes',
  'gamma',
  'learningRate',
  'hiddenUnits',
  'activation',
  'baseline',
  'valueLearningRate',
  'normalizeAdvantages',
  'seed',
];
const MEAN_BASELINE_WEIGHT = 0.1;

/** One episode's experience, ready for a single batched update. */
interface Rollout {
  states: Float32Array;
  actions: Int32Array;
  returns: Float32Array;
  logs: EpisodeLogs;
}

/**
 * REINFORCE (Williams, 1992), the Monte Carlo policy gradient with a baseline: play an
 * episode with the stochastic policy, then raise the log-probability of each action in
 * proportion to its advantage `G_t - b(s_t)`. One batched forward and backward pass per
 * episode, so the per-op overhead of tiny networks stays small.
 *
 * ```ts
 * const agent = await new Reinforce({ episodes: 1000, seed: 1 }).fit(new CartPole());
 * const action = agent.predict(observation);
 * ```
 */
export class Reinforce {
  readonly episodes: number;
  readonly gamma: number;
  readonly learningRate: number;
  readonly valueLearningRate: number;
  readonly hiddenUnits: number[];
  readonly activation: Activation;
  readonly baseline: Baseline;
  readonly normalizeAdvantages: boolean;
  readonly seed: number;
  /** Episodes actually trained (fewer than `episodes` if aborted). */
  episodesTrained = 0;
  /** Environment steps taken during training. */
  stepsTrained = 0;
  /** The policy network: observation in, one logit per action out. Set by `fit`. */
  policyNetwork: Sequential | undefined;
  /** The state-value network when `baseline` is `'value'`. */
  valueNetwork: Sequential | undefined;
  private env: Env<unknown> | undefined;
  private encoder: ObservationEncoder | undefined;
  private scratch = new Float32Array(0);
  private meanBaseline = 0;

  constructor(options: ReinforceOptions = {}) {
    const common = readCommonOptions(WHERE, options, KNOWN, 1000);
    this.episodes = common.episodes;
    this.gamma = common.gamma;
    this.seed = common.seed;
    this.activation = common.activation;
    this.learningRate = assertNumberInRange(WHERE, 'learningRate', options.learningRate ?? 0.01, 0);
    this.valueLearningRate = assertNumberInRange(
      WHERE,
      'valueLearningRate',
      options.valueLearningRate ?? 0.01,
      0,
    );
    this.hiddenUnits = checkHiddenUnits(WHERE, options.hiddenUnits ?? [64]);
    this.baseline = assertOneOf(WHERE, 'baseline', options.baseline ?? 'value', [
      'value',
      'mean',
      'none',
    ]);
    this.normalizeAdvantages = assertBoolean(
      WHERE,
      'normalizeAdvantages',
      options.normalizeAdvantages ?? true,
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
    const policy = multilayerPerceptron(
      'policy',
      encoder.size,
      this.hiddenUnits,
      nActions,
      this.activation,
      this.seed,
    );
    this.policyNetwork = policy;
    const policyOptimizer = new Adam({ learningRate: this.learningRate });
    const value =
      this.baseline === 'value'
        ? multilayerPerceptron(
            'value',
            encoder.size,
            this.hiddenUnits,
            1,
            this.activation,
            this.seed + 1,
          )
        : undefined;
    this.valueNetwork = value;
    const valueOptimizer = new Adam({ learningRate: this.valueLearningRate });
    const rng = createRng(this.seed);
    this.meanBaseline = 0;
    this.stepsTrained = 0;
    env.reset(this.seed);
    try {
      this.episodesTrained = await trainingLoop(
        `${WHERE}.fit`,
        this.episodes,
        fitOptions,
        async (e) => {
          const rollout = this.rollout(env, rng);
          this.stepsTrained += rollout.actions.length;
          const advantages = this.advantages(rollout, value, valueOptimizer, e);
          const loss = policyGradientStep(
            policy,
            policyOptimizer,
            rollout,
            advantages,
            encoder.size,
          );
          return { ...rollout.logs, loss: await loss };
        },
      );
    } finally {
      policyOptimizer.dispose();
      valueOptimizer.dispose();
    }
    return this;
  }

  /** The most probable action for `observation`. */
  predict(observation: number | ArrayLike<number>): number {
    return argmax(this.actionProbabilities(observation));
  }

  /** The policy's probability of each action for `observation`. */
  actionProbabilities(observation: number | ArrayLike<number>): Float32Array {
    const policy = assertFitted(`${WHERE}.predict`, this.policyNetwork);
    const obs = assertObservation(`${WHERE}.predict`, this.env!, observation);
    return softmax(forwardOne(policy, this.encoder!, obs, this.scratch));
  }

  /** Frees the networks. */
  dispose(): void {
    this.policyNetwork?.dispose();
    this.valueNetwork?.dispose();
    this.policyNetwork = undefined;
    this.valueNetwork = undefined;
  }

  private rollout<O>(env: Env<O>, rng: Rng): Rollout {
    const encoder = this.encoder!;
    const policy = this.policyNetwork!;
    const d = encoder.size;
    const states: number[] = [];
    const actions: number[] = [];
    const rewards: number[] = [];
    let observation = env.reset();
    let success = false;
    for (;;) {
      const probs = softmax(forwardOne(policy, encoder, observation as never, this.scratch));
      const action = sampleIndex(probs, rng.next());
      for (let i = 0; i < d; i++) states.push(this.scratch[i] as number);
      actions.push(action);
      const step = env.step(action);
      rewards.push(step.reward);
      observation = step.observation;
      if (step.done || step.truncated) {
        success = step.info.success === true;
        break;
      }
    }
    const total = rewards.reduce((a, b) => a + b, 0);
    return {
      states: Float32Array.from(states),
      actions: Int32Array.from(actions),
      returns: discountedReturns(rewards, this.gamma),
      logs: { return: total, length: rewards.length, success },
    };
  }

  /** `G_t - b(s_t)`, updating the baseline from this episode afterwards. */
  private advantages(
    rollout: Rollout,
    value: Sequential | undefined,
    valueOptimizer: Adam,
    episode: number,
  ): Float32Array {
    const { returns, states } = rollout;
    const advantages = returns.slice();
    if (this.baseline === 'value' && value) {
      const T = returns.length;
      const v = tf.tidy(() => value.predict(tf.tensor2d(states, [T, states.length / T])));
      const predicted = v.dataSync();
      v.dispose();
      for (let t = 0; t < T; t++) advantages[t] = (returns[t] as number) - (predicted[t] as number);
      fitValue(value, valueOptimizer, states, returns);
    } else if (this.baseline === 'mean') {
      const episodeMean = returns.reduce((a, b) => a + b, 0) / returns.length;
      const b = episode === 0 ? episodeMean : this.meanBaseline;
      for (let t = 0; t < advantages.length; t++) advantages[t] = (returns[t] as number) - b;
      this.meanBaseline =
        episode === 0 ? episodeMean : b + MEAN_BASELINE_WEIGHT * (episodeMean - b);
    }
    return this.normalizeAdvantages ? standardize(advantages) : advantages;
  }
}

/** One Adam step on `mean_t(-log pi(a_t | s_t) A_t)` for a whole episode; resolves to the loss. */
function policyGradientStep(
  policy: Sequential,
  optimizer: Adam,
  rollout: Rollout,
  advantages: Float32Array,
  inputSize: number,
): Promise<number> {
  const T = rollout.actions.length;
  const loss = tf.tidy(() => {
    const x = tf.tensor2d(rollout.states, [T, inputSize]);
    const a = tf.tensor1d(rollout.actions, 'int32');
    const adv = tf.tensor1d(advantages);
    return optimizer.minimize(() => {
      const negLogProb = sparseCategoricalCrossEntropyFromLogits(policy.apply(x), a, {
        reduction: 'none',
      });
      return tf.mean(tf.mul(negLogProb, adv)) as tf.Scalar;
    }, policy.trainableVariables);
  });
  return loss.data().then((values) => {
    loss.dispose();
    return values[0] as number;
  });
}

/** One Adam step of the value network toward the episode's returns (squared error). */
function fitValue(
  value: Sequential,
  optimizer: Adam,
  states: Float32Array,
  returns: Float32Array,
): void {
  const T = returns.length;
  tf.tidy(() => {
    const x = tf.tensor2d(states, [T, states.length / T]);
    const y = tf.tensor2d(returns, [T, 1]);
    optimizer.minimize(
      () => meanSquaredError(value.apply(x), y) as tf.Scalar,
      value.trainableVariables,
    );
  });
}

function softmax(logits: Float32Array): Float32Array {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
