import type { TabularModel } from '../env';

/** The value of taking `action` in `state` and then following `values`: sum of p (r + gamma V(s')), no bootstrap past `done`. */
export function actionValue(
  model: TabularModel,
  values: Float64Array,
  gamma: number,
  state: number,
  action: number,
): number {
  let q = 0;
  for (const [p, next, reward, done] of model.P[state]![action]!) {
    q += p * (reward + (done ? 0 : gamma * (values[next] as number)));
  }
  return q;
}

/** All action values `Q[s * nActions + a]` for the given state values. */
export function actionValues(
  model: TabularModel,
  values: Float64Array,
  gamma: number,
): Float64Array {
  const q = new Float64Array(model.nStates * model.nActions);
  for (let s = 0; s < model.nStates; s++) {
    for (let a = 0; a < model.nActions; a++) {
      q[s * model.nActions + a] = actionValue(model, values, gamma, s, a);
    }
  }
  return q;
}

/**
 * The greedy policy of a row-major `[nStates, nActions]` table: the first action whose
 * value is within 1e-12 of the best, so rounding never decides between equal actions.
 */
export function greedyPolicy(q: ArrayLike<number>, nStates: number, nActions: number): Int32Array {
  const policy = new Int32Array(nStates);
  for (let s = 0; s < nStates; s++) policy[s] = argmaxRow(q, s * nActions, nActions);
  return policy;
}

/** The index (0-based within the row) of the largest of `q[offset .. offset + n)`, first wins ties within 1e-12. */
export function argmaxRow(q: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  let bestValue = q[offset] as number;
  for (let a = 1; a < n; a++) {
    const v = q[offset + a] as number;
    if (v > bestValue + 1e-12) {
      best = a;
      bestValue = v;
    }
  }
  return best;
}
