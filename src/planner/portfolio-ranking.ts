import type { PlanRankBy, PortfolioCandidate } from './plan-result.js';

type Unranked = Omit<PortfolioCandidate, 'rank' | 'pareto'>;

const cost = (c: Unranked) => c.costUsd ?? Number.POSITIVE_INFINITY;

/**
 * Ranks candidates: those within the risk limit first, by cost (unknown cost last; by carbon
 * first when `rankBy` is carbon), then energy,
 * then risk; then the others by risk, cost, energy. Ties by id. Marks the Pareto front over
 * (cost, energy, risk), all lower-is-better.
 */
export function rankCandidates(candidates: Unranked[], rankBy: PlanRankBy = 'cost'): PortfolioCandidate[] {
  const byId = (a: Unranked, b: Unranked) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  // Ranked by carbon, acceptable candidates go by mean carbon per run first, then as by cost.
  const carbon = (c: Unranked) => (rankBy === 'carbon' ? (c.carbonKgMean ?? Number.POSITIVE_INFINITY) : 0);
  const sorted = [...candidates].sort((a, b) => {
    if (a.acceptable !== b.acceptable) return a.acceptable ? -1 : 1;
    if (a.acceptable) return carbon(a) - carbon(b) || cost(a) - cost(b) || a.energyKWhMean - b.energyKWhMean || a.risk - b.risk || byId(a, b);
    return a.risk - b.risk || cost(a) - cost(b) || a.energyKWhMean - b.energyKWhMean || byId(a, b);
  });
  return sorted.map((c, i) => ({ ...c, rank: i + 1, pareto: !sorted.some((o) => dominates(o, c)) }));
}

/** a is no worse than b in cost, energy and risk, and better in at least one. */
export function dominates(a: Unranked, b: Unranked): boolean {
  const pairs: [number, number][] = [
    [cost(a), cost(b)],
    [a.energyKWhMean, b.energyKWhMean],
    [a.risk, b.risk],
  ];
  return pairs.every(([x, y]) => x <= y) && pairs.some(([x, y]) => x < y);
}
