import { assertKnownOptions, FormatError, ValueError } from '@gankit/core';
import type { Ratings } from './ratings';

/** A row a parser could not use: its 1-based line number, what is wrong, and its text. */
export interface BadRow {
  readonly line: number;
  readonly message: string;
  readonly text: string;
}

/** Options of the MovieLens parsers. */
export interface ParseRatingsOptions {
  /** `'throw'` (default): a `FormatError` at the first bad row. `'skip'`: drop bad rows and list them in `problems`. */
  onBadRow?: 'throw' | 'skip';
  /** The file name used in messages. Default `'u.data'` or `'ratings.csv'`. */
  name?: string;
}

/** Parsed ratings plus the rows that were skipped (always empty with `onBadRow: 'throw'`). */
export interface ParsedRatings extends Ratings {
  readonly problems: readonly BadRow[];
}

interface Format {
  readonly where: string;
  readonly defaultName: string;
  readonly separator: string;
  readonly header: string | null;
  readonly checkRating: (value: number) => boolean;
  readonly ratingRule: string;
}

const UDATA: Format = {
  where: 'parseMovieLensUData',
  defaultName: 'u.data',
  separator: '\t',
  header: null,
  checkRating: (r) => Number.isInteger(r) && r >= 1 && r <= 5,
  ratingRule: 'an integer from 1 to 5',
};

const CSV: Format = {
  where: 'parseMovieLensCsv',
  defaultName: 'ratings.csv',
  separator: ',',
  header: 'userId,movieId,rating,timestamp',
  checkRating: (r) => r >= 0.5 && r <= 5 && Number.isInteger(r * 2),
  ratingRule: 'a multiple of 0.5 from 0.5 to 5',
};

const INTEGER = /^\d{1,10}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

interface Row {
  readonly user: number;
  readonly item: number;
  readonly rating: number;
  readonly timestamp: number;
}

/** Parses one line into a row, or returns what is wrong with it. */
function parseRow(text: string, format: Format): Row | string {
  const fields = text.split(format.separator);
  if (fields.length !== 4) {
    const what = format.separator === '\t' ? 'tab-separated' : 'comma-separated';
    return `expected 4 ${what} fields (user, item, rating, timestamp), but got ${fields.length}`;
  }
  const [user, item, rating, timestamp] = fields as [string, string, string, string];
  if (!INTEGER.test(user) || Number(user) > 2147483647)
    return `user id '${user}' is not an integer id`;
  if (!INTEGER.test(item) || Number(item) > 2147483647)
    return `item id '${item}' is not an integer id`;
  if (!DECIMAL.test(rating) || !format.checkRating(Number(rating))) {
    return `rating '${rating}' is not ${format.ratingRule}`;
  }
  if (!INTEGER.test(timestamp)) return `timestamp '${timestamp}' is not a whole number of seconds`;
  return {
    user: Number(user),
    item: Number(item),
    rating: Number(rating),
    timestamp: Number(timestamp),
  };
}

function toText(where: string, input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return new TextDecoder('utf-8').decode(input);
  throw new ValueError(
    `Argument 'input' passed to '${where}' must be a string or a Uint8Array, but got ${typeof input}.`,
  );
}

