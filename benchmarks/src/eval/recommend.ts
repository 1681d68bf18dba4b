/**
 * Evaluation of @gankit/recommend against the targets of issue 7. Runs on the BUILT packages:
 *
 *   cd /work/main && npx turbo run build --filter=@gankit/benchmarks^...
 *   pnpm --filter @gankit/benchmarks eval:recommend                 # everything
 *   pnpm --filter @gankit/benchmarks eval:recommend -- --skip-10m   # without the 10M section
 *   pnpm --filter @gankit/benchmarks eval:recommend -- --quick      # 100k sections only
 *   pnpm --filter @gankit/benchmarks eval:recommend -- --only-10m   # the 10M section only
 *
 * Sections:
 * 1. 5-fold cross-validated RMSE / MAE of every rating predictor, user- and item-based, on
 *    the MovieLens-100k-shaped synthetic set of @gankit/datasets (seed 0).
 * 2. Speed: fit + predict all test ratings of one fold (80k train / 20k test), item-based,
 *    k = 40, pearson_baseline (median of 5 runs, wall and CPU time).
 * 3. Ranking metrics of top-10 lists on a 100k fold (relevant = held-out ratings >= 4).
 * 4. 1M ratings (6040 users x 3706 items): fit times and top-10 for every user.
 * 5. 10M ratings (71567 users x 10681 items): item-item similarity time and peak memory.
 *
 * Times are wall-clock on whatever machine runs this; CPU time (process.cpuUsage) is printed
 * beside it because a shared machine inflates wall time.
 */
import { readFileSync } from 'node:fs';
import { initBackend } from '@gankit/core';
import { generateRatings } from '@gankit/datasets';
import {
  BaselineOnly,
  baselinesAls,
  catalogueCoverage,
  computeSimilarities,
  crossValidate,
  hitRateAtK,
  type Id,
  ImplicitALS,
  Interactions,
  KNNBaseline,
  KNNBasic,
  type KNNOptions,
  KNNWithMeans,
  KNNWithZScore,
  kFold,
  mapAtK,
  ndcgAtK,
  precisionAtK,
  type RatingColumns,
  type Recommender,
  recallAtK,
  resolveBaselineOptions,
  rmse,
  SVD,
} from '@gankit/recommend';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const skip10m = quick || args.includes('--skip-10m');
const only10m = args.includes('--only-10m');
const SCALE = { ratingScale: [1, 5] as const, duplicates: 'error' as const };

const fmt = (x: number, digits = 4) => x.toFixed(digits);
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: readonly number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/** Wall and CPU milliseconds of `fn`. */
async function timed<T>(
  fn: () => T | Promise<T>,
): Promise<{ value: T; wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

/** Peak resident memory of this process so far (Linux), in MiB. */
function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall back to the current RSS
  }
  return process.memoryUsage().rss / 2 ** 20;
}

function columns(g: {
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
}): RatingColumns {
  return { users: g.users, items: g.items, ratings: g.ratings };
}

type Maker = () => { fit(d: Interactions): unknown; predictMany(p: RatingColumns): Float64Array };

function knnRows(): [string, Maker][] {
  const rows: [string, Maker][] = [];
  const kinds = { KNNBasic, KNNWithMeans, KNNWithZScore, KNNBaseline };
  for (const userBased of [true, false]) {
    const side = userBased ? 'user' : 'item';
    for (const [name, Model] of Object.entries(kinds)) {
      const options: KNNOptions = { similarity: { name: 'msd', userBased } };
      rows.push([`${name} (${side}, msd)`, () => new Model(options)]);
    }
    rows.push([
      `KNNBaseline (${side}, pearson_baseline)`,
      () => new KNNBaseline({ similarity: { name: 'pearson_baseline', userBased } }),
    ]);
  }
  return rows;
}

