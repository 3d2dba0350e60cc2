import type { CompareResult, CompareScenario } from '../compare/compare-result.js';
import { fmt1, fmtInt, fmtPct2 } from '../common/number-format.js';
import { rankScenarios, SLA_MAX_UNMET_FRACTION } from './compare-ranking.js';
import type { RunVerdict } from './run-verdict.js';
import { demandShare, UNMET_NOISE_FRACTION, unmetCausePhrases } from './unmet-causes.js';

/**
 * A comparison's answer in words: which scenario to pick (the best within the SLA: fewest
 * energy among those leaving at most SLA_MAX_UNMET_FRACTION of demand unmet) against the
 * physical baseline, then a warning per scenario that left VMs unplaced or demand unmet, when
 * no scenario met the SLA, and for trace quirks. The terminal and compare.html show the same.
 */
export function compareVerdict(compare: CompareResult): RunVerdict {
  const { scenarios } = compare;
  const best = rankScenarios(scenarios)[0];
  const physical = scenarios.find((s) => s.id === 'physical');
  const against = physical && best?.scenario !== physical ? ` (physical: ${servers(physical.serversNeeded)}, ${fmt1(physical.energyKWh)} kWh)` : '';
  const sla = `unmet <= ${fmtPct2(SLA_MAX_UNMET_FRACTION)}`;
  const answer =
    best && best.withinSla
      ? `Best within the SLA (${sla}) of ${fmtInt(scenarios.length)} scenarios: ${best.scenario.label}, ${servers(best.scenario.serversNeeded)}, ${fmt1(best.scenario.energyKWh)} kWh${against}.`
      : `None of the ${fmtInt(scenarios.length)} scenarios met the SLA (${sla}).`;
  const warnings: string[] = [];
  if (scenarios.length > 0 && !best?.withinSla) {
    const least = [...scenarios].sort((a, b) => a.unmetFraction - b.unmetFraction || (a.id < b.id ? -1 : 1))[0]!;
    warnings.push(`no scenario met the SLA (${sla}); the least unmet demand was ${demandShare(least.unmetFraction)} (${least.label}).`);
  }
  for (const s of scenarios) if (s.vmsUnplaced > 0) warnings.push(unplacedWarning(s));
  for (const s of scenarios) if (s.unmetFraction > UNMET_NOISE_FRACTION) warnings.push(unmetWarning(s));
  const quirks = Object.entries(scenarios[0]?.traceQuirks ?? {}).filter(([, count]) => count > 0);
  if (quirks.length > 0) {
    warnings.push(`the trace had quirks that were handled, not errors (docs/trace-formats.md): ${quirks.map(([code, count]) => `${code} x${fmtInt(count)}`).join(', ')}.`);
  }
  return { answer, warnings };
}

function servers(n: number): string {
  return `${fmtInt(n)} ${n === 1 ? 'server' : 'servers'}`;
}

function unplacedWarning(s: CompareScenario): string {
  return `${s.id}: ${fmtInt(s.vmsUnplaced)} of ${fmtInt(s.vmsTotal)} VMs were never placed; all their demand counts as unmet.`;
}

function unmetWarning(s: CompareScenario): string {
  const causes = unmetCausePhrases(s.unmetCauses, s.demandMHzHours);
  return `${s.id}: ${demandShare(s.unmetFraction)} of CPU demand went unmet${causes.length > 0 ? ` (${causes.join(', ')})` : ''}.`;
}
