import { readFile } from 'node:fs/promises';
import { initBackend } from '@gankit/core';
import { blobs, generateRatings, loadIris, loadMnist } from '@gankit/datasets';
import { Interactions, KNNBaseline } from '@gankit/recommend';
import {
  evaluatePolicy,
  FrozenLake,
  QLearning,
  successProbability,
  valueIteration,
} from '@gankit/rl';
import {
  accuracyScore,
  DecisionTreeClassifier,
  f1Score,
  GaussianNB,
  KNeighborsClassifier,
  LogisticRegression,
  MLPClassifier,
  trainTestSplit,
} from '@gankit/supervised';
import {
  adjustedRandScore,
  apriori,
  associationRules,
  KMeans,
  silhouetteScore,
} from '@gankit/unsupervised';
import type * as tf from '@tensorflow/tfjs-core';
import { positiveInt, positiveNumber, UsageError } from '../errors';

const say = (line: string) => process.stdout.write(`${line}\n`);

type Classifier = {
  fit(x: unknown, y: unknown): unknown;
  predict(x: unknown): ArrayLike<number>;
};

const classifiers: Record<string, (seed: number) => Classifier> = {
  knn: () => new KNeighborsClassifier({ nNeighbors: 3 }) as Classifier,
  logistic: () => new LogisticRegression({ maxIter: 200 }) as Classifier,
  nb: () => new GaussianNB() as Classifier,
  tree: (seed) => new DecisionTreeClassifier({ maxDepth: 12, seed }) as Classifier,
  mlp: (seed) =>
    new MLPClassifier({ hiddenLayerSizes: [128], maxIter: 10, seed }) as unknown as Classifier,
};

/** `gankit classify`: fit a classifier on iris or MNIST and report test accuracy. */
export async function classifyCommand(flags: {
  data: string;
  model: string;
  limit?: string;
  seed?: string;
}): Promise<void> {
  const make = classifiers[flags.model];
  if (!make)
    throw new UsageError(
      `--model must be one of ${Object.keys(classifiers).join(', ')}, got '${flags.model}'`,
    );
  const seed = Number(flags.seed ?? 0);
  await initBackend();
  let xTrain: unknown;
  let yTrain: Int32Array;
  let xTest: unknown;
  let yTest: Int32Array;
  const owned: tf.Tensor[] = [];
  if (flags.data === 'iris') {
    const iris = loadIris();
    const split = trainTestSplit(iris.features, iris.labels, {
      testSize: 0.3,
      stratify: true,
      seed,
    });
    ({ xTrain, xTest } = split);
    yTrain = Int32Array.from(split.yTrain as ArrayLike<number>);
    yTest = Int32Array.from(split.yTest as ArrayLike<number>);
  } else if (flags.data === 'mnist') {
    const limit = positiveInt('limit', flags.limit, 10_000);
    const train = loadMnist({ split: 'train', flat: true, limit });
    const test = loadMnist({
      split: 'test',
      flat: true,
      limit: Math.min(10_000, Math.max(1, Math.round(limit / 6))),
    });
    owned.push(train.images, train.oneHot, test.images, test.oneHot);
    xTrain = train.images;
    yTrain = train.labels;
    xTest = test.images;
    yTest = test.labels;
  } else {
    throw new UsageError(`--data must be iris or mnist, got '${flags.data}'`);
  }
  const model = make(seed);
  const t0 = performance.now();
  await model.fit(xTrain, yTrain);
  const fitSeconds = (performance.now() - t0) / 1000;
  const predicted = Int32Array.from(model.predict(xTest));
  say(`${flags.model} on ${flags.data}: fitted in ${fitSeconds.toFixed(2)} s`);
  say(
    `test accuracy ${accuracyScore(yTest, predicted).toFixed(4)}, macro F1 ${f1Score(yTest, predicted, { average: 'macro' }).toFixed(4)} (${yTest.length} test samples)`,
  );
  for (const t of owned) t.dispose();
}

