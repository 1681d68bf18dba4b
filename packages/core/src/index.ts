import './register_tfjs';
import { registerGradientFixes } from './gradients/register';

registerGradientFixes();

export {
  type BackendInfo,
  type BackendName,
  type BackendOptions,
  initBackend,
} from './backend';
export {
  BackendError,
  FormatError,
  GankitError,
  NotFittedError,
  ShapeError,
  ValueError,
} from './errors';
export { AdamUpdate, type AdamUpdateAttrs, adamUpdate } from './ops/adam_update';
export { type Conv2dOptions, conv2d } from './ops/conv2d';
export { type DenseActivation, dense } from './ops/dense';
export { stopGradient } from './ops/stop_gradient';
export { createRng, type Rng, type RngState, randomNormal, randomUniform } from './rng';
export { assertNoLeaks, countTensors } from './testing';
export {
  assertBoolean,
  assertFinite,
  assertFraction,
  assertInteger,
  assertKnownOptions,
  assertNotEmpty,
  assertNumberBetween,
  assertNumberInRange,
  assertOneOf,
  assertRank,
  assertShape,
  type Matrix,
  toMatrix,
  type Where,
} from './validate';
