import { assertInteger, assertKnownOptions } from '@gankit/core';
import type * as tf from '@tensorflow/tfjs-core';
import {
  assertColumns,
  type Dense,
  fitted,
  type MatrixInput,
  type RowsInput,
  readMatrix,
  sameKind,
} from '../input';

/** Options of {@link PolynomialFeatures}. */
export interface PolynomialFeaturesOptions {
  /** Highest total degree of the products. Default 2. */
  degree?: number;
  /** Only products of distinct features (x0·x1, not x0²). Default `false`. */
  interactionOnly?: boolean;
  /** Include the constant column of ones. Default `true`. */
  includeBias?: boolean;
}

/** Feature-index tuples of total degree 0..maxDegree, in scikit-learn's order. */
function combinations(
  nFeatures: number,
  minDegree: number,
  maxDegree: number,
  distinct: boolean,
): number[][] {
  const out: number[][] = [];
  const extend = (prefix: number[], start: number, remaining: number) => {
    if (remaining === 0) {
      out.push(prefix);
      return;
    }
    for (let j = start; j < nFeatures; j++)
      extend([...prefix, j], distinct ? j + 1 : j, remaining - 1);
  };
  for (let d = minDegree; d <= maxDegree; d++) extend([], 0, d);
  return out;
}

/**
 * Expands each row into all products of its features up to `degree`, so a linear model
 * can fit polynomials. For [a, b] and degree 2: [1, a, b, a², ab, b²] (scikit-learn's order).
 *
 * ```ts
 * const poly = new PolynomialFeatures({ degree: 3 });
 * const model = new LinearRegression().fit(poly.fitTransform(x), y);
 * ```
 */
export class PolynomialFeatures {
  readonly degree: number;
  readonly interactionOnly: boolean;
  readonly includeBias: boolean;
  private state?: { nFeatures: number; terms: number[][] };

  constructor(options: PolynomialFeaturesOptions = {}) {
    assertKnownOptions('PolynomialFeatures', options, ['degree', 'interactionOnly', 'includeBias']);
    this.degree = assertInteger('PolynomialFeatures', 'degree', options.degree ?? 2, 0);
    this.interactionOnly = options.interactionOnly ?? false;
    this.includeBias = options.includeBias ?? true;
  }

  /** Learns the number of input features; returns this. */
  fit(x: MatrixInput): this {
    const { cols } = readMatrix('PolynomialFeatures.fit', 'x', x);
    const terms = combinations(cols, this.includeBias ? 0 : 1, this.degree, this.interactionOnly);
    this.state = { nFeatures: cols, terms };
    return this;
  }

  /** For each output column, the input feature indices multiplied together ([] is the bias). */
  get powers(): number[][] {
    return fitted('PolynomialFeatures.powers', this.state).terms.map((t) => [...t]);
  }

  /** Names of the output columns, such as `'x0^2 x1'`. */
  featureNames(inputNames?: readonly string[]): string[] {
    const s = fitted('PolynomialFeatures.featureNames', this.state);
    const names = inputNames ?? Array.from({ length: s.nFeatures }, (_, j) => `x${j}`);
    return s.terms.map((term) => {
      if (term.length === 0) return '1';
      const counts = new Map<number, number>();
      for (const j of term) counts.set(j, (counts.get(j) ?? 0) + 1);
      return [...counts].map(([j, c]) => (c === 1 ? names[j] : `${names[j]}^${c}`)).join(' ');
    });
  }

  /** The expanded features: a tensor for a tensor input, rows of numbers for rows. */
  transform(x: tf.Tensor2D): tf.Tensor2D;
  transform(x: RowsInput): number[][];
  transform(x: MatrixInput): tf.Tensor2D | number[][] {
    const where = 'PolynomialFeatures.transform';
    const s = fitted(where, this.state);
    const m = readMatrix(where, 'x', x);
    assertColumns(where, 'x', [m.rows, m.cols], s.nFeatures);
    return sameKind(x, expand(m, s.terms));
  }

  /** `fit(x)` then `transform(x)`. */
  fitTransform(x: tf.Tensor2D): tf.Tensor2D;
  fitTransform(x: RowsInput): number[][];
  fitTransform(x: MatrixInput): tf.Tensor2D | number[][] {
    this.fit(x);
    return this.transform(x as RowsInput);
  }
}

function expand(m: Dense, terms: number[][]): Dense {
  const cols = terms.length;
  const data = new Float64Array(m.rows * cols);
  for (let i = 0; i < m.rows; i++) {
    terms.forEach((term, t) => {
      let v = 1;
      for (const j of term) v *= m.data[i * m.cols + j] as number;
      data[i * cols + t] = v;
    });
  }
  return { data, rows: m.rows, cols };
}
