import { describe, expect, it } from 'vitest';
import { labelledSubset } from './index';

describe('labelledSubset', () => {
  const labels = [0, 1, 0, 2, 1, 0, 2, 2, 1, 0];

  it('returns ascending, disjoint index lists covering every example', () => {
    const { labelled, unlabelled } = labelledSubset(labels, { nPerClass: 2, seed: 0 });
    expect(labelled.length).toBe(6);
    expect([...labelled].sort((a, b) => a - b)).toEqual([...labelled]);
    expect([...unlabelled].sort((a, b) => a - b)).toEqual([...unlabelled]);
    expect(new Set([...labelled, ...unlabelled]).size).toBe(10);
    const perClass = [0, 0, 0];
    for (const i of labelled)
      perClass[labels[i] as number] = (perClass[labels[i] as number] ?? 0) + 1;
    expect(perClass).toEqual([2, 2, 2]);
  });

  it('draws every member of a class with about equal chance over seeds', () => {
    // Class 0 has 4 members (indices 0, 2, 5, 9); with nPerClass 1 each should be picked ~1/4 of the time.
    const hits = new Map<number, number>();
    for (let seed = 0; seed < 400; seed++) {
      const chosen = labelledSubset(labels, { nPerClass: 1, seed }).labelled.find(
        (i) => labels[i] === 0,
      );
      hits.set(chosen as number, (hits.get(chosen as number) ?? 0) + 1);
    }
    expect([...hits.keys()].sort((a, b) => a - b)).toEqual([0, 2, 5, 9]);
    for (const h of hits.values()) expect(Math.abs(h - 100)).toBeLessThan(35);
  });

  it('rejects impossible requests, naming the class', () => {
    expect(() => labelledSubset(labels, { nPerClass: 4 })).toThrow(
      "Argument 'nPerClass' passed to 'labelledSubset' must be at most the size of every class, but class 1 has only 3 examples (nPerClass 4).",
    );
    expect(() => labelledSubset([0, 1.5], { nPerClass: 1 })).toThrow(
      "Argument 'labels' passed to 'labelledSubset' must hold integer classes >= 0, but entry 1 is 1.5.",
    );
    expect(() => labelledSubset([], { nPerClass: 1 })).toThrow(
      "Argument 'labels' passed to 'labelledSubset' must not be empty.",
    );
    expect(() => labelledSubset(labels, { nPerClass: 0 })).toThrow(
      "Argument 'nPerClass' passed to 'labelledSubset' must be an integer >= 1, but got 0.",
    );
  });
});
