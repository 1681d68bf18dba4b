export type { MatrixInput, RowsInput, VectorInput } from './input';
export {
  LinearRegression,
  type LinearRegressionOptions,
  type LinearRegressionSolver,
} from './linear/linear_regression';
export { Ridge, type RidgeOptions } from './linear/ridge';
export {
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from './metrics/regression';
export {
  PolynomialFeatures,
  type PolynomialFeaturesOptions,
} from './preprocessing/polynomial_features';
