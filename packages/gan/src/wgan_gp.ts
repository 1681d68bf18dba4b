import {
  assertInteger,
  assertKnownOptions,
  assertNumberInRange,
  type RngState,
} from '@gankit/core';
import { gradientPenalty, wassersteinCriticLoss, wassersteinGeneratorLoss } from '@gankit/losses';
import { Conv2D, Dense, Flatten, LeakyReLU, type NamedTensor, Sequential } from '@gankit/nn';
import * as tf from '@tensorflow/tfjs-core';
import { dcganGenerator, mlpGenerator } from './architectures';
import { GAN, type GANOptions, type StepLogs } from './gan';

/** Options of {@link WGANGP}. */
export interface WGANGPOptions extends Omit<GANOptions, 'objective'> {
  /** Gradient penalty weight λ. Default 10. */
  lambda?: number;
  /** Critic updates per generator update. Default 5. */
  nCritic?: number;
  /** Default networks: `'mlp'` (yunjey's G, MLP critic) or `'dcgan'` (conv critic, no BatchNorm). */
  architecture?: 'mlp' | 'dcgan';
}

const where = 'WGANGP';

/** An MLP critic 784 → 256 → 256 → 1 (linear output) with LeakyReLU 0.2 and no normalization. */
export function mlpCritic(
  options: { sampleShape?: number[]; hidden?: number[]; seed?: number | string } = {},
): Sequential {
  const size = (options.sampleShape ?? [784]).reduce((a, b) => a * b, 1);
  const hidden = options.hidden ?? [256, 256];
  return new Sequential({
    name: 'discriminator',
    inputShape: [size],
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
      ...hidden.flatMap((units) => [new Dense({ units }), new LeakyReLU({ alpha: 0.2 })]),
      new Dense({ units: 1 }),
    ],
  });
}

/**
 * A convolutional critic for 28x28x1 images after Gulrajani et al.'s MNIST critic: Conv 64
 * k4 s2 → Conv 128 k4 s2 → Dense 1, LeakyReLU 0.2, no BatchNorm (the penalty is per sample).
 */
export function convCritic(
  options: { imageShape?: [number, number, number]; seed?: number | string } = {},
): Sequential {
  return new Sequential({
    name: 'discriminator',
    inputShape: options.imageShape ?? [28, 28, 1],
    seed: `${options.seed ?? 0}:discriminator`,
    layers: [
      new Conv2D({ filters: 64, kernelSize: 4, strides: 2 }),
      new LeakyReLU({ alpha: 0.2 }),
      new Conv2D({ filters: 128, kernelSize: 4, strides: 2 }),
      new LeakyReLU({ alpha: 0.2 }),
      new Flatten(),
      new Dense({ units: 1 }),
    ],
  });
}

/**
 * WGAN-GP (Gulrajani et al. 2017): a critic with a linear output trained on the Wasserstein
 * loss `E[C(G(z))] - E[C(x)]` plus the gradient penalty `λ E[(‖∇C(x̂)‖ - 1)²]` on random
 * interpolates x̂, `nCritic` critic updates per G update, Adam(1e-4, β1 0, β2 0.9).
 *
 * Each `trainStep` is one critic update on the given batch; every `nCritic`-th step also
 * updates G. The critic must not mix samples (no BatchNorm). Its second-order gradients
 * (leakyRelu, tanh, sigmoid, exp) rely on the gradient fixes `@gankit/core` registers.
 *
 * ```ts
 * const wgan = new WGANGP({ seed: 1 });
 * await train(wgan, images, { epochs: 10, batchSize: 64 });
 * ```
 */
export class WGANGP extends GAN {
  readonly lambda: number;
  readonly nCritic: number;
  /** Critic updates done so far (saved in checkpoints: it says when G updates next). */
  private criticSteps = 0;
  /** G's loss at its last update, reported on steps that do not update G. */
  private lastGLoss = 0;

