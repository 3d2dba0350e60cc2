import type { SpanningSettings } from '../services/scaling-rule.js';
import type { RunRecord } from '../simulation/run-record.js';
import type { SharingRules } from '../simulation/sharing-rules.js';
import type { SpanningEstimate } from './compare-result.js';

const MS_PER_HOUR = 3_600_000;

/**
 * How far instances that outgrow their host would span other hosts of the same rack, from the
 * per-interval means of a finished run. In each report interval a host is short by its demand
 * (less the part above its VMs' caps) minus its capacity while on: demand no placement on that
 * host could serve. A short host's instances take spare CPU (capacity while on minus served) of
 * the other hosts of its rack (hosts numbered into racks of hostsPerRack, taken in host order),
 * each remote MHz serving `efficiency` MHz, until the shortfall is covered or the spare used.
 * Hosts that are off are not switched on for it. Migration slow-down is not a shortfall here.
 * An estimate on interval means, not a re-simulation: the remote hosts' power is the run's.
 */
export function estimateSpanning(record: RunRecord, rules: SharingRules, settings: SpanningSettings): SpanningEstimate {
  const series = record.intervals!;
  const H = series.hostCount;
  const V = series.vmCount;
  const spare = new Float64Array(H);
  const aboveCaps = new Float64Array(H);
  const vmsOn = new Int32Array(H);
  const e = settings.efficiency;
  let instanceIntervals = 0;
  let spanningIntervals = 0;
  let remote = 0;
  let contention = 0;
  let peakShare = 0;
  for (let tick = 0; tick < series.recordedTicks; tick++) {
    const lengthMs = Math.min(series.intervalMs, record.durationMs - tick * series.intervalMs);
    if (lengthMs <= 0) break;
    aboveCaps.fill(0);
    vmsOn.fill(0);
    for (let vm = 0; vm < V; vm++) {
      const host = series.vmHost[tick * V + vm]!;
      if (host < 0) continue;
      instanceIntervals++;
      vmsOn[host]!++;
      aboveCaps[host] = aboveCaps[host]! + Math.max(0, series.vmDemandMhz[tick * V + vm]! - rules.cpuCapMhz[vm]!);
    }
    for (let h = 0; h < H; h++) {
      const i = tick * H + h;
      spare[h] = Math.max(0, capacityOn(record, series, h, i) - series.hostServedMhz[i]!);
    }
    for (let h = 0; h < H; h++) {
      const i = tick * H + h;
      const short = series.hostDemandMhz[i]! - aboveCaps[h]! - capacityOn(record, series, h, i);
      if (short <= 1e-6 || vmsOn[h] === 0) continue;
      contention += short * lengthMs;
      const used = takeFromRack(spare, h, settings.hostsPerRack, short / e);
      if (used <= 0) continue;
      spanningIntervals += vmsOn[h]!;
      remote += used * lengthMs;
      peakShare = Math.max(peakShare, used / (series.hostServedMhz[i]! + used));
    }
  }
  return {
    efficiency: e,
    hostsPerRack: settings.hostsPerRack,
    instanceIntervals,
    spanningIntervals,
    remoteMHzHours: remote / MS_PER_HOUR,
    recoveredMHzHours: (remote * e) / MS_PER_HOUR,
    contentionMHzHours: contention / MS_PER_HOUR,
    peakRemoteShare: peakShare,
  };
}

function capacityOn(record: RunRecord, series: NonNullable<RunRecord['intervals']>, h: number, i: number): number {
  return record.hosts.cpuCapacityMhz[h]! * series.hostOnFraction[i]!;
}

/** Takes up to `wanted` MHz from the other hosts of `host`'s rack, in host order; returns what it took. */
function takeFromRack(spare: Float64Array, host: number, hostsPerRack: number, wanted: number): number {
  const first = Math.floor(host / hostsPerRack) * hostsPerRack;
  const last = Math.min(spare.length, first + hostsPerRack);
  let taken = 0;
  for (let h = first; h < last && taken < wanted; h++) {
    if (h === host) continue;
    const take = Math.min(spare[h]!, wanted - taken);
    spare[h] = spare[h]! - take;
    taken += take;
  }
  return taken;
}
