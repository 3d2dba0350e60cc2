/** The verdict of one host count: the share of seeded runs that met the SLO. */
export interface CountVerdict {
  hosts: number;
  passFraction: number;
  /** passFraction >= the required confidence. */
  holds: boolean;
}

/** A count that did worse than a smaller one: more hosts, lower SLO attainment. */
export interface MonotonicityViolation {
  hosts: number;
  passFraction: number;
  /** The smaller count with the highest attainment. */
  fewerHosts: number;
  fewerPassFraction: number;
  /** The smaller count met the SLO and this one does not. */
  verdictFlips: boolean;
}

export interface SearchOptions {
  /** Give up above this many hosts. */
  maxHosts: number;
  /** Counts above the answer that are also evaluated, to check monotonicity. */
  checkAbove: number;
  /** First count tried (default 1). */
  startHosts?: number;
}

export interface SearchResult {
  /** The smallest count that met the SLO, or null when maxHosts did not. */
  smallest: number | null;
  /** Every count evaluated, ascending. */
  verdicts: CountVerdict[];
  violations: MonotonicityViolation[];
}

/**
 * The smallest host count whose SLO holds: doubling from startHosts until one holds, then
 * binary search between the last failing and the first passing count, then `checkAbove` counts
 * above the answer. Assumes more hosts never hurt, and checks it: every evaluated count that
 * attains less than a smaller one is reported, not hidden. `evaluate` is called at most once
 * per count.
 */
export async function searchSmallestCount(evaluate: (hosts: number) => Promise<CountVerdict>, options: SearchOptions): Promise<SearchResult> {
  const seen = new Map<number, CountVerdict>();
  const at = async (hosts: number): Promise<CountVerdict> => {
    const known = seen.get(hosts);
    if (known) return known;
    const verdict = await evaluate(hosts);
    seen.set(hosts, verdict);
    return verdict;
  };
  let failing = 0;
  let passing: number | null = null;
  for (let n = Math.max(1, Math.min(options.startHosts ?? 1, options.maxHosts)); ; n = Math.min(n * 2, options.maxHosts)) {
    if ((await at(n)).holds) {
      passing = n;
      break;
    }
    failing = n;
    if (n >= options.maxHosts) break;
  }
  if (passing !== null) {
    while (passing - failing > 1) {
      const mid = Math.floor((failing + passing) / 2);
      if ((await at(mid)).holds) passing = mid;
      else failing = mid;
    }
    const above: Promise<CountVerdict>[] = [];
    for (let k = 1; k <= options.checkAbove && passing + k <= options.maxHosts; k++) above.push(at(passing + k));
    await Promise.all(above);
  }
  const verdicts = [...seen.values()].sort((a, b) => a.hosts - b.hosts);
  return { smallest: passing, verdicts, violations: findNonMonotonic(verdicts) };
}

/**
 * Counts that attain less than some smaller count (in a table sorted or not). Each is compared
 * with the best smaller count (the smallest of those tied for best).
 */
export function findNonMonotonic(table: readonly CountVerdict[]): MonotonicityViolation[] {
  const sorted = [...table].sort((a, b) => a.hosts - b.hosts);
  const violations: MonotonicityViolation[] = [];
  let best: CountVerdict | null = null;
  let anyHeld = false;
  for (const row of sorted) {
    if (best && row.passFraction < best.passFraction) {
      violations.push({
        hosts: row.hosts,
        passFraction: row.passFraction,
        fewerHosts: best.hosts,
        fewerPassFraction: best.passFraction,
        verdictFlips: anyHeld && !row.holds,
      });
    }
    if (!best || row.passFraction > best.passFraction) best = row;
    anyHeld ||= row.holds;
  }
  return violations;
}
