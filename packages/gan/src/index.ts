export {
  type DcganOptions,
  dcganDiscriminator,
  dcganGenerator,
  dcganInit,
  type MlpOptions,
  mlpDiscriminator,
  mlpGenerator,
} from './architectures';
export { type CheckpointInfo, loadCheckpoint, saveCheckpoint } from './checkpoint';
export { DCGAN, type DCGANOptions, dcganDefaults } from './dcgan';
export { GAN, type GANOptions, ganOptionKeys, type ModelDefaults, type StepLogs } from './gan';
export { imageGrid, type RgbaImage } from './image_grid';
export { interpolate, latentArithmetic } from './latent';
export { LSGAN } from './lsgan';
export {
  discriminatorLoss,
  generatorLoss,
  meanScore,
  type Objective,
  objectives,
} from './objectives';
export { encodePng, savePng } from './png';
export {
  type EpochLogs,
  TrainingDivergedError,
  type TrainOptions,
  type TrainResult,
  train,
} from './trainer';
