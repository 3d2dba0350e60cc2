import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonMonotonic, searchSmallestCount, type CountVerdict } from '../../src/planner/capacity-search.js';

const verdict = (hosts: number, passFraction: number, confidence = 0.95): CountVerdict => ({ hosts, passFraction, holds: passFraction >= confidence });

describe('searchSmallestCount', () => {
  it('finds the threshold of any monotone SLO with O(log n) evaluations, each count once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5000 }), async (answer) => {
        const calls: number[] = [];
        const result = await searchSmallestCount(async (hosts) => {
          calls.push(hosts);
          return verdict(hosts, hosts >= answer ? 1 : 0);
        }, { maxHosts: 10_000, checkAbove: 2 });
        expect(result.smallest).toBe(answer);
        expect(new Set(calls).size).toBe(calls.length);
        expect(calls.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(answer + 1)) + 3);
        expect(calls).toContain(answer + 1);
        expect(calls).toContain(answer + 2);
        expect(result.violations).toEqual([]);
      }),
    );
  });

  it('returns null when even maxHosts fails', async () => {
    const result = await searchSmallestCount(async (hosts) => verdict(hosts, 0), { maxHosts: 20, checkAbove: 2 });
    expect(result.smallest).toBeNull();
    expect(result.verdicts.map((v) => v.hosts)).toEqual([1, 2, 4, 8, 16, 20]);
  });

  it('reports a count above the answer that does worse instead of hiding it', async () => {
    // Passes from 5 up, except 7 (say a placement anomaly at that size).
    const result = await searchSmallestCount(async (hosts) => verdict(hosts, hosts >= 5 && hosts !== 7 ? 1 : 0.5), { maxHosts: 100, checkAbove: 3 });
    expect(result.smallest).toBe(5);
    expect(result.violations).toEqual([{ hosts: 7, passFraction: 0.5, fewerHosts: 5, fewerPassFraction: 1, verdictFlips: true }]);
  });
});

describe('findNonMonotonic', () => {
  it('flags every count that attains less than a smaller one, against the best smaller count', () => {
    const table = [verdict(10, 1), verdict(4, 0.2), verdict(6, 0.96), verdict(8, 0.9), verdict(7, 0.96), verdict(12, 0.97), verdict(9, 0.5)];
    expect(findNonMonotonic(table)).toEqual([
      { hosts: 8, passFraction: 0.9, fewerHosts: 6, fewerPassFraction: 0.96, verdictFlips: true },
      { hosts: 9, passFraction: 0.5, fewerHosts: 6, fewerPassFraction: 0.96, verdictFlips: true },
      { hosts: 12, passFraction: 0.97, fewerHosts: 10, fewerPassFraction: 1, verdictFlips: false },
    ]);
  });

  it('finds nothing in a non-decreasing table', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (fractions) => {
        const sorted = [...fractions].sort((a, b) => a - b);
        expect(findNonMonotonic(sorted.map((f, i) => verdict(i + 1, f)))).toEqual([]);
      }),
    );
  });
});
