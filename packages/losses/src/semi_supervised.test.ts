import { assertNoLeaks, initBackend } from '@gankit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { semiSupervisedLosses } from './index';
import { expectAllClose, finiteDifference, scalar } from './test_utils';

beforeAll(async () => {
  await initBackend();
});

function read(losses: { supervised: tf.Scalar; unsupervised: tf.Scalar; total: tf.Scalar }) {
  return {
    supervised: scalar(losses.supervised),
    unsupervised: scalar(losses.unsupervised),
    total: scalar(losses.total),
  };
}

/** The K+1 model spelled out: softmax over [l_1..l_K, 0], D(x) = 1 - p(fake | x). */
function reference(
  labelled: number[][],
  labels: number[],
  unlabelled: number[][],
  fake: number[][],
) {
  const softmaxWithFake = (l: number[]) => {
    const e = [...l, 0].map(Math.exp);
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / z);
  };
  const k = labelled[0]!.length;
  const supervised =
    labelled.reduce((acc, l, i) => {
      const p = softmaxWithFake(l);
      const realMass = 1 - p[k]!; // p(y <= K | x)
      return acc - Math.log(p[labels[i]!]! / realMass);
    }, 0) / labelled.length;
  const realTerm =
    unlabelled.reduce((acc, l) => acc - Math.log(1 - softmaxWithFake(l)[k]!), 0) /
    unlabelled.length;
  const fakeTerm = fake.reduce((acc, l) => acc - Math.log(softmaxWithFake(l)[k]!), 0) / fake.length;
  return { supervised, unsupervised: realTerm + fakeTerm };
}

