export type { RowsInput, SquareMatrixInput, VectorInput } from './arrays';
export {
  type ClassifierScore,
  type ClassifierScoreOptions,
  classifierScore,
} from './classifier_score';
export { type FeatureStatistics, featureStatistics } from './feature_statistics';
export { frechetDistance } from './frechet_distance';
export { type ModeCoverage, type ModeCoverageOptions, modeCoverage } from './mode_coverage';
export { type SymmetricEigen, symmetricEigen } from './symmetric_eigen';
