import { initBackend, ValueError } from '@gankit/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Interactions, type RatingTriple } from './interactions';

beforeAll(async () => {
  await initBackend();
});

const scale = [1, 5] as const;

describe('Interactions.from', () => {
  const data = Interactions.from(
    [
      ['bob', 'x', 4],
      ['ann', 'y', 2],
      ['bob', 7, 5],
      ['ann', 'x', 1],
      [3, 'y', 3],
    ],
    { ratingScale: scale },
  );

  it('maps ids to indices in first-seen order; 7 and "x" are distinct items', () => {
    expect(data.users.ids).toEqual(['bob', 'ann', 3]);
    expect(data.items.ids).toEqual(['x', 'y', 7]);
    expect(data.users.indexOf('ann')).toBe(1);
    expect(data.users.indexOf('3')).toBe(-1);
  });

  it('stores CSR rows sorted by item and the matching CSC', () => {
    expect(Array.from(data.userPtr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(data.userItems)).toEqual([0, 2, 0, 1, 1]);
    expect(Array.from(data.userRatings)).toEqual([4, 5, 1, 2, 3]);
    expect(Array.from(data.itemPtr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(data.itemUsers)).toEqual([0, 1, 1, 2, 0]);
    expect(Array.from(data.itemRatings)).toEqual([4, 1, 2, 3, 5]);
    expect(data.globalMean).toBe(3);
    expect(data.nRatings).toBe(5);
  });

  it('accepts columns, typed arrays included', () => {
    const cols = Interactions.from(
      { users: Int32Array.from([1, 1, 2]), items: ['a', 'b', 'a'], ratings: [1, 2, 3] },
      { ratingScale: scale },
    );
    expect(cols.users.ids).toEqual([1, 2]);
    expect(Array.from(cols.itemRatings)).toEqual([1, 3, 2]);
  });

  const dup: RatingTriple[] = [
    ['u', 'i', 1],
    ['v', 'i', 2],
    ['u', 'i', 4],
    ['u', 'i', 5],
  ];

  it("throws on duplicates by default ('error')", () => {
    expect(() => Interactions.from(dup, { ratingScale: scale })).toThrow(ValueError);
    expect(() => Interactions.from(dup, { ratingScale: scale, duplicates: 'error' })).toThrow(
      "Argument 'ratings' passed to 'Interactions.from' must not repeat a (user, item) pair with duplicates: 'error', but ratings 0 and 2 are both for the same user and item; choose duplicates: 'last' or 'mean'.",
    );
  });

  it("keeps the last rating with 'last' and the average with 'mean'", () => {
    const last = Interactions.from(dup, { ratingScale: scale, duplicates: 'last' });
    expect(last.nRatings).toBe(2);
    expect(Array.from(last.userRatings)).toEqual([5, 2]);
    const mean = Interactions.from(dup, { ratingScale: scale, duplicates: 'mean' });
    expect(Array.from(mean.userRatings)).toEqual([10 / 3, 2]);
  });

  it('rejects ratings outside the declared scale, NaN, bad ids and bad scales', () => {
    expect(() => Interactions.from([['u', 'i', 6]], { ratingScale: scale })).toThrow(
      `Argument 'ratings' passed to 'Interactions.from' must have ratings in the declared scale [1, 5], but rating 0 (user "u", item "i") is 6.`,
    );
    expect(() => Interactions.from([['u', 'i', Number.NaN]], { ratingScale: scale })).toThrow(
      'but rating 0 (user "u", item "i") is NaN.',
    );
    expect(() =>
      Interactions.from([['u', null as unknown as string, 3]], { ratingScale: scale }),
    ).toThrow(
      "Argument 'ratings' passed to 'Interactions.from' must have string or finite number ids, but the item id of rating 0 is null.",
    );
    expect(() => Interactions.from([['u', 'i', 3]], { ratingScale: [5, 1] })).toThrow(
      "Argument 'options.ratingScale' passed to 'Interactions.from' must be [lowest, highest] with finite lowest < highest, but got [5,1].",
    );
    expect(() =>
      Interactions.from([['u', 'i', 3]], { ratingScale: scale, duplicates: 'first' as never }),
    ).toThrow(
      `Argument 'options.duplicates' passed to 'Interactions.from' must be one of 'error', 'last', 'mean', but got "first".`,
    );
  });

  it('rejects empty input and malformed layouts', () => {
    expect(() => Interactions.from([], { ratingScale: scale })).toThrow(
      "Argument 'ratings' passed to 'Interactions.from' must not be empty.",
    );
    expect(() =>
      Interactions.from({ users: [], items: [], ratings: [] }, { ratingScale: scale }),
    ).toThrow('must not be empty.');
    expect(() =>
      Interactions.from({ users: [1, 2], items: [1], ratings: [3, 3] }, { ratingScale: scale }),
    ).toThrow(
      "Argument 'ratings' passed to 'Interactions.from' must have columns of equal length, but got users 2, items 1, ratings 2.",
    );
    expect(() => Interactions.from([['u', 'i']] as never, { ratingScale: scale })).toThrow(
      "Argument 'ratings' passed to 'Interactions.from' must hold [user, item, rating] triples, but entry 0 is not a triple of length 3.",
    );
  });
});
