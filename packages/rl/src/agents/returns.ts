/** The discounted return from every step: `G_t = r_t + gamma G_{t+1}`, computed backwards. */
export function discountedReturns(rewards: ArrayLike<number>, gamma: number): Float32Array {
  const returns = new Float32Array(rewards.length);
  let running = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    running = (rewards[t] as number) + gamma * running;
    returns[t] = running;
  }
  return returns;
}

/** Rescales `values` in place to mean 0 and standard deviation 1 (left centred if all equal). */
export function standardize(values: Float32Array): Float32Array {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2 / n;
  const std = Math.sqrt(variance);
  for (let i = 0; i < n; i++) {
    values[i] = std > 1e-8 ? ((values[i] as number) - mean) / std : (values[i] as number) - mean;
  }
  return values;
}
