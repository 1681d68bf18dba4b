import { readFileSync } from 'node:fs';
import {
  type ParsedRatings,
  type ParseRatingsOptions,
  parseMovieLensCsv,
  parseMovieLensUData,
} from './movielens';

/** Reads and parses a MovieLens `u.data` file (Node only); see {@link parseMovieLensUData}. */
export function loadMovieLensUData(path: string, options: ParseRatingsOptions = {}): ParsedRatings {
  return parseMovieLensUData(readFileSync(path), { name: path, ...options });
}

/** Reads and parses a MovieLens `ratings.csv` file (Node only); see {@link parseMovieLensCsv}. */
export function loadMovieLensCsv(path: string, options: ParseRatingsOptions = {}): ParsedRatings {
  return parseMovieLensCsv(readFileSync(path), { name: path, ...options });
}
