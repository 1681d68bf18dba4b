export {
  type DcganOptions,
  dcganDiscriminator,
  dcganGenerator,
  dcganInit,
  type MlpOptions,
  mlpDiscriminator,
  mlpGenerator,
} from './architectures';
export {
  type CheckpointInfo,
  loadCheckpoint,
  type RunIdentity,
  saveCheckpoint,
} from './checkpoint';
export {
  ConditionalGAN,
  type ConditionalGANOptions,
  type LabelChoice,
} from './conditional_gan';
export { DCGAN, type DCGANOptions, dcganDefaults } from './dcgan';
export {
  BATCH_NORM_SAMPLES,
  GAN,
  type GANOptions,
  ganOptionKeys,
  type ModelDefaults,
  type StepLogs,
} from './gan';
export { imageGrid, type RgbaImage } from './image_grid';
export { interpolate, latentArithmetic } from './latent';
export { LSGAN } from './lsgan';
export {
  type ClassifierScore,
  type ClassifierScoreOptions,
  classifierScore,
  type FeatureStatistics,
  featureStatistics,
  frechetDistance,
  type ModeCoverage,
  type ModeCoverageOptions,
  modeCoverage,
} from './metrics/index';
export {
  loadMnistClassifier,
  MnistClassifier,
  mnistClassifierNetwork,
  toClassifierRange,
} from './mnist_classifier';
export { MNIST_CLASSIFIER_TEST_ACCURACY } from './mnist_classifier_weights';
export {
  discriminatorLoss,
  generatorLoss,
  meanScore,
  type Objective,
  objectives,
} from './objectives';
export { packedShape, packSamples } from './pack';
export { encodePng, savePng } from './png';
export { REJECTION_MIN_CANDIDATES, rejectionCandidates, rejectSamples } from './rejection';
export {
  type SalimansDiscriminatorOptions,
  type SalimansOptions,
  salimansDiscriminator,
  salimansGenerator,
} from './salimans_networks';
export { type LearningRateSchedule, linearDecay, linearDecayAfter } from './schedule';
export {
  SemiSupervisedGAN,
  type SemiSupervisedGANOptions,
  semiSupervisedDiscriminator,
  semiSupervisedGenerator,
} from './semi_supervised_gan';
export { SupervisedBaseline, type SupervisedBaselineOptions } from './supervised_baseline';
export { highestOutputs } from './top_k';
export {
  type EpochLogs,
  TrainingDivergedError,
  type TrainOptions,
  type TrainResult,
  train,
} from './trainer';
export { convCritic, mlpCritic, WGANGP, type WGANGPOptions } from './wgan_gp';
