export {
  binaryCrossEntropy,
  binaryCrossEntropyFromLogits,
  type ProbabilityOptions,
} from './binary_cross_entropy';
export {
  categoricalCrossEntropy,
  categoricalCrossEntropyFromLogits,
  logSoftmax,
  sparseCategoricalCrossEntropyFromLogits,
} from './categorical_cross_entropy';
export { featureMatchingLoss } from './feature_matching';
export {
  type Critic,
  type GradientPenaltyOptions,
  gradientPenalty,
  type R1PenaltyOptions,
  r1Penalty,
} from './gradient_penalty';
export { hingeDiscriminatorLoss, hingeGeneratorLoss } from './hinge';
export type { LossInput } from './input';
export {
  type LeastSquaresCoding,
  type LeastSquaresOptions,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
} from './least_squares';
export {
  minimaxDiscriminatorLoss,
  minimaxGeneratorLoss,
  nonSaturatingGeneratorLoss,
} from './minimax';
export type { Reduction, ReductionOptions } from './reduction';
export { type HuberOptions, huber, meanAbsoluteError, meanSquaredError } from './regression';
export {
  type SemiSupervisedBatch,
  type SemiSupervisedLosses,
  type SemiSupervisedOptions,
  semiSupervisedLosses,
} from './semi_supervised';
export { softplus } from './softplus';
export { wassersteinCriticLoss, wassersteinGeneratorLoss } from './wasserstein';
