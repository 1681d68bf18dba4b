/**
 * The class of the highest score in each row of `scores` (row-major, one column per class,
 * `classes.length` columns); ties go to the first class, as numpy's argmax does.
 */
export function bestClasses(scores: ArrayLike<number>, classes: ArrayLike<number>): Int32Array {
  const k = classes.length;
  const out = new Int32Array(scores.length / k);
  for (let i = 0; i < out.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++)
      if ((scores[i * k + c] as number) > (scores[i * k + best] as number)) best = c;
    out[i] = classes[best] as number;
  }
  return out;
}
