import type { Id } from './interactions';

/**
 * What happened in one prediction. `wasImpossible` follows Surprise: the model could not
 * estimate and returned the global mean. `reason` is set whenever any fallback was used
 * (unknown user or item, too few neighbours), even when Surprise would not flag it.
 */
export interface PredictionDetails {
  wasImpossible: boolean;
  /** Neighbours that contributed (k-NN models); 0 for other models. */
  actualK: number;
  /** Why a fallback was used, or `null` when none was. */
  reason: string | null;
}

/** One estimated rating. */
export interface Prediction {
  user: Id;
  item: Id;
  /** The estimate, clipped to the rating scale unless `clip: false`. */
  estimate: number;
  details: PredictionDetails;
}

/** One recommended item. */
export interface RecommendedItem {
  item: Id;
  /** The unclipped estimate (or model score) the ranking used. */
  score: number;
}

/** Top-N for one user. `fallback` says when the user was unknown and popularity was used. */
export interface Recommendation {
  user: Id;
  items: RecommendedItem[];
  fallback: 'popularity' | null;
}

/** A neighbour behind a k-NN prediction. */
export interface Neighbour {
  /** A user id (user-based) or an item id (item-based). */
  id: Id;
  similarity: number;
  /** The neighbour's rating used in the prediction. */
  rating: number;
}

/** A prediction with the neighbours that produced it, strongest first. */
export interface Explanation extends Prediction {
  neighbours: Neighbour[];
}

/** A similar user or item. */
export interface SimilarEntry {
  id: Id;
  similarity: number;
}

/** Reasons used in {@link PredictionDetails.reason}; pinned by tests. */
export const REASONS = {
  unknownUser: 'unknown user',
  unknownItem: 'unknown item',
  unknownBoth: 'unknown user and item',
  notEnoughNeighbours: 'not enough neighbours',
} as const;

/** The reason for a pair where one or both indices are -1, or null when both are known. */
export function unknownReason(u: number, i: number): string | null {
  if (u < 0 && i < 0) return REASONS.unknownBoth;
  if (u < 0) return REASONS.unknownUser;
  if (i < 0) return REASONS.unknownItem;
  return null;
}
