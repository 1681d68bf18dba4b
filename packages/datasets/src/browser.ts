// The part of @gankit/datasets that needs no Node built-ins: import it from
// '@gankit/datasets/browser' in a web page. The main entry adds the file loaders.
export {
  type Batch,
  type BatchOptions,
  type BatchSource,
  batches,
  type LabelledBatch,
} from './batches';
export {
  type BlobsOptions,
  blobs,
  type GridOptions,
  gridOfGaussians,
  type RingOptions,
  ringOfGaussians,
} from './gaussian_mixtures';
export { type IdxArray, type IdxData, type IdxDtype, isGzip, parseIdx } from './idx';
export {
  type IdxImageSet,
  type IdxImages,
  parseIdxImages,
  parseIdxLabels,
} from './idx_dataset';
export { encodeIdx } from './idx_encode';
export type { ImageDataset, ImageLoadOptions, PixelRange } from './image_dataset';
export { type IrisDataset, loadIris } from './iris';
export { type LabelledSubset, type LabelledSubsetOptions, labelledSubset } from './labelled_subset';
export {
  type GaussianMixture2D,
  type MixtureSample,
  mixtureLogDensity,
} from './mixture';
export {
  type BadRow,
  type ParsedRatings,
  type ParseRatingsOptions,
  parseMovieLensCsv,
  parseMovieLensUData,
} from './movielens';
export { type Ratings, selectRatings } from './ratings';
export {
  type GeneratedRatings,
  generateRatings,
  type RatingsGeneratorOptions,
  type RatingsModel,
} from './ratings_generator';
export {
  type FractionSplitOptions,
  type LeaveKOutOptions,
  type RatingsSplit,
  splitRatingsByTime,
  splitRatingsLeaveKOut,
  splitRatingsRandomly,
} from './ratings_splits';
export { SWISS_ROLL_STEPS, type SwissRollOptions, swissRoll } from './swiss_roll';
export { MOON_STEPS, type TwoMoonsOptions, twoMoons } from './two_moons';
