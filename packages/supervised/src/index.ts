export type { MatrixInput, RowsInput, VectorInput } from './input';
export {
  LinearRegression,
  type LinearRegressionOptions,
  type LinearRegressionSolver,
} from './linear/linear_regression';
export { Ridge, type RidgeOptions } from './linear/ridge';
export { LogisticRegression, type LogisticRegressionOptions } from './logistic/logistic_regression';
export {
  type Average,
  type AverageOptions,
  accuracyScore,
  type ClassScores,
  type ConfusionMatrix,
  confusionMatrix,
  f1Score,
  precisionRecallF1,
  precisionScore,
  recallScore,
} from './metrics/classification';
export {
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from './metrics/regression';
export {
  type CrossValScoreOptions,
  crossValScore,
  type Estimator,
} from './model_selection/cross_val_score';
export {
  type Fold,
  KFold,
  type KFoldOptions,
  type Splitter,
  StratifiedKFold,
} from './model_selection/kfold';
export {
  type TrainTestSplit,
  type TrainTestSplitOptions,
  trainTestSplit,
} from './model_selection/train_test_split';
export { GaussianNB, type GaussianNBOptions } from './naive_bayes/gaussian_nb';
export {
  KNeighborsClassifier,
  type KNeighborsOptions,
  KNeighborsRegressor,
  type KNeighborsResult,
  type NeighbourWeighting,
} from './neighbors/k_neighbors';
export {
  type HiddenActivation,
  MLPClassifier,
  type MLPClassifierOptions,
  type MLPEpochLogs,
} from './neural/mlp_classifier';
export { MinMaxScaler, type MinMaxScalerOptions } from './preprocessing/min_max_scaler';
export { OneHotEncoder, type OneHotEncoderOptions, oneHot } from './preprocessing/one_hot';
export {
  PolynomialFeatures,
  type PolynomialFeaturesOptions,
} from './preprocessing/polynomial_features';
export { StandardScaler, type StandardScalerOptions } from './preprocessing/standard_scaler';
export { DecisionTreeClassifier, type DecisionTreeOptions } from './tree/decision_tree';
export type { Criterion } from './tree/impurity';