describe('semiSupervisedLosses', () => {
  it('matches hand values', () => {
    const out = read(
      semiSupervisedLosses({
        labelledLogits: [
          [2, 0],
          [0, 1],
        ],
        labels: [0, 1],
        unlabelledLogits: [[0, 0]],
        fakeLogits: [[-1, -1]],
      }),
    );
    // supervised: (log(e^2 + 1) - 2 + log(1 + e) - 1) / 2 = (0.126928 + 0.313262) / 2
    const supervised = (Math.log(Math.exp(2) + 1) - 2 + Math.log(1 + Math.E) - 1) / 2;
    expect(supervised).toBeCloseTo(0.220095, 6);
    // unlabelled [0, 0]: Z = 2, D = 2/3, -log D = log 1.5; fake [-1, -1]: Z = 2/e, -log(1 - D) = log(1 + 2/e)
    const unsupervised = Math.log(1.5) + Math.log(1 + 2 / Math.E);
    expect(out.supervised).toBeCloseTo(supervised, 5);
    expect(out.unsupervised).toBeCloseTo(unsupervised, 5);
    expect(out.total).toBeCloseTo(supervised + unsupervised, 5);
  });

  it('equals the explicit K+1 softmax with the fake logit fixed at 0', () => {
    const labelled = [
      [0.3, -1.2, 2.0],
      [1.5, 0.5, -0.25],
      [-2, 1, 0.1],
    ];
    const labels = [2, 0, 1];
    const unlabelled = [
      [1, 1, 1],
      [-3, -2, -4],
    ];
    const fake = [
      [0.5, -0.5, 0],
      [-1, 2, 0.3],
    ];
    const ref = reference(labelled, labels, unlabelled, fake);
    const oneHot = labels.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
    const out = read(
      semiSupervisedLosses(
        {
          labelledLogits: labelled,
          labels: oneHot,
          unlabelledLogits: unlabelled,
          fakeLogits: fake,
        },
        { unsupervisedWeight: 0.5 },
      ),
    );
    expect(out.supervised).toBeCloseTo(ref.supervised, 5);
    expect(out.unsupervised).toBeCloseTo(ref.unsupervised, 5);
    expect(out.total).toBeCloseTo(ref.supervised + 0.5 * ref.unsupervised, 5);
  });

  it('stays finite at logits of +-100 and +-1e4, in value and gradient', () => {
    const unlabelled = [1e4, -1e4, -1e4, -1e4, 100, -100];
    const fake = [1e4, 0, -1e4, -1e4, -100, -100];
    const out = read(
      semiSupervisedLosses({
        labelledLogits: [[1e4, -1e4]],
        labels: [1],
        unlabelledLogits: tf.tensor2d(unlabelled, [3, 2]),
        fakeLogits: tf.tensor2d(fake, [3, 2]),
      }),
    );
    // supervised: lse - l_1 = 1e4 + 1e4. Unlabelled: softplus(-lse) for lse = 1e4, -1e4 + log 2,
    // 100: [0, 1e4 - log 2, 0]. Fake: softplus(lse) for lse = 1e4, -1e4 + log 2, -100 + log 2: [1e4, 0, 0].
    expect(out.supervised).toBeCloseTo(2e4, 0);
    expect(out.unsupervised).toBeCloseTo((1e4 - Math.log(2)) / 3 + 1e4 / 3, 1);
    const lab = tf.tensor2d([[1e4, -1e4]]);
    const fakeT = tf.tensor2d(fake, [3, 2]);
    const grad = tf.tidy(() =>
      Array.from(
        tf
          .grad(
            (u: tf.Tensor) =>
              semiSupervisedLosses({
                labelledLogits: lab,
                labels: [1],
                unlabelledLogits: u,
                fakeLogits: fakeT,
              }).total,
          )(tf.tensor2d(unlabelled, [3, 2]))
          .dataSync(),
      ),
    );
    // d/dl softplus(-lse(l)) / 3 = -sigmoid(-lse) softmax(l) / 3:
    // row 1 (lse = 1e4): 0; row 2 (lse ~ -1e4): -[1/2, 1/2]/3; row 3 (lse ~ 100): ~0
    expectAllClose(grad, [0, 0, -1 / 6, -1 / 6, 0, 0], 1e-6);
    tf.dispose([lab, fakeT]);
  });

  it('has the gradient of finite differences', () => {
    const u = [0.2, -0.4, 1.0, 0.3];
    const f = (t: tf.Tensor) =>
      tf.tidy(() => {
        const l = semiSupervisedLosses({
          labelledLogits: [[0.5, -0.5]],
          labels: [0],
          unlabelledLogits: t,
          fakeLogits: tf.reshape(t, [2, 2]),
        });
        tf.dispose([l.supervised, l.unsupervised]);
        return l.total;
      });
    const analytic = tf.tidy(() =>
      Array.from(
        tf
          .grad(f)(tf.tensor2d(u, [2, 2]))
          .dataSync(),
      ),
    );
    expectAllClose(analytic, finiteDifference(f, u, [2, 2]), 2e-3);
  });

  it('leaks no tensors', async () => {
    await assertNoLeaks(() => {
      const l = semiSupervisedLosses({
        labelledLogits: [[1, 2]],
        labels: new Int32Array([1]),
        unlabelledLogits: [[0, 0]],
        fakeLogits: [[1, 1]],
      });
      tf.dispose([l.supervised, l.unsupervised, l.total]);
    });
  });

  it('rejects mismatched class counts, bad labels and unknown keys', () => {
    const base = {
      labelledLogits: [[1, 2]],
      labels: [1],
      unlabelledLogits: [[0, 0]],
      fakeLogits: [[1, 1]],
    };
    expect(() => semiSupervisedLosses({ ...base, fakeLogits: [[1, 1, 1]] })).toThrow(
      "Argument 'fakeLogits' passed to 'semiSupervisedLosses' must have shape [n, 2] with n >= 1, but got shape [1, 3].",
    );
    expect(() => semiSupervisedLosses({ ...base, labels: [2] })).toThrow(
      "Argument 'labels' passed to 'semiSupervisedLosses' must hold integer class indices in [0, 1], but entry 0 is 2.",
    );
    expect(() => semiSupervisedLosses({ ...base, fake: [[1, 1]] } as typeof base)).toThrow(
      "Unknown key 'fake' in argument 'batch' passed to 'semiSupervisedLosses'; expected: labelledLogits, labels, unlabelledLogits, fakeLogits.",
    );
    expect(() => semiSupervisedLosses(base, { unsupervisedWeight: -1 })).toThrow(
      "Argument 'unsupervisedWeight' passed to 'semiSupervisedLosses' must be a finite number in [0, Infinity], but got -1.",
    );
  });
});
