/**
 * Evaluation of @gankit/rl against the targets of issue 8. Runs on the BUILT packages:
 *
 *   cd /work/main && npx turbo run build --filter=@gankit/benchmarks^...
 *   pnpm --filter @gankit/benchmarks eval:rl              # everything
 *   pnpm --filter @gankit/benchmarks eval:rl -- --seeds 0,1,2 --skip-dqn
 *
 * Prints: value iteration on FrozenLake (exact success probability from the model and
 * simulated success over 100 and 10000 episodes), tabular Q-learning and SARSA on
 * slippery FrozenLake 4x4 over several seeds, and REINFORCE / DQN on CartPole-v1 with
 * training episodes, wall time and the mean return over 100 greedy evaluation episodes.
 */
import { initBackend } from '@gankit/core';
import {
  CartPole,
  DQN,
  type EpisodeLogs,
  type Evaluation,
  evaluatePolicy,
  FrozenLake,
  linearDecay,
  policyIteration,
  QLearning,
  Reinforce,
  Sarsa,
  successProbability,
  valueIteration,
} from '@gankit/rl';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
};
const seeds = option('--seeds', '0,1,2,3,4').split(',').map(Number);
const dqnSeeds = option('--dqn-seeds', '0').split(',').map(Number);
const skipDqn = args.includes('--skip-dqn');
const EVAL_SEED = 12345;

const fmt = (x: number, digits = 3) => x.toFixed(digits);
const seconds = (start: number) => (performance.now() - start) / 1000;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function planning(): void {
  console.log('\n== Value iteration and policy iteration on FrozenLake (gamma 0.99) ==');
  for (const map of ['4x4', '8x8'] as const) {
    const env = new FrozenLake({ map, isSlippery: true });
    const start = performance.now();
    const vi = valueIteration(env, { gamma: 0.99, theta: 1e-10 });
    const viTime = seconds(start);
    const pi = policyIteration(env, { gamma: 0.99, theta: 1e-10 });
    const same = vi.policy.every((a, s) => a === pi.policy[s]);
    const exact = successProbability(env, vi.policy, { horizon: env.maxEpisodeSteps })[0]!;
    const noLimit = successProbability(env, vi.policy)[0]!;
    const act = (s: number) => vi.policy[s]!;
    const sim100 = evaluatePolicy(env, act, { episodes: 100, seed: EVAL_SEED }).successRate;
    const sim10k = evaluatePolicy(env, act, { episodes: 10_000, seed: EVAL_SEED }).successRate;
    console.log(
      `FrozenLake ${map} slippery: VI ${vi.iterations} sweeps (${fmt(viTime * 1000, 1)} ms), PI ${pi.iterations} rounds, same policy: ${same}`,
    );
    console.log(
      `  policy: ${Array.from(vi.policy).join('')}   V(start) = ${fmt(vi.values[0]!, 4)}`,
    );
    console.log(
      `  success within ${env.maxEpisodeSteps} steps: exact ${fmt(exact, 4)} | simulated 100 episodes ${fmt(sim100, 2)} | 10000 episodes ${fmt(sim10k, 4)} | no time limit (exact) ${fmt(noLimit, 4)}`,
    );
  }
}

async function tabular(): Promise<void> {
  console.log(
    '\n== Tabular control on slippery FrozenLake 4x4 (20000 episodes, alpha 0.1, gamma 0.99, epsilon 1 -> 0.01 over 10000 episodes) ==',
  );
  const env = new FrozenLake({ isSlippery: true });
  for (const [name, Agent] of [
    ['Q-learning', QLearning],
    ['SARSA', Sarsa],
  ] as const) {
    const rows: number[] = [];
    const exacts: number[] = [];
    for (const seed of seeds) {
      const start = performance.now();
      const agent = await new Agent({
        episodes: 20_000,
        alpha: 0.1,
        gamma: 0.99,
        epsilon: linearDecay({ start: 1, end: 0.01, steps: 10_000 }),
        seed,
      }).fit(env);
      const time = seconds(start);
      const policy = agent.policy();
      const exact = successProbability(env, policy, { horizon: 100 })[0]!;
      const act = (s: number) => policy[s]!;
      const sim = evaluatePolicy(env, act, { episodes: 100, seed: EVAL_SEED + seed });
      const sim1000 = evaluatePolicy(env, act, { episodes: 1000, seed: EVAL_SEED + seed });
      rows.push(sim.successRate);
      exacts.push(exact);
      // 100 episodes estimate a success rate near 0.74 with a standard error of about 0.044.
      const verdict = exact >= 0.7 ? 'PASS: greedy policy >= 0.70 (exact)' : 'below 0.70';
      console.log(
        `${name} seed ${seed}: success over 100 episodes ${fmt(sim.successRate, 2)}, over 1000 episodes ${fmt(sim1000.successRate, 3)}, exact for its greedy policy ${fmt(exact, 4)}; train ${fmt(time, 2)} s  ${verdict}`,
      );
    }
    console.log(
      `${name}: mean over seeds of the 100-episode success ${fmt(mean(rows), 3)}, of the exact success ${fmt(mean(exacts), 4)}`,
    );
  }
}

