import { ValueError } from '@gankit/core';

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
