import { KB_PER_MB } from './io-capacity.js';
import { sampleAtOrBefore, type IoSampleTimes } from './io-change-list.js';
import type { IoConsumers } from './io-consumers.js';
import type { IoRateColumns } from './io-rates.js';

/**
 * The sum over a host's rows of each row's highest want (min(rate, cap)) while present: when it
 * fits the capacity the host is never contended, every row is served its want at every moment,
 * and rows can be integrated one by one without merging their changes. O(samples).
 */
export function maxTotalWantMBps(consumers: IoConsumers, samples: IoSampleTimes, columns: IoRateColumns | null, withStreams: boolean): number {
  let total = 0;
  for (let i = 0; i < consumers.count; i++) {
    const from = consumers.fromMs[i]!;
    const to = consumers.toMs[i]!;
    if (!(to > from)) continue;
    const stream = consumers.streamMBps[i]!;
    let peak = 0;
    if (stream === stream) peak = withStreams ? stream : 0;
    else if (columns) {
      const vm = consumers.vm[i]!;
      const start = Math.max(sampleAtOrBefore(samples, vm, from), samples.sampleStart[vm]!);
      const end = samples.sampleStart[vm + 1]!;
      for (let k = start; k < end && samples.sampleAtMs[k]! < to; k++) peak = Math.max(peak, columns.a[k]! + columns.b[k]!);
      peak /= KB_PER_MB;
    }
    total += Math.min(peak, consumers.capMBps[i]!);
  }
  return total;
}

/** Row integrals and host totals of an uncontended host (see maxTotalWantMBps), MB/s x ms. */
export interface UncontendedOut {
  demandInt: Float64Array;
  servedInt: Float64Array;
  tickDemand: Float64Array;
  tickServed: Float64Array;
  intervalMs: number;
}

/**
 * Integrates each row on its own: demand = rate, served = min(rate, cap), over the row's pieces
 * of constant rate, into the row and the report intervals. Returns the host's busy time (the
 * union of the rows' presence), ms.
 */
export function integrateUncontended(consumers: IoConsumers, samples: IoSampleTimes, columns: IoRateColumns | null, withStreams: boolean, out: UncontendedOut): number {
  for (let i = 0; i < consumers.count; i++) {
    out.demandInt[i] = 0;
    out.servedInt[i] = 0;
    const from = consumers.fromMs[i]!;
    const to = consumers.toMs[i]!;
    if (!(to > from)) continue;
    const stream = consumers.streamMBps[i]!;
    if (stream === stream) {
      if (withStreams) addPiece(out, i, from, to, stream, consumers.capMBps[i]!);
      continue;
    }
    if (!columns) continue;
    const vm = consumers.vm[i]!;
    const end = samples.sampleStart[vm + 1]!;
    const at = samples.sampleAtMs;
    for (let k = sampleAtOrBefore(samples, vm, from); k < end; k++) {
      const a = k >= samples.sampleStart[vm]! ? Math.max(from, at[k]!) : from;
      if (a >= to) break;
      const b = k + 1 < end ? Math.min(to, at[k + 1]!) : to;
      if (b > a && k >= samples.sampleStart[vm]!) addPiece(out, i, a, b, (columns.a[k]! + columns.b[k]!) / KB_PER_MB, consumers.capMBps[i]!);
    }
  }
  return busyMs(consumers, withStreams);
}

function addPiece(out: UncontendedOut, i: number, from: number, to: number, rate: number, cap: number): void {
  const served = rate < cap ? (rate > 0 ? rate : 0) : cap;
  out.demandInt[i] = out.demandInt[i]! + rate * (to - from);
  out.servedInt[i] = out.servedInt[i]! + served * (to - from);
  if (rate === 0 && served === 0) return;
  const interval = out.intervalMs;
  for (let a = from; a < to; ) {
    const t = Math.floor(a / interval);
    if (t >= out.tickDemand.length) return;
    const b = Math.min(to, (t + 1) * interval);
    out.tickDemand[t] = out.tickDemand[t]! + rate * (b - a);
    out.tickServed[t] = out.tickServed[t]! + served * (b - a);
    a = b;
  }
}

/** Length of the union of the rows' [fromMs, toMs) (streams only `withStreams`). */
function busyMs(consumers: IoConsumers, withStreams: boolean): number {
  const rows: number[] = [];
  for (let i = 0; i < consumers.count; i++) {
    if (consumers.toMs[i]! > consumers.fromMs[i]! && (withStreams || Number.isNaN(consumers.streamMBps[i]!))) rows.push(i);
  }
  rows.sort((a, b) => consumers.fromMs[a]! - consumers.fromMs[b]! || a - b);
  let total = 0;
  let end = -Infinity;
  for (const i of rows) {
    const from = Math.max(consumers.fromMs[i]!, end);
    if (consumers.toMs[i]! > from) total += consumers.toMs[i]! - from;
    end = Math.max(end, consumers.toMs[i]!);
  }
  return total;
}
