import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@gankit/core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadMovieLensCsv,
  loadMovieLensUData,
  parseMovieLensCsv,
  parseMovieLensUData,
} from './index';

const UDATA = [
  '196\t242\t3\t881250949',
  '186\t302\t3\t891717742',
  '22\t377\t1\t878887116',
  '196\t377\t5\t881251000',
  '',
].join('\n');

const CSV = [
  'userId,movieId,rating,timestamp',
  '1,1,4.0,964982703',
  '1,3,4.5,964981247',
  '6,1,0.5,845553522',
  '',
].join('\r\n');

describe('parseMovieLensUData', () => {
  it('parses rows into dense indices in ascending id order', () => {
    const r = parseMovieLensUData(UDATA);
    expect(Array.from(r.userIds)).toEqual([22, 186, 196]);
    expect(Array.from(r.itemIds)).toEqual([242, 302, 377]);
    expect(Array.from(r.users)).toEqual([2, 1, 0, 2]);
    expect(Array.from(r.items)).toEqual([0, 1, 2, 2]);
    expect(Array.from(r.ratings)).toEqual([3, 3, 1, 5]);
    expect(Array.from(r.timestamps)).toEqual([881250949, 891717742, 878887116, 881251000]);
    expect([r.numUsers, r.numItems]).toEqual([3, 3]);
    expect(r.problems).toEqual([]);
  });

  it('accepts bytes as well as text', () => {
    const r = parseMovieLensUData(new TextEncoder().encode(UDATA));
    expect(r.ratings.length).toBe(4);
  });

  it('throws at the first bad row, with its line number', () => {
    const text = '1\t2\t3\t100\n1\t3\t7\t100\n';
    expect(() => parseMovieLensUData(text)).toThrow(FormatError);
    expect(() => parseMovieLensUData(text)).toThrow(
      `Bad row in 'u.data' at line 2: rating '7' is not an integer from 1 to 5 (row: "1\\t3\\t7\\t100").`,
    );
  });

  it('skips bad rows and lists each problem', () => {
    const text = [
      '1\t10\t4\t100', // 1 good
      '1\t11\t4', // 2 missing field
      'x\t12\t4\t100', // 3 non-numeric user
      '2\t-1\t4\t100', // 4 negative item
      '2\t12\t0\t100', // 5 rating out of range
      '2\t13\t3.5\t100', // 6 half star in u.data
      '2\t14\t3\tnoon', // 7 bad timestamp
      '', // 8 empty line
      '1\t10\t2\t200', // 9 repeats line 1's pair
      '3\t10\t5\t300', // 10 good
    ].join('\n');
    const r = parseMovieLensUData(text, { onBadRow: 'skip', name: 'mine.data' });
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.problems.map((p) => p.message)).toEqual([
      'expected 4 tab-separated fields (user, item, rating, timestamp), but got 3',
      "user id 'x' is not an integer id",
      "item id '-1' is not an integer id",
      "rating '0' is not an integer from 1 to 5",
      "rating '3.5' is not an integer from 1 to 5",
      "timestamp 'noon' is not a whole number of seconds",
      'expected 4 tab-separated fields (user, item, rating, timestamp), but got 1',
      'user 1 already rated item 10 on an earlier line',
    ]);
    expect(r.problems[0]?.text).toBe('1\t11\t4');
    expect(Array.from(r.ratings)).toEqual([4, 5]);
    expect(Array.from(r.userIds)).toEqual([1, 3]);
    expect(() => parseMovieLensUData(text, { name: 'mine.data' })).toThrow(
      "Bad row in 'mine.data' at line 2: expected 4 tab-separated fields",
    );
  });

  it('returns an empty table for an empty file', () => {
    const r = parseMovieLensUData('');
    expect([r.ratings.length, r.numUsers, r.numItems]).toEqual([0, 0, 0]);
  });

  it('rejects bad options and inputs', () => {
    expect(() => parseMovieLensUData(UDATA, { onBadRow: 'warn' as 'skip' })).toThrow(
      "Argument 'onBadRow' passed to 'parseMovieLensUData' must be one of 'throw', 'skip', but got \"warn\".",
    );
    expect(() => parseMovieLensUData(42 as unknown as string)).toThrow(
      "Argument 'input' passed to 'parseMovieLensUData' must be a string or a Uint8Array, but got number.",
    );
  });
});

describe('parseMovieLensCsv', () => {
  it('parses the header format with half-star ratings and CRLF lines', () => {
    const r = parseMovieLensCsv(CSV);
    expect(Array.from(r.ratings)).toEqual([4, 4.5, 0.5]);
    expect(Array.from(r.userIds)).toEqual([1, 6]);
    expect(Array.from(r.itemIds)).toEqual([1, 3]);
    expect(Array.from(r.items)).toEqual([0, 1, 0]);
  });

  it('requires the header', () => {
    expect(() => parseMovieLensCsv('1,1,4.0,964982703\n')).toThrow(
      `'ratings.csv' must start with the header line 'userId,movieId,rating,timestamp', but line 1 is "1,1,4.0,964982703".`,
    );
    expect(() => parseMovieLensCsv('')).toThrow(FormatError);
  });

  it('reports bad rows with their line numbers', () => {
    const text = 'userId,movieId,rating,timestamp\n1,1,4.0,1\n1,2,4.25,1\n1,3,,1\n1,4,5.5,1\n';
    const r = parseMovieLensCsv(text, { onBadRow: 'skip' });
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [3, "rating '4.25' is not a multiple of 0.5 from 0.5 to 5"],
      [4, "rating '' is not a multiple of 0.5 from 0.5 to 5"],
      [5, "rating '5.5' is not a multiple of 0.5 from 0.5 to 5"],
    ]);
    expect(r.ratings.length).toBe(1);
    expect(() => parseMovieLensCsv(text)).toThrow("Bad row in 'ratings.csv' at line 3:");
  });
});

describe('MovieLens files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gankit-ml-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads files and names them in errors', () => {
    const udata = join(dir, 'u.data');
    writeFileSync(udata, UDATA);
    expect(loadMovieLensUData(udata).ratings.length).toBe(4);
    const csv = join(dir, 'ratings.csv');
    writeFileSync(csv, `${CSV}9,9,9,9\n`);
    expect(() => loadMovieLensCsv(csv)).toThrow(`Bad row in '${csv}' at line 5: rating '9'`);
    expect(loadMovieLensCsv(csv, { onBadRow: 'skip' }).problems.length).toBe(1);
  });
});
