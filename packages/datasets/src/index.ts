export * from './browser';
export {
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DEBIAN_DIR,
  type FashionMnistOptions,
  loadFashionMnist,
} from './fashion_mnist';
export { loadIdx, loadIdxImageSet, loadIdxImages, loadIdxLabels } from './idx_files';
export { loadMnist, MNIST_CLASSES, mnistDataDir } from './mnist';
export { loadMovieLensCsv, loadMovieLensUData } from './movielens_files';
