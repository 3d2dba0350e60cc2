import { MB_PER_MIB } from '../../scheduling/io-capacity.js';
import { rateMBps, type IoRateColumns } from '../../scheduling/io-rates.js';
import type { Workload } from '../../traces/workload.js';
import type { MigrationRecord } from '../run-record.js';

/** A migration's copy stream: the MiB it sent, spread evenly over [startMs, endMs), MB/s. */
export function migrationMBps(transferredMiB: number, startMs: number, endMs: number): number {
  return endMs > startMs ? (transferredMiB * MB_PER_MIB) / ((endMs - startMs) / 1000) : 0;
}

/**
 * Each VM's demand over its life in [0, durationMs), on a host or not, MB/s x ms: into
 * `vmDemandInt` and, per report interval, into `intervals`.
 */
export function addLifeDemand(
  workload: Workload,
  columns: IoRateColumns | null,
  durationMs: number,
  intervalMs: number,
  vmDemandInt: Float64Array,
  intervals: Float64Array,
): void {
  if (!columns) return;
  const at = workload.sampleAtMs;
  for (let vm = 0; vm < workload.vmCount; vm++) {
    const last = workload.sampleStart[vm + 1]!;
    const end = Math.min(workload.endAtMs[vm]!, durationMs);
    let total = 0;
    for (let k = workload.sampleStart[vm]!; k < last; k++) {
      const from = Math.max(0, at[k]!);
      const to = Math.min(k + 1 < last ? at[k + 1]! : end, end);
      if (!(to > from)) continue;
      const rate = rateMBps(columns, k);
      if (rate === 0) continue;
      total += rate * (to - from);
      addToIntervals(intervals, intervalMs, from, to, rate);
    }
    vmDemandInt[vm] = total;
  }
}

/** Migration streams, once per host they touch (both ends), into each of `targets`. */
export function addMigrationDemand(migrationLog: readonly MigrationRecord[], durationMs: number, intervalMs: number, targets: Float64Array[]): void {
  for (const m of migrationLog) {
    const rate = migrationMBps(m.transferredMiB, m.startMs, m.endMs) * (m.to !== m.from ? 2 : 1);
    const from = Math.max(0, m.startMs);
    const to = Math.min(m.endMs, durationMs);
    if (!(rate > 0) || !(to > from)) continue;
    for (const target of targets) addToIntervals(target, intervalMs, from, to, rate);
  }
}

/** Adds rate x the overlap of [from, to) with each report interval. */
function addToIntervals(target: Float64Array, intervalMs: number, from: number, to: number, rate: number): void {
  for (let a = from; a < to; ) {
    const t = Math.floor(a / intervalMs);
    if (t >= target.length) return;
    const b = Math.min(to, (t + 1) * intervalMs);
    target[t] = target[t]! + rate * (b - a);
    a = b;
  }
}
