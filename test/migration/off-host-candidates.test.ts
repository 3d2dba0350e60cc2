import { describe, expect, it } from 'vitest';
import { OffHostCandidates } from '../../src/migration/off-host-candidates.js';

/** First host of least score, as best fit picks (strict <: the first of equals wins). */
function best(hosts: readonly number[], score: (host: number) => number): number | undefined {
  let found: number | undefined;
  let least = Infinity;
  for (const host of hosts) {
    if (score(host) < least) {
      least = score(host);
      found = host;
    }
  }
  return found;
}

describe('switched-off hosts a best-fit search looks at', () => {
  it('keeps the first untouched host of each kind and every touched host, in order', () => {
    const candidates = new OffHostCandidates();
    const kind = [0, 1, 0, 1, 0, 2, 1];
    candidates.reset([0, 1, 2, 3, 4, 5, 6], 7);
    const alike = (a: number, b: number) => kind[a] === kind[b];
    expect(candidates.candidates(alike)).toEqual([0, 1, 5]);
    candidates.touch(0);
    expect(candidates.candidates(alike)).toEqual([0, 1, 2, 5]);
    candidates.touch(2);
    expect(candidates.candidates(alike)).toEqual([0, 1, 2, 4, 5]);
    candidates.reset([6, 4, 3], 7);
    expect(candidates.candidates(alike)).toEqual([6, 4]);
  });

  it('finds the host a search of all of them finds, over random kinds and touches', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const candidates = new OffHostCandidates();
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + next(40);
      const kind = Array.from({ length: count }, () => next(4));
      const kindScore = [next(5), next(5), next(5), next(5)];
      const own = new Map<number, number>();
      // Any order: the search's order is the list's, not the host numbers'.
      const hosts = Array.from({ length: count }, (_, i) => i);
      for (let i = count - 1; i > 0; i--) {
        const j = next(i + 1);
        [hosts[i], hosts[j]] = [hosts[j]!, hosts[i]!];
      }
      candidates.reset(hosts, 64);
      // Touched hosts score on their own; untouched ones by their kind.
      const score = (host: number) => own.get(host) ?? kindScore[kind[host]!]!;
      const alike = (a: number, b: number) => !own.has(a) && !own.has(b) && kind[a] === kind[b];
      for (let step = 0; step < 10; step++) {
        expect(best(candidates.candidates(alike), score)).toBe(best(hosts, score));
        const chosen = best(candidates.candidates(alike), score)!;
        own.set(chosen, next(6));
        candidates.touch(chosen);
        if (next(3) === 0) {
          const any = next(count);
          own.set(any, next(6));
          candidates.touch(any);
        }
      }
    }
  });
});