  constructor(options: WGANGPOptions = {}) {
    assertKnownOptions(where, options, [
      'generator',
      'discriminator',
      'latentDim',
      'learningRate',
      'beta1',
      'beta2',
      'seed',
      'lambda',
      'nCritic',
      'architecture',
    ]);
    const { lambda, nCritic, architecture, ...rest } = options;
    const conv = (architecture ?? 'mlp') === 'dcgan';
    super(
      {
        learningRate: 1e-4,
        beta2: 0.9,
        ...rest,
        objective: 'wasserstein',
      },
      {
        latentDim: conv ? 100 : 64,
        beta1: 0,
        where,
        build: (latentDim, seed) =>
          conv
            ? [dcganGenerator({ latentDim, seed }), convCritic({ seed })]
            : [mlpGenerator({ latentDim, seed }), mlpCritic({ seed })],
      },
    );
    this.lambda = assertNumberInRange(where, 'lambda', lambda ?? 10, 0);
    this.nCritic = assertInteger(where, 'nCritic', nCritic ?? 5);
  }

  /**
   * One critic update; every `nCritic`-th call, one G update after it. Logs: `dLoss` (critic
   * loss with penalty), `gLoss` (the last G update's), `dReal`/`dFake` (mean critic outputs),
   * `gradientPenalty`, `wassersteinEstimate` (`dReal - dFake`).
   */
  override trainStep(real: tf.Tensor, _labels?: tf.Tensor): StepLogs {
    this.checkBatch(real);
    const n = real.shape[0] as number;
    const critic = this.criticStep(real);
    this.criticSteps++;
    if (this.criticSteps % this.nCritic === 0) {
      const gLoss = this.wassersteinGeneratorStep(n);
      this.lastGLoss = gLoss.dataSync()[0] as number;
      gLoss.dispose();
    }
    const [dLoss, dReal, dFake, penalty] = Array.from(critic.dataSync()) as number[];
    critic.dispose();
    return {
      dLoss: dLoss as number,
      gLoss: this.lastGLoss,
      dReal: dReal as number,
      dFake: dFake as number,
      gradientPenalty: penalty as number,
      wassersteinEstimate: (dReal as number) - (dFake as number),
    };
  }

  override stateTensors(): NamedTensor[] {
    return [
      ...super.stateTensors(),
      { name: 'wgangp/criticSteps', tensor: tf.scalar(this.criticSteps) },
      { name: 'wgangp/lastGLoss', tensor: tf.scalar(this.lastGLoss) },
    ];
  }

  override restoreState(tensors: Map<string, tf.Tensor>, rngState: RngState): void {
    super.restoreState(tensors, rngState);
    this.criticSteps = (tensors.get('wgangp/criticSteps')?.dataSync()[0] as number) ?? 0;
    this.lastGLoss = (tensors.get('wgangp/lastGLoss')?.dataSync()[0] as number) ?? 0;
  }

  /** Returns [loss, mean C(x), mean C(G(z)), penalty] as one tensor the caller disposes. */
  private criticStep(real: tf.Tensor): tf.Tensor1D {
    return tf.tidy(() => {
      const C = this.discriminator;
      const fake = this.generator.apply(this.sampleLatent(real.shape[0] as number));
      const kept: tf.Scalar[] = [];
      const loss = this.dOptimizer.minimize(() => {
        const realOut = C.apply(real);
        const fakeOut = C.apply(fake);
        const penalty = gradientPenalty((x) => C.apply(x), real, fake, {
          lambda: this.lambda,
          rng: this.rng,
        });
        kept.push(tf.keep(tf.mean(realOut)), tf.keep(tf.mean(fakeOut)), tf.keep(penalty));
        return tf.add(wassersteinCriticLoss(realOut, fakeOut), penalty) as tf.Scalar;
      }, C.trainableVariables);
      const out = tf.stack([loss, ...kept]) as tf.Tensor1D;
      tf.dispose(kept);
      return out;
    });
  }

  private wassersteinGeneratorStep(n: number): tf.Scalar {
    return tf.tidy(() => {
      const z = this.sampleLatent(n);
      return this.gOptimizer.minimize(
        () => wassersteinGeneratorLoss(this.discriminator.apply(this.generator.apply(z))),
        this.generator.trainableVariables,
      );
    });
  }
}
