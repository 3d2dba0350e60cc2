import type { RackRecord } from '../simulation/rack-record.js';

/** One rack in summary.json `racks.rows`, in topology order. */
export interface RackSummaryRow {
  rackId: string;
  hosts: number;
  /** null when the topology gives none. */
  slots: number | null;
  powerBudgetW: number | null;
  /** Highest report-interval mean of the rack's measured power, W. */
  peakPowerW: number;
  /** Highest sum, at a report tick, of the peak power of the rack's powered-on hosts, W: what the budget holds. */
  peakRatedOnW: number;
}

/** summary.json `racks`: present only when the topology gives a rack a power budget or slots. */
export interface RackSummary {
  rows: RackSummaryRow[];
  /** Hosts kept off at the start (idle hosts kept on) because their rack's budget was taken. */
  hostsHeldOff: number;
  /** Racks whose powered-on hosts' peak power went over the budget at a tick (possible only through moves the budget does not check). */
  racksOverBudget: number;
}

export function rackSummary(record: RackRecord): RackSummary {
  const rows = record.ids.map((rackId, r) => ({
    rackId,
    hosts: record.hosts[r]!,
    slots: record.slots[r]! > 0 ? record.slots[r]! : null,
    powerBudgetW: Number.isFinite(record.powerBudgetW[r]!) ? record.powerBudgetW[r]! : null,
    peakPowerW: record.peakPowerW[r]!,
    peakRatedOnW: record.peakRatedOnW[r]!,
  }));
  const racksOverBudget = rows.filter((row) => row.powerBudgetW !== null && row.peakRatedOnW > row.powerBudgetW + 1e-6).length;
  return { rows, hostsHeldOff: record.hostsHeldOff, racksOverBudget };
}
