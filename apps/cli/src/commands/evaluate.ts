import { resolve } from 'node:path';
import { loadMnist } from '@gankit/datasets';
import {
  classifierScore,
  featureStatistics,
  frechetDistance,
  loadMnistClassifier,
  type MnistClassifier,
  modeCoverage,
  SemiSupervisedGAN,
  toClassifierRange,
} from '@gankit/gan';
import * as tf from '@tensorflow/tfjs-core';
import { positiveInt } from '../errors';
import { latentSeed } from '../latent_picks';
import { describeMixture, isMixture, type MixtureName, mixtureSample } from '../mixtures';
import { readRunFile } from '../run_file';
import { loadTestDigits, percent } from '../semi_supervised';
import { keepFlag, loadRun, loadTrained } from './sample';

const CHUNK = 250;

/** Probabilities and penultimate features of the shipped MNIST judge, in chunks. */
function judge(
  classifier: MnistClassifier,
  images: (start: number, size: number) => tf.Tensor,
  n: number,
) {
  const probs: Float32Array[] = [];
  const features: Float32Array[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const batch = images(start, Math.min(CHUNK, n - start));
    const p = classifier.probabilities(batch);
    const f = classifier.features(batch);
    probs.push(
      ...(tf.unstack(p) as tf.Tensor1D[]).map((t) => {
        const v = t.dataSync() as Float32Array;
        t.dispose();
        return v;
      }),
    );
    features.push(
      ...(tf.unstack(f) as tf.Tensor1D[]).map((t) => {
        const v = t.dataSync() as Float32Array;
        t.dispose();
        return v;
      }),
    );
    tf.dispose([batch, p, f]);
  }
  return { probs, features };
}

/**
 * `gankit evaluate <dir>`: for MNIST runs, the shipped MNIST classifier's score of generated
 * digits (Inception-score style) and the Fréchet distance of its features to real test
 * digits (and, for sgan runs, D's test accuracy); for ring and grid runs, mode coverage and the share of high-quality samples.
 */
export async function evaluateCommand(
  dirArg: string,
  flags: { n?: string; seed?: string; keep?: string },
): Promise<void> {
  const dir = resolve(dirArg);
  const run = await readRunFile(dir);
  const keep = keepFlag(run, flags.keep);
  if (isMixture(run.data)) return evaluateMixture(dir, run.data, keep, flags);
  const n = positiveInt('n', flags.n, 1000);
  const { gan } = await loadTrained(dir);
  const classifier = loadMnistClassifier();
  const seed = flags.seed ?? 'cli-evaluate';
  // With --keep, all n at once: each generate call draws at least 1000 candidates.
  const kept = keep < 1 ? gan.generate(n, { seed, keep }) : undefined;
  const fake = judge(
    classifier,
    (start, size) =>
      tf.tidy(() =>
        toClassifierRange(
          kept ? tf.slice(kept, start, size) : gan.generate(size, { seed: `${seed}:${start}` }),
        ),
      ),
    n,
  );
  kept?.dispose();
  const test = loadMnist({ split: 'test', normalize: '0..1', limit: Math.min(n, 10_000) });
  test.oneHot.dispose();
  const real = judge(
    classifier,
    (start, size) => tf.slice(test.images, start, size),
    test.labels.length,
  );
  test.images.dispose();
  const score = classifierScore(fake.probs);
  const realScore = classifierScore(real.probs);
  const a = featureStatistics(fake.features);
  const b = featureStatistics(real.features);
  const fcd = frechetDistance(a.mean, a.cov, b.mean, b.cov);
  process.stdout.write(
    `gankit: ${n} samples${keep < 1 ? ` (--keep ${keep}: discriminator rejection)` : ''}: classifier score ${score.mean.toFixed(2)} (real MNIST test digits: ${realScore.mean.toFixed(2)}), FCD to ${test.labels.length} test digits ${fcd.toFixed(2)} (lower is better)\n`,
  );
  const shares = Array.from(score.classShares, (s) => (100 * s).toFixed(1)).join(' ');
  process.stdout.write(
    `gankit: the score is exp(${score.marginalEntropy.toFixed(2)} - ${score.conditionalEntropy.toFixed(2)}): the entropy of the digit mix (ln 10 = 2.30 when even; % per digit 0-9: ${shares}) minus the classifier's mean entropy per sample (0 when sure)\n`,
  );
  classifier.dispose();
  if (gan instanceof SemiSupervisedGAN) {
    const digits = loadTestDigits();
    const accuracy = gan.score(digits.images, digits.labels);
    digits.images.dispose();
    process.stdout.write(
      `gankit: D's classifier: test accuracy ${percent(accuracy)} on ${digits.labels.length} MNIST test digits\n`,
    );
  }
  gan.dispose();
}

/**
 * Mode coverage of a 2D run with PacGAN's rule (`modeCoverage`): a sample is high quality
 * within 3 standard deviations of its nearest mode, and a mode is covered by one such sample.
 * With `keep` < 1 the samples are drawn by discriminator rejection.
 */
async function evaluateMixture(
  dir: string,
  data: MixtureName,
  keep: number,
  flags: { n?: string; seed?: string },
): Promise<void> {
  const n = positiveInt('n', flags.n, 2500);
  const { gan } = await loadRun(dir);
  const mixture = mixtureSample(data, 1, 0);
  const means = Array.from({ length: mixture.weights.length }, (_, k) => [
    mixture.means[2 * k] as number,
    mixture.means[2 * k + 1] as number,
  ]);
  const samples = gan.generate(n, {
    seed: flags.seed === undefined ? 'cli-evaluate' : latentSeed(flags.seed),
    ...(keep < 1 ? { keep } : {}),
  });
  const coverage = modeCoverage(samples, means, mixture.stds[0] as number);
  samples.dispose();
  gan.dispose();
  process.stdout.write(
    `gankit: ${n} samples${keep < 1 ? ` (--keep ${keep})` : ''} of the ${describeMixture(data, mixture)}: ${coverage.modesCovered}/${means.length} modes covered, ${(coverage.highQualityFraction * 100).toFixed(2)}% high quality (within 3 std of the nearest mode, PacGAN's definition)\n  high-quality samples per mode: ${Array.from(coverage.perModeCounts).join(' ')}\n`,
  );
}
