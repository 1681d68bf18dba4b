export { type Activation, activate, activations } from './activation';
export { initializeFromData } from './initialize_from_data';
export { type Initializer, initialize } from './initializers';
export {
  decodeArtifacts,
  encodeArtifacts,
  type ModelJson,
  parseModelJson,
  toModelJson,
} from './io/artifacts';
export { loadTensors, saveTensors } from './io/files';
export { loadModel, loadModelFromUrl, saveModel, saveModelToUrl } from './io/model_io';
export { assignWeights } from './io/weights';
export { Layer, type Shape, type Weight } from './layer';
export { LeakyReLU, ReLU, Sigmoid, Softmax, Tanh } from './layers/activations';
export { BatchNorm, type BatchNormOptions } from './layers/batch_norm';
export type { Padding, Pair } from './layers/conv_util';
export { Conv2D, type Conv2DOptions } from './layers/conv2d';
export { Conv2DTranspose, type Conv2DTransposeOptions } from './layers/conv2d_transpose';
export { Dense, type DenseOptions } from './layers/dense';
export { Dropout, type DropoutOptions } from './layers/dropout';
export { Embedding, type EmbeddingOptions } from './layers/embedding';
export { GaussianNoise, type GaussianNoiseOptions } from './layers/gaussian_noise';
export { Rescale, type RescaleOptions } from './layers/rescale';
export { Flatten, Reshape } from './layers/reshape';
export { Adam, type AdamOptions } from './optimizers/adam';
export { type NamedTensor, Optimizer } from './optimizers/optimizer';
export { RMSprop, type RMSpropOptions } from './optimizers/rmsprop';
export { SGD, type SGDOptions } from './optimizers/sgd';
export { predictWithBatchStatistics } from './predict_with_batch_statistics';
export { Sequential, type SequentialOptions } from './sequential';
export { updateBatchNormStatistics } from './update_batch_norm';
export { WeightAverage, type WeightAverageOptions } from './weight_average';