function splitLines(text: string): string[] {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  // A final newline ends the last row; it does not start an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Sorted distinct ids and a map from id to its dense index. */
function denseIds(ids: Int32Array): { ids: Int32Array; index: Map<number, number> } {
  const sorted = Int32Array.from(new Set(ids)).sort();
  return { ids: sorted, index: new Map(Array.from(sorted, (id, k) => [id, k])) };
}

/** Indices of rows that repeat an earlier (user, item) pair, found by sorting pair keys. */
function duplicateRows(users: Int32Array, items: Int32Array, numItems: number): number[] {
  const order = Array.from({ length: users.length }, (_, i) => i);
  const key = (i: number) => (users[i] as number) * numItems + (items[i] as number);
  order.sort((a, b) => key(a) - key(b) || a - b);
  const repeats: number[] = [];
  for (let j = 1; j < order.length; j++) {
    if (key(order[j] as number) === key(order[j - 1] as number)) repeats.push(order[j] as number);
  }
  return repeats.sort((a, b) => a - b);
}

function parseRatings(
  input: string | Uint8Array,
  options: ParseRatingsOptions,
  format: Format,
): ParsedRatings {
  assertKnownOptions(format.where, options, ['onBadRow', 'name']);
  const onBadRow = options.onBadRow ?? 'throw';
  if (onBadRow !== 'throw' && onBadRow !== 'skip') {
    throw new ValueError(
      `Argument 'onBadRow' passed to '${format.where}' must be one of 'throw', 'skip', but got ${JSON.stringify(onBadRow)}.`,
    );
  }
  const name = options.name ?? format.defaultName;
  const lines = splitLines(toText(format.where, input));
  const problems: BadRow[] = [];
  const report = (line: number, message: string, text: string) => {
    if (onBadRow === 'throw') {
      throw new FormatError(
        `Bad row in '${name}' at line ${line}: ${message} (row: ${JSON.stringify(text)}).`,
      );
    }
    problems.push({ line, message, text });
  };
  let first = 0;
  if (format.header !== null) {
    if (lines[0] !== format.header) {
      throw new FormatError(
        `'${name}' must start with the header line '${format.header}', but line 1 is ${JSON.stringify(lines[0] ?? '')}.`,
      );
    }
    first = 1;
  }
  const rows: Row[] = [];
  const lineOf: number[] = [];
  for (let k = first; k < lines.length; k++) {
    const text = lines[k] as string;
    const row = parseRow(text, format);
    if (typeof row === 'string') report(k + 1, row, text);
    else {
      rows.push(row);
      lineOf.push(k + 1);
    }
  }
  const ratings = buildRatings(rows, lineOf, lines, report);
  return { ...ratings, problems: problems.sort((a, b) => a.line - b.line) };
}

function buildRatings(
  rows: Row[],
  lineOf: number[],
  lines: string[],
  report: (line: number, message: string, text: string) => void,
): Ratings {
  const users = denseIds(Int32Array.from(rows, (r) => r.user));
  const items = denseIds(Int32Array.from(rows, (r) => r.item));
  const userIndex = Int32Array.from(rows, (r) => users.index.get(r.user) as number);
  const itemIndex = Int32Array.from(rows, (r) => items.index.get(r.item) as number);
  const drop = new Set<number>();
  for (const i of duplicateRows(userIndex, itemIndex, items.ids.length)) {
    const row = rows[i] as Row;
    const line = lineOf[i] as number;
    report(
      line,
      `user ${row.user} already rated item ${row.item} on an earlier line`,
      lines[line - 1] as string,
    );
    drop.add(i);
  }
  const keep = rows.map((_, i) => i).filter((i) => !drop.has(i));
  return {
    users: Int32Array.from(keep, (i) => userIndex[i] as number),
    items: Int32Array.from(keep, (i) => itemIndex[i] as number),
    ratings: Float32Array.from(keep, (i) => (rows[i] as Row).rating),
    timestamps: Float64Array.from(keep, (i) => (rows[i] as Row).timestamp),
    numUsers: users.ids.length,
    numItems: items.ids.length,
    userIds: users.ids,
    itemIds: items.ids,
  };
}

/**
 * Parses MovieLens 100k's `u.data`: one rating per line, `user id \t item id \t rating
 * \t timestamp`, ratings integers 1..5. Users and items get dense 0-based indices in
 * ascending id order (`userIds`, `itemIds` map back). A bad row (wrong number of fields,
 * a non-numeric id, a rating out of range, a repeated (user, item) pair) is reported with
 * its line number: by a `FormatError`, or with `onBadRow: 'skip'` in `problems`.
 */
export function parseMovieLensUData(
  input: string | Uint8Array,
  options: ParseRatingsOptions = {},
): ParsedRatings {
  return parseRatings(input, options, UDATA);
}

/**
 * Parses the `ratings.csv` of the newer MovieLens sets (ml-latest, ml-25m): the header
 * `userId,movieId,rating,timestamp`, then one rating per line, ratings 0.5..5 in half
 * stars. A missing or different header is always a `FormatError`; bad rows are handled as
 * in {@link parseMovieLensUData}.
 */
export function parseMovieLensCsv(
  input: string | Uint8Array,
  options: ParseRatingsOptions = {},
): ParsedRatings {
  return parseRatings(input, options, CSV);
}
