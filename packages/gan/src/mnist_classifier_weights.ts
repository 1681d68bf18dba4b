/** Placeholder until scripts/train_classifier.ts writes the trained weights. */
export const MNIST_CLASSIFIER_WEIGHTS = '';

/** Test accuracy of these weights on the 10,000 MNIST test digits. */
export const MNIST_CLASSIFIER_TEST_ACCURACY = 0;