/** Stops training once the last `window` training episodes average at least `target`. */
function stopWhenSolved(target: number, window: number, curve: number[]) {
  const controller = new AbortController();
  const recent: number[] = [];
  const onEpisodeEnd = (episode: number, logs: EpisodeLogs) => {
    recent.push(logs.return);
    if (recent.length > window) recent.shift();
    if ((episode + 1) % 25 === 0) curve.push(mean(recent));
    if (recent.length === window && mean(recent) >= target) controller.abort();
  };
  return { signal: controller.signal, callbacks: { onEpisodeEnd } };
}

function report(
  name: string,
  seed: number,
  episodes: number,
  steps: number,
  time: number,
  ev: Evaluation,
  curve: number[],
) {
  const pass = ev.meanReturn >= 475 ? 'PASS >= 475' : 'below 475';
  console.log(
    `${name} seed ${seed}: ${episodes} training episodes (${steps} steps), ${fmt(time, 1)} s wall | greedy eval over 100 episodes: mean return ${fmt(ev.meanReturn, 1)} (min ${Math.min(...ev.returns)}, std ${fmt(ev.stdReturn, 1)})  ${pass}`,
  );
  console.log(
    `  learning curve (mean of last 20 training returns every 25 episodes): ${curve.map((c) => c.toFixed(0)).join(' ')}`,
  );
}

async function reinforce(): Promise<void> {
  console.log(
    '\n== REINFORCE on CartPole-v1 (policy 4-64-2, learned value baseline, Adam 0.01, gamma 0.99; stop when the last 20 training returns average >= 475, at most 1000 episodes) ==',
  );
  const results: number[] = [];
  for (const seed of seeds) {
    const curve: number[] = [];
    const start = performance.now();
    const agent = await new Reinforce({ episodes: 1000, seed }).fit(
      new CartPole(),
      stopWhenSolved(475, 20, curve),
    );
    const time = seconds(start);
    const ev = evaluatePolicy(new CartPole(), (o) => agent.predict(o), {
      episodes: 100,
      seed: EVAL_SEED + seed,
    });
    results.push(ev.meanReturn);
    report('REINFORCE', seed, agent.episodesTrained, agent.stepsTrained, time, ev, curve);
    agent.dispose();
  }
  console.log(
    `REINFORCE: seeds reaching >= 475: ${results.filter((r) => r >= 475).length} of ${results.length}`,
  );
}

async function dqn(): Promise<void> {
  console.log(
    '\n== Double DQN on CartPole-v1 (Q 4-64-64-2, Adam 1e-3, batch 64, a gradient step every 4 env steps, replay 50000, target sync every 500 steps, Huber, epsilon 1 -> 0.05 over 10000 steps; stop when the last 20 training returns average >= 475, at most 800 episodes) ==',
  );
  for (const seed of dqnSeeds) {
    const curve: number[] = [];
    const start = performance.now();
    const agent = await new DQN({ episodes: 800, double: true, seed }).fit(
      new CartPole(),
      stopWhenSolved(475, 20, curve),
    );
    const time = seconds(start);
    const ev = evaluatePolicy(new CartPole(), (o) => agent.predict(o), {
      episodes: 100,
      seed: EVAL_SEED + seed,
    });
    report('DQN', seed, agent.episodesTrained, agent.stepsTrained, time, ev, curve);
    agent.dispose();
  }
}

async function main(): Promise<void> {
  const backend = await initBackend();
  console.log(`backend: ${JSON.stringify(backend)}; seeds ${seeds.join(', ')}`);
  planning();
  await tabular();
  await reinforce();
  if (!skipDqn) await dqn();
}

await main();