async function crossValidation(data: RatingColumns): Promise<void> {
  console.log(
    '\n== 5-fold cross-validation on the MovieLens-100k-shaped set (k = 40, minK = 1) ==',
  );
  console.log(
    'predictor                              RMSE            MAE             fit s   test s',
  );
  const rows: [string, Maker][] = [
    ...knnRows(),
    ['BaselineOnly (ALS)', () => new BaselineOnly()],
    ['BaselineOnly (SGD)', () => new BaselineOnly({ baselines: { method: 'sgd' } })],
    ['SVD (100 factors, 20 epochs)', () => new SVD({ seed: 0 })],
  ];
  for (const [label, make] of rows) {
    const r = await crossValidate(make, data, { folds: 5, seed: 0, ...SCALE });
    console.log(
      `${label.padEnd(38)} ${fmt(mean(r.rmse))} ± ${fmt(std(r.rmse))} ${fmt(mean(r.mae))} ± ${fmt(std(r.mae))} ${fmt(mean(r.fitSeconds), 3).padStart(6)} ${fmt(mean(r.testSeconds), 3).padStart(7)}`,
    );
  }
}

async function speed(data: RatingColumns): Promise<void> {
  console.log('\n== Speed: fit + predict one fold, item-based, k = 40, pearson_baseline ==');
  const fold = kFold(data, { folds: 5, seed: 0 })[0]!;
  const train = Interactions.from(fold.train, SCALE);
  const walls: number[] = [];
  const cpus: number[] = [];
  let error = 0;
  for (let rep = 0; rep < 5; rep++) {
    const { value, wall, cpu } = await timed(() => {
      const model = new KNNBaseline({
        k: 40,
        similarity: { name: 'pearson_baseline', userBased: false },
      });
      return model.fit(train).predictMany(fold.test);
    });
    walls.push(wall);
    cpus.push(cpu);
    error = rmse(fold.test.ratings, value);
  }
  console.log(
    `${train.nRatings} train, ${fold.test.ratings.length} test ratings: median ${fmt(median(walls), 0)} ms wall, ${fmt(median(cpus), 0)} ms CPU (runs: ${walls.map((w) => fmt(w, 0)).join(', ')} ms); RMSE ${fmt(error)}`,
  );
  const { wall: buildWall } = await timed(() => Interactions.from(fold.train, SCALE));
  console.log(`building the sparse matrix from 80k triples: ${fmt(buildWall, 0)} ms`);
}

/** Each user's top-n list, in user index order. */
function topForEveryUser(model: Recommender, users: readonly Id[], n: number): Id[][] {
  return users.map((u) => model.recommend(u, n).items.map((r) => r.item));
}

async function ranking(data: RatingColumns): Promise<void> {
  console.log('\n== Top-10 ranking on a 100k fold (relevant = held-out ratings >= 4) ==');
  const fold = kFold(data, { folds: 5, seed: 0 })[0]!;
  const train = Interactions.from(fold.train, SCALE);
  const relevantOf = new Map<Id, Id[]>();
  for (let n = 0; n < fold.test.ratings.length; n++) {
    if ((fold.test.ratings[n] as number) < 4) continue;
    const u = fold.test.users[n] as Id;
    relevantOf.set(u, [...(relevantOf.get(u) ?? []), fold.test.items[n] as Id]);
  }
  const users = train.users.ids;
  const relevant = users.map((u) => relevantOf.get(u) ?? []);
  const models: [string, () => Recommender | Promise<Recommender>][] = [
    [
      'KNNBaseline item pearson_baseline',
      () =>
        new KNNBaseline({ similarity: { name: 'pearson_baseline', userBased: false } }).fit(train),
    ],
    ['KNNWithMeans user msd', () => new KNNWithMeans().fit(train)],
    ['SVD', () => new SVD({ seed: 0 }).fit(train)],
    ['ImplicitALS (64 factors)', () => new ImplicitALS({ seed: 0 }).fit(train)],
  ];
  console.log(
    'model                               P@10    R@10    nDCG@10 MAP@10  hit@10  cover  top-10 all users',
  );
  for (const [label, make] of models) {
    const model = await make();
    const { value: recommended, wall } = await timed(() => topForEveryUser(model, users, 10));
    const input = { recommended, relevant };
    console.log(
      `${label.padEnd(35)} ${fmt(precisionAtK(input, 10))}  ${fmt(recallAtK(input, 10))}  ${fmt(ndcgAtK(input, 10))}  ${fmt(mapAtK(input, 10))}  ${fmt(hitRateAtK(input, 10))}  ${fmt(catalogueCoverage(recommended, train.nItems, 10), 3)}  ${fmt(wall, 0)} ms`,
    );
  }
}

