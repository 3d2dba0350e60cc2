import type { CompareScenario } from '../compare/compare-result.js';
import { formatNumber, fmtInt, fmtPct2, fmtUsd } from '../common/number-format.js';

const signedPct = formatNumber('+.0%');
const pct0 = formatNumber('.0%');

/**
 * One scenario against the baseline in plain words, e.g.
 * `virtual needs 38 servers instead of 250 (-85%), uses 61% less energy and leaves 0.02% of
 * demand unmet`. A cost clause is added when both costs are known.
 */
export function savingsSentence(scenario: CompareScenario, baseline: CompareScenario): string {
  const clauses = [serversClause(scenario, baseline), energyClause(scenario, baseline)];
  if (scenario.costUsd !== null && baseline.costUsd !== null) clauses.push(costClause(scenario.costUsd, baseline.costUsd));
  clauses.push(`leaves ${fmtPct2(scenario.unmetFraction)} of demand unmet`);
  const last = clauses.pop()!;
  return `${scenario.label} ${clauses.join(', ')} and ${last}`;
}

function serversClause(s: CompareScenario, b: CompareScenario): string {
  const noun = s.serversNeeded === 1 ? 'server' : 'servers';
  const base = `needs ${fmtInt(s.serversNeeded)} ${noun} instead of ${fmtInt(b.serversNeeded)}`;
  return b.serversNeeded > 0 ? `${base} (${signedPct(relativeChange(s.serversNeeded, b.serversNeeded))})` : base;
}

function energyClause(s: CompareScenario, b: CompareScenario): string {
  if (!(b.energyKWh > 0)) return `uses ${fmtInt(s.energyKWh)} kWh`;
  return moreOrLess('uses', relativeChange(s.energyKWh, b.energyKWh), 'energy');
}

function costClause(cost: number, baseCost: number): string {
  if (!(baseCost > 0)) return `costs ${fmtUsd(cost)}`;
  return `${moreOrLess('costs', relativeChange(cost, baseCost), '')} (${fmtUsd(cost)} instead of ${fmtUsd(baseCost)})`;
}

/** `uses 61% less energy`, `uses 5% more energy`, `uses about the same energy`. */
function moreOrLess(verb: string, change: number, noun: string): string {
  const tail = noun ? ` ${noun}` : '';
  const amount = pct0(Math.abs(change));
  if (amount === '0%') return `${verb} about the same${tail}`;
  return `${verb} ${amount} ${change < 0 ? 'less' : 'more'}${tail}`;
}

function relativeChange(value: number, base: number): number {
  return (value - base) / base;
}
