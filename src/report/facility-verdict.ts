import type { RunSummary } from '../metrics/run-result.js';
import { fmt1, fmtInt } from '../common/number-format.js';

/** The carbon clause of a run's answer, '' without a carbon intensity. */
export function carbonClause(summary: RunSummary): string {
  const c = summary.carbon;
  if (!c) return '';
  return ` ${fmt1(c.carbonKg)} kg CO2 (${fmt1(c.facilityEnergyKWh)} kWh of facility energy at PUE ${c.pue}; the grid averaged ${fmtInt(c.gco2PerKWhMean)} gCO2/kWh).`;
}

/**
 * Warnings about the facility: VMs left unplaced because racks were at their power budget,
 * hosts kept off for it, racks whose powered-on peak went over budget anyway, and carbon
 * figures resting on an intensity held past the end of its file.
 */
export function facilityWarnings(summary: RunSummary): string[] {
  const warnings: string[] = [];
  const byBudget = summary.unplacedReasons['rack-power-budget'] ?? 0;
  if (byBudget > 0) {
    warnings.push(
      `unplaced: rack power budget - for ${fmtInt(byBudget)} VMs the only hosts with room were switched off in racks at their power budget (the peak power of the rack's hosts on, plus one more, would exceed it); more hosts in those racks would not help, more racks or budget would.`,
    );
  }
  const racks = summary.racks;
  if (racks && racks.hostsHeldOff > 0) {
    warnings.push(`${fmtInt(racks.hostsHeldOff)} hosts were kept off from the start: their racks' power budgets could not hold them at peak power.`);
  }
  if (racks && racks.racksOverBudget > 0) {
    warnings.push(
      `${fmtInt(racks.racksOverBudget)} racks had powered-on hosts rated above their power budget at some point: live-migration destinations of dynamic consolidation are not held to rack budgets.`,
    );
  }
  const c = summary.carbon;
  if (c && c.heldPastFileHours > 0) {
    warnings.push(
      `carbon: for ${fmt1(c.heldPastFileHours)} hours of the run the intensity file had no data and its last value was held; give a file covering the run's dates (or carbon.startAt).`,
    );
  }
  return warnings;
}
