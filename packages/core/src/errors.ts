/**
 * Base class of every error gankit throws on purpose. Catch this to tell gankit's
 * complaints about your input apart from bugs and platform failures.
 */
export class GankitError extends Error {
  override name = 'GankitError';
}

/** A tensor or array had the wrong rank or shape, or two shapes did not match. */
export class ShapeError extends GankitError {
  override name = 'ShapeError';
}

/** An argument had the right type and shape but a value that is not allowed (NaN, k > n, unknown option). */
export class ValueError extends GankitError {
  override name = 'ValueError';
}

/** A method that needs a fitted model (predict, transform, score) was called before `fit`. */
export class NotFittedError extends GankitError {
  override name = 'NotFittedError';
}

/** A file or byte buffer was truncated, corrupt or not in the expected format. */
export class FormatError extends GankitError {
  override name = 'FormatError';
}

/** The backend failed to start and no fallback was allowed. */
export class BackendError extends GankitError {
  override name = 'BackendError';
}
