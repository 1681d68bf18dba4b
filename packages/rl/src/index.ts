export { DQN, type DQNOptions } from './agents/dqn';
export { QLearning, type QLearningOptions } from './agents/q_learning';
export { type Baseline, Reinforce, type ReinforceOptions } from './agents/reinforce';
export { ReplayBuffer, type TransitionBatch } from './agents/replay_buffer';
export { discountedReturns } from './agents/returns';
export { Sarsa, type SarsaOptions } from './agents/sarsa';
export type { TabularAgentOptions } from './agents/tabular_agent';
export type {
  BoxEnv,
  DiscreteEnv,
  Env,
  StepInfo,
  StepResult,
  TabularModel,
  Transition,
} from './env';
export {
  CART_POLE_CONSTANTS,
  CartPole,
  type CartPoleOptions,
  cartPoleDynamics,
} from './envs/cart_pole';
export {
  FROZEN_LAKE_MAPS,
  FrozenLake,
  type FrozenLakeOptions,
  frozenLakeModel,
} from './envs/frozen_lake';
export { type Cell, GridWorld, type GridWorldOptions } from './envs/grid_world';
export { TabularEnv } from './envs/tabular_env';
export { type EvaluateOptions, type Evaluation, evaluatePolicy, type Policy } from './evaluate';
export type { PlanningOptions } from './planning/model_checks';
export { policyEvaluation, policyIteration } from './planning/policy_iteration';
export {
  type GoalModel,
  type SuccessProbabilityOptions,
  successProbability,
} from './planning/success_probability';
export { type PlanningResult, valueIteration } from './planning/value_iteration';
export {
  constantSchedule,
  type ExponentialDecayOptions,
  exponentialDecay,
  type LinearDecayOptions,
  linearDecay,
  type Schedule,
} from './schedules';
export {
  type BoxSpace,
  box,
  type DiscreteSpace,
  describeSpace,
  discrete,
  type Space,
} from './spaces';
export type { EpisodeLogs, FitOptions, TrainingCallbacks } from './training';