/** `gankit cluster`: k-means on iris or blobs, with inertia, ARI and silhouette. */
export async function clusterCommand(flags: {
  data: string;
  k?: string;
  seed?: string;
}): Promise<void> {
  const seed = Number(flags.seed ?? 0);
  await initBackend();
  let x: number[][];
  let truth: ArrayLike<number>;
  if (flags.data === 'iris') {
    const iris = loadIris();
    x = iris.features.map((row: ArrayLike<number>) => Array.from(row));
    truth = iris.labels;
  } else if (flags.data === 'blobs') {
    const b = blobs({ n: 1500, centers: positiveInt('k', flags.k, 3), seed });
    x = b.points.map((p) => Array.from(p));
    truth = b.components;
  } else {
    throw new UsageError(`--data must be iris or blobs, got '${flags.data}'`);
  }
  const k = positiveInt('k', flags.k, 3);
  const km = await new KMeans({ nClusters: k, nInit: 10, seed }).fit(x);
  say(
    `k-means (k=${k}, k-means++, 10 inits) on ${flags.data}: inertia ${km.inertia.toFixed(4)} after ${km.nIter} iterations`,
  );
  say(
    `adjusted Rand index vs the true classes ${adjustedRandScore(truth, km.labels).toFixed(4)}, silhouette ${silhouetteScore(x, km.labels).toFixed(4)}`,
  );
}

const classicTransactions = [
  ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
  ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
  ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
];

/** `gankit rules`: frequent itemsets and association rules (one transaction per line, items comma-separated). */
export async function rulesCommand(flags: {
  file?: string;
  minSupport?: string;
  minConfidence?: string;
}): Promise<void> {
  let transactions = classicTransactions;
  if (flags.file) {
    let text: string;
    try {
      text = await readFile(flags.file, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${flags.file}`);
    }
    transactions = text
      .split(/\r?\n/)
      .map((line) =>
        line
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .filter((t) => t.length > 0);
    if (transactions.length === 0) throw new UsageError(`${flags.file} has no transactions`);
  }
  const minSupport = positiveNumber('min-support', flags.minSupport, 0.6);
  const minConfidence = positiveNumber('min-confidence', flags.minConfidence, 0.7);
  const itemsets = apriori(transactions, { minSupport });
  const rules = associationRules(itemsets, { metric: 'confidence', minThreshold: minConfidence });
  say(
    `${transactions.length} transactions, ${itemsets.length} frequent itemsets (support >= ${minSupport}), ${rules.length} rules (confidence >= ${minConfidence})`,
  );
  for (const r of rules.slice(0, 20)) {
    say(
      `{${r.antecedents.join(', ')}} -> {${r.consequents.join(', ')}}  support ${r.support.toFixed(2)} confidence ${r.confidence.toFixed(2)} lift ${r.lift.toFixed(2)}`,
    );
  }
}

/** `gankit recommend`: item-based k-NN on the synthetic MovieLens-shaped ratings; top-N for a user, explained. */
export async function recommendCommand(flags: {
  user?: string;
  n?: string;
  seed?: string;
}): Promise<void> {
  const seed = Number(flags.seed ?? 0);
  const ratings = generateRatings({ seed });
  const data = Interactions.from(
    { users: ratings.users, items: ratings.items, ratings: ratings.ratings },
    { ratingScale: [1, 5] },
  );
  const t0 = performance.now();
  const model = new KNNBaseline({
    k: 40,
    similarity: { name: 'pearson_baseline', userBased: false },
  }).fit(data);
  const user = Number(flags.user ?? 0);
  const n = positiveInt('n', flags.n, 10);
  const top = model.recommend(user, n);
  say(
    `item-based KNNBaseline on ${ratings.ratings.length} synthetic ratings, fitted in ${((performance.now() - t0) / 1000).toFixed(2)} s`,
  );
  say(`top ${n} for user ${user}:`);
  for (const r of top.items) {
    const why = model.explain(user, r.item).neighbours.slice(0, 3);
    say(
      `  item ${r.item}: ${r.score.toFixed(2)}  because you rated ${why.map((w) => `item ${w.id} (${w.rating})`).join(', ')}`,
    );
  }
}

/** `gankit rl`: plan and learn on slippery FrozenLake 4x4. */
export async function rlCommand(flags: { episodes?: string; seed?: string }): Promise<void> {
  const seed = Number(flags.seed ?? 0);
  const lake = new FrozenLake({ map: '4x4', isSlippery: true, seed });
  const { policy } = valueIteration(lake, { gamma: 0.99 });
  const exact = successProbability(lake, policy, { horizon: 100 })[0] as number;
  say(
    `value iteration: optimal success rate ${exact.toFixed(4)} (exact), ${evaluatePolicy(lake, (s: number) => policy[s] as number, { episodes: 1000, seed }).successRate.toFixed(3)} over 1000 episodes`,
  );
  const episodes = positiveInt('episodes', flags.episodes, 20_000);
  const q = await new QLearning({ episodes, alpha: 0.1, seed }).fit(lake);
  say(
    `Q-learning (${episodes} episodes): success rate ${evaluatePolicy(lake, (s: number) => q.predict(s), { episodes: 1000, seed }).successRate.toFixed(3)} over 1000 episodes`,
  );
}
