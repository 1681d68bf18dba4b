export { BaselineOnly, type BaselineOnlyOptions } from './baseline_only';
export {
  type BaselineOptions,
  type Baselines,
  baselinesAls,
  baselinesSgd,
  resolveBaselineOptions,
} from './baselines';
export {
  type CrossValidatable,
  type CrossValidationResult,
  crossValidate,
  type Fold,
  type KFoldOptions,
  kFold,
} from './cross_validation';
export type { TrainOptions } from './factors';
export { ImplicitALS, type ImplicitALSOptions } from './implicit_als';
export {
  type DuplicatePolicy,
  type Id,
  IdIndex,
  Interactions,
  type InteractionsOptions,
  type RatingColumns,
  type RatingsInput,
  type RatingTriple,
} from './interactions';
export {
  KNNBase,
  KNNBaseline,
  KNNBasic,
  type KNNOptions,
  KNNWithMeans,
  KNNWithZScore,
} from './knn';
export {
  catalogueCoverage,
  hitRateAtK,
  mae,
  mapAtK,
  ndcgAtK,
  precisionAtK,
  type RankingInput,
  recallAtK,
  rmse,
} from './metrics';
export {
  loadModel,
  modelFromBytes,
  modelFromJSON,
  modelToBytes,
  modelToJSON,
  type SavableModel,
  saveModel,
} from './model_io';
export type { ModelState } from './model_state';
export {
  type Explanation,
  type Neighbour,
  type Prediction,
  type PredictionDetails,
  REASONS,
  type Recommendation,
  type RecommendedItem,
  type SimilarEntry,
} from './prediction';
export { type PairsInput, type PredictOptions, Recommender } from './recommender';
export type { ModelJSON } from './serialization';
export {
  computeSimilarities,
  SIMILARITY_NAMES,
  type SimilarityMatrix,
  type SimilarityName,
  type SimilarityOptions,
} from './similarities';
export { SVD, type SVDOptions } from './svd';
