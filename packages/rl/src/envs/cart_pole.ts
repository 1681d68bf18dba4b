import type { BoxEnv, StepResult } from '../env';
import { assertAction, type BoxSpace, box, type DiscreteSpace, discrete } from '../spaces';
import { EpisodeClock, envOptions } from './episode';

/** Options of {@link CartPole}. */
export interface CartPoleOptions {
  /** Steps before truncation. Default 500 (`CartPole-v1`). */
  maxEpisodeSteps?: number;
  /** Seed of the environment's generator. Default 0. */
  seed?: number;
}

/** The physical constants, Gymnasium's `CartPole-v1` values. */
export const CART_POLE_CONSTANTS = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  /** Half the pole's length. */
  length: 0.5,
  forceMag: 10.0,
  /** Seconds between state updates. */
  tau: 0.02,
  /** The pole falls past 12 degrees. */
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
} as const;

const WHERE = 'CartPole';

/**
 * The cart-pole of Barto, Sutton and Anderson (1983) as Gymnasium's `CartPole-v1`: push
 * the cart left (action 0) or right (1) to keep the pole up. The observation is
 * `[x, xDot, theta, thetaDot]`; reward 1 per step including the last; `done` when the pole
 * passes 12 degrees or the cart leaves [-2.4, 2.4]; `truncated` at 500 steps. Explicit
 * Euler integration, start state uniform in [-0.05, 0.05] per entry.
 */
export class CartPole implements BoxEnv {
  readonly name = WHERE;
  readonly actionSpace: DiscreteSpace = discrete(2);
  readonly observationSpace: BoxSpace;
  readonly maxEpisodeSteps: number;
  private readonly clock: EpisodeClock;
  private readonly current = new Float64Array(4);

  constructor(options: CartPoleOptions = {}) {
    const { seed, maxEpisodeSteps } = envOptions(WHERE, options, ['maxEpisodeSteps', 'seed'], 500);
    const { xThreshold, thetaThreshold } = CART_POLE_CONSTANTS;
    const inf = Number.POSITIVE_INFINITY;
    this.observationSpace = box(
      [-2 * xThreshold, -inf, -2 * thetaThreshold, -inf],
      [2 * xThreshold, inf, 2 * thetaThreshold, inf],
    );
    this.maxEpisodeSteps = maxEpisodeSteps;
    this.clock = new EpisodeClock(WHERE, maxEpisodeSteps, seed);
  }

  /** A copy of the current state `[x, xDot, theta, thetaDot]`. */
  get state(): Float64Array {
    return this.current.slice();
  }

  /** Starts an episode from a uniform draw in [-0.05, 0.05]^4 and returns the state. */
  reset(seed?: number): Float64Array {
    const rng = this.clock.start(seed);
    for (let i = 0; i < 4; i++) this.current[i] = -0.05 + 0.1 * rng.next();
    return this.current.slice();
  }

  /**
   * Starts an episode from a given state instead of a random one (for tests and
   * demonstrations); the time limit counts from here.
   */
  resetTo(state: ArrayLike<number>): Float64Array {
    this.clock.start();
    for (let i = 0; i < 4; i++) this.current[i] = state[i] as number;
    return this.current.slice();
  }

  step(action: number): StepResult<Float64Array> {
    assertAction(WHERE, this.actionSpace, action);
    this.clock.assertRunning();
    cartPoleDynamics(this.current, action);
    const [x, , theta] = this.current as unknown as [number, number, number];
    const { xThreshold, thetaThreshold } = CART_POLE_CONSTANTS;
    const done =
      x < -xThreshold || x > xThreshold || theta < -thetaThreshold || theta > thetaThreshold;
    const truncated = this.clock.tick(done);
    const info = done || truncated ? { success: truncated } : {};
    return { observation: this.current.slice(), reward: 1, done, truncated, info };
  }
}

/** Advances `state` in place by one Euler step of length `tau` under the push `action`. */
export function cartPoleDynamics(state: Float64Array, action: number): void {
  const { gravity, massCart, massPole, length, forceMag, tau } = CART_POLE_CONSTANTS;
  const totalMass = massCart + massPole;
  const poleMassLength = massPole * length;
  const [x, xDot, theta, thetaDot] = state as unknown as [number, number, number, number];
  const force = action === 1 ? forceMag : -forceMag;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
  const thetaAcc =
    (gravity * sin - cos * temp) / (length * (4 / 3 - (massPole * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  state[0] = x + tau * xDot;
  state[1] = xDot + tau * xAcc;
  state[2] = theta + tau * thetaDot;
  state[3] = thetaDot + tau * thetaAcc;
}
