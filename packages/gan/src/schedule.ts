import { assertInteger, ValueError } from '@gankit/core';

/** A factor on the learning rate for each step: `(step, totalSteps) => factor`, step from 1. */
export type LearningRateSchedule = (step: number, totalSteps: number) => number;

/** Throws unless `schedule` is undefined or a function; names the option and the function. */
export function checkSchedule(where: string, schedule: unknown): LearningRateSchedule | undefined {
  if (schedule !== undefined && typeof schedule !== 'function') {
    throw new ValueError(
      `Option 'learningRateSchedule' of '${where}' must be a function (step, totalSteps) => factor.`,
    );
  }
  return schedule as LearningRateSchedule | undefined;
}

/** The schedule's factor for `step`, checked to be a finite number >= 0. */
export function scheduledFactor(
  where: string,
  schedule: LearningRateSchedule,
  step: number,
  totalSteps: number,
): number {
  const factor = schedule(step, totalSteps);
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0) {
    throw new ValueError(
      `Option 'learningRateSchedule' of '${where}' must return a finite number >= 0, but returned ${String(factor)} for step ${step}.`,
    );
  }
  return factor;
}

/**
 * The learning rate falls linearly from the full rate at the first step to 1/totalSteps of
 * it at the last (`1 - (step - 1) / totalSteps`), as Salimans et al. end their training.
 * Pass it as `learningRateSchedule`.
 */
export const linearDecay: LearningRateSchedule = (step, totalSteps) => 1 - (step - 1) / totalSteps;

/**
 * Holds the full rate for the first `holdSteps` steps, then lowers it linearly to
 * 1/(totalSteps - holdSteps) of it at the last step, as CycleGAN ends its training:
 * `1` up to `holdSteps`, then `1 - (step - 1 - holdSteps) / (totalSteps - holdSteps)`. A run
 * no longer than `holdSteps` keeps the full rate. Pass the result as `learningRateSchedule`.
 *
 * @example
 * ```ts
 * // 300 epochs of 600 steps: constant for 250 epochs, then down to 0 over the last 50.
 * await train(gan, images, { epochs: 300, learningRateSchedule: linearDecayAfter(150_000) });
 * ```
 */
export function linearDecayAfter(holdSteps: number): LearningRateSchedule {
  assertInteger('linearDecayAfter', 'holdSteps', holdSteps, 0);
  return (step, totalSteps) =>
    step <= holdSteps ? 1 : 1 - (step - 1 - holdSteps) / (totalSteps - holdSteps);
}