async function oneMillion(): Promise<void> {
  console.log('\n== 1M ratings (6040 users x 3706 items, seed 0) ==');
  const gen = await timed(() =>
    generateRatings({ numUsers: 6040, numItems: 3706, count: 1_000_000, seed: 0 }),
  );
  const data = await timed(() => Interactions.from(columns(gen.value), SCALE));
  const train = data.value;
  console.log(
    `generate ${fmt(gen.wall, 0)} ms, sparse matrix ${fmt(data.wall, 0)} ms (${train.nRatings} ratings)`,
  );
  const users = train.users.ids;
  const knn = await timed(() =>
    new KNNBaseline({ similarity: { name: 'pearson_baseline', userBased: false } }).fit(train),
  );
  console.log(
    `KNNBaseline item pearson_baseline fit: ${fmt(knn.wall, 0)} ms wall, ${fmt(knn.cpu, 0)} ms CPU`,
  );
  const all = await timed(() => topForEveryUser(knn.value, users, 10));
  console.log(
    `  top-10 for every user (${users.length}): ${fmt(all.wall / 1000, 1)} s wall, ${fmt(all.cpu / 1000, 1)} s CPU (${fmt(all.wall / users.length, 2)} ms per user)`,
  );
  const svd = await timed(() => new SVD({ seed: 0 }).fit(train));
  const svdTop = await timed(() => topForEveryUser(svd.value, users, 10));
  console.log(
    `SVD fit: ${fmt(svd.wall / 1000, 1)} s wall, ${fmt(svd.cpu / 1000, 1)} s CPU; top-10 for every user: ${fmt(svdTop.wall / 1000, 1)} s wall, ${fmt(svdTop.cpu / 1000, 1)} s CPU`,
  );
  const als = await timed(() => new ImplicitALS({ seed: 0 }).fit(train));
  const alsTop = await timed(() => topForEveryUser(als.value, users, 10));
  console.log(
    `ImplicitALS fit: ${fmt(als.wall / 1000, 1)} s wall, ${fmt(als.cpu / 1000, 1)} s CPU; top-10 for every user: ${fmt(alsTop.wall / 1000, 1)} s wall, ${fmt(alsTop.cpu / 1000, 1)} s CPU`,
  );
}

async function tenMillion(): Promise<void> {
  console.log('\n== 10M ratings (71567 users x 10681 items, seed 0): item-item similarity ==');
  const gen = await timed(() =>
    generateRatings({ numUsers: 71567, numItems: 10681, count: 10_000_000, seed: 0 }),
  );
  const data = await timed(() => Interactions.from(columns(gen.value), SCALE));
  console.log(
    `generate ${fmt(gen.wall / 1000, 1)} s, sparse matrix ${fmt(data.wall / 1000, 1)} s; peak RSS so far ${fmt(peakRssMiB(), 0)} MiB`,
  );
  const train = data.value;
  let pairUpdates = 0;
  for (let u = 0; u < train.nUsers; u++) {
    const n = (train.userPtr[u + 1] as number) - (train.userPtr[u] as number);
    pairUpdates += (n * (n - 1)) / 2;
  }
  const baselines = baselinesAls(train, resolveBaselineOptions('eval', {}));
  const sim = await timed(() =>
    computeSimilarities(
      train,
      { name: 'pearson_baseline', userBased: false, minSupport: 1, shrinkage: 100 },
      baselines,
    ),
  );
  console.log(
    `pearson_baseline item-item (${train.nItems}^2 matrix, ${fmt(pairUpdates / 1e9, 2)}e9 co-rating pairs): ${fmt(sim.wall / 1000, 1)} s wall, ${fmt(sim.cpu / 1000, 1)} s CPU; peak RSS ${fmt(peakRssMiB(), 0)} MiB (limit 8192)`,
  );
}

async function main(): Promise<void> {
  await initBackend();
  if (only10m) return tenMillion();
  const g = generateRatings({ seed: 0 });
  const data = columns(g);
  console.log(
    `MovieLens-100k-shaped synthetic ratings: ${g.numUsers} users, ${g.numItems} items, ${g.ratings.length} ratings`,
  );
  await speed(data);
  await crossValidation(data);
  await ranking(data);
  if (!quick) await oneMillion();
  if (!skip10m) await tenMillion();
}

await main();
