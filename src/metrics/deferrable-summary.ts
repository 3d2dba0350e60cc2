import type { BacklogRecord } from '../simulation/run-record.js';
import type { RunRecord } from '../simulation/run-record.js';
import type { BacklogSeries, DeferrableSummary } from './run-result.js';

const MS_PER_HOUR = 3_600_000;

/**
 * Deferrable work's figures from a run's backlog record. The deferrable demand is summed from
 * the VMs' own demand integrals, apart from the backlog's accounts, so that
 * demand = served now + served late + pending + dropped is a real check (conservationError).
 */
export function deferrableSummary(record: RunRecord, backlog: BacklogRecord): DeferrableSummary {
  const v = record.vms;
  let demandInt = 0;
  for (let vm = 0; vm < v.ids.length; vm++) if (v.deferrable[vm]) demandInt += v.demandInt[vm]!;
  const accounted = backlog.servedNowInt + backlog.servedLateInt + backlog.pendingInt + backlog.droppedInt;
  const delays = backlog.delayMs.length > 0 ? weightedDelays(backlog.delayMs, backlog.delayWeight) : null;
  return {
    vms: backlog.vmCount,
    demandMHzHours: demandInt / MS_PER_HOUR,
    servedNowMHzHours: backlog.servedNowInt / MS_PER_HOUR,
    servedLateMHzHours: backlog.servedLateInt / MS_PER_HOUR,
    pendingMHzHours: backlog.pendingInt / MS_PER_HOUR,
    droppedMHzHours: backlog.droppedInt / MS_PER_HOUR,
    deferredMHzHours: backlog.deferredInt / MS_PER_HOUR,
    servedLateFraction: demandInt > 0 ? backlog.servedLateInt / demandInt : 0,
    backlogPeakMHzHours: backlog.pendingPeak / MS_PER_HOUR,
    delaySeconds: delays,
    conservationError: demandInt > 0 ? Math.abs(demandInt - accounted) / demandInt : Math.abs(accounted) > 0 ? 1 : 0,
  };
}

/** Mean pending work of each recorded report interval, MHz-s. */
export function backlogSeries(record: RunRecord, backlog: BacklogRecord): BacklogSeries {
  const m = record.meter;
  const n = m.recordedTicks;
  return {
    startSeconds: Float64Array.from({ length: n }, (_, t) => (t * m.intervalMs) / 1000),
    pendingMHzSeconds: Float64Array.from(backlog.pendingMean.subarray(0, n), (x) => x / 1000),
  };
}

/**
 * Amount-weighted quantiles of delays: the q-quantile is the smallest delay d such that the
 * chunks delayed by at most d hold at least q of the amount served late. Seconds.
 */
export function weightedDelays(delayMs: readonly number[], weight: readonly number[]): { p50: number; p95: number; max: number; mean: number } {
  const order = Array.from(delayMs, (_, i) => i).sort((a, b) => delayMs[a]! - delayMs[b]! || a - b);
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < weight.length; i++) {
    total += weight[i]!;
    weighted += weight[i]! * delayMs[i]!;
  }
  const quantile = (q: number) => {
    let seen = 0;
    for (const i of order) {
      seen += weight[i]!;
      if (seen >= q * total * (1 - 1e-12)) return delayMs[i]! / 1000;
    }
    return delayMs[order[order.length - 1]!]! / 1000;
  };
  return { p50: quantile(0.5), p95: quantile(0.95), max: delayMs[order[order.length - 1]!]! / 1000, mean: total > 0 ? weighted / total / 1000 : 0 };
}
