import { fmtInt, fmtPct2 } from '../common/number-format.js';
import type { CapacityPlanResult, PlanCountRow, PlanGroup } from './plan-result.js';
import type { PlanRackAnswer } from './rack-limits.js';

/**
 * What a capacity plan found, one line per host model and growth factor, for the terminal:
 * the answer where the SLO held, else the nearest miss (the evaluated count that came closest:
 * most runs passing, then least unmet demand, then fewest hosts). So an answer that exists
 * always reaches the reader, even when the headline is about a growth nothing could meet.
 */
export function planLines(plan: CapacityPlanResult): string[] {
  const lines: string[] = [];
  const { inputs } = plan;
  if (inputs.seedsRequested !== undefined) {
    lines.push(`  1 seeded run per count, not ${fmtInt(inputs.seedsRequested)}: nothing in this scenario is random (no failures, no random VM selection, no replicated growth), so every seed gives the same run.`);
  }
  for (const group of plan.groups) lines.push(`  ${group.hostModel}, growth ${group.growth}: ${groupLine(group, inputs.maxHosts)}`);
  return lines;
}

function groupLine(group: PlanGroup, maxHosts: number): string {
  const racks = group.racks;
  if (group.recommendedHosts !== null) {
    const row = group.rows.find((r) => r.hosts === group.recommendedHosts);
    const held = row ? ` (SLO held in ${fmtInt(Math.round(row.passFraction * row.runs))} of ${fmtInt(row.runs)} runs, unmet ${fmtPct2(row.unmetFractionMean)})` : '';
    return `${fmtInt(group.recommendedHosts)} hosts${held}${racks ? `${rackWords(racks)}` : ''}`;
  }
  if (racks && racks.hostsPerRack === 0) return `none: one host is over the rack's power budget at peak power (${fmtInt(racks.peakPowerW)} W)`;
  if (racks && !racks.fits && racks.racksNeeded !== null) {
    return `${fmtInt(group.smallestPassing!)} hosts would hold the SLO, but they need ${fmtInt(racks.racksNeeded)} racks and ${fmtInt(racks.racksAvailable ?? 0)} are available${rackWords(racks)}`;
  }
  const miss = nearestMiss(group.rows);
  if (!miss) return `no count evaluated within ${fmtInt(maxHosts)} hosts`;
  return (
    `none within ${fmtInt(maxHosts)} hosts; nearest miss ${fmtInt(miss.hosts)} hosts (SLO held in ${fmtInt(Math.round(miss.passFraction * miss.runs))} of ${fmtInt(miss.runs)} runs, ` +
    `unmet ${fmtPct2(miss.unmetFractionMean)})${flatHint(group.rows)}`
  );
}

function rackWords(racks: PlanRackAnswer): string {
  return `; ${fmtInt(racks.hostsPerRack)} per rack (${racks.limit === 'power' ? 'rack power' : 'rack slots'} binding${racks.limit === 'power' ? `, ${fmtInt(racks.peakPowerW)} W each at peak` : ''})`;
}

function nearestMiss(rows: readonly PlanCountRow[]): PlanCountRow | null {
  let best: PlanCountRow | null = null;
  for (const row of rows) {
    if (!best || row.passFraction > best.passFraction || (row.passFraction === best.passFraction && row.unmetFractionMean < best.unmetFractionMean)) best = row;
  }
  return best;
}

/** When the two largest counts leave the same unmet demand, more hosts will not help. */
function flatHint(rows: readonly PlanCountRow[]): string {
  if (rows.length < 2) return '';
  const [a, b] = [rows[rows.length - 2]!, rows[rows.length - 1]!];
  if (a.unmetFractionMean > 0 && Math.abs(a.unmetFractionMean - b.unmetFractionMean) <= 1e-12 * a.unmetFractionMean) {
    return `; ${fmtInt(b.hosts)} hosts leave the same unmet demand as ${fmtInt(a.hosts)}, so more hosts will not help (demand above the VMs' own size?)`;
  }
  return '';
}
