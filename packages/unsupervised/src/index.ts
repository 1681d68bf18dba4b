export { apriori } from './association/apriori';
export {
  type AssociationRule,
  type AssociationRuleOptions,
  associationRules,
  type RuleMetric,
} from './association/association_rules';
export { fpGrowth } from './association/fp_growth';
export type { FrequentItemset, FrequentItemsetOptions, Item } from './association/transactions';
export { DBSCAN, type DBSCANOptions } from './dbscan';
export {
  GaussianMixture,
  type GaussianMixtureOptions,
  type MixtureSample,
} from './gaussian_mixture';
export type { CovarianceType } from './internal/gaussian';
export type { Labels } from './internal/input';
export { KernelDensity, type KernelDensityOptions } from './kernel_density';
export { type FitOptions, KMeans, type KMeansOptions } from './kmeans';
export { adjustedRandScore } from './metrics/adjusted_rand_score';
export { daviesBouldinScore } from './metrics/davies_bouldin_score';
export { silhouetteSamples, silhouetteScore } from './metrics/silhouette_score';
export { MiniBatchKMeans, type MiniBatchKMeansOptions } from './minibatch_kmeans';
export { PCA, type PCAOptions } from './pca';
