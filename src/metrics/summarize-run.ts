import type { IoAccounting } from '../simulation/io-replay/io-accounting.js';
import { backlogSeries, deferrableSummary } from './deferrable-summary.js';
import { summarizeIo } from './io-summary.js';
import { unmetCauses } from './unmet-causes.js';
import { rackSummary } from './rack-summary.js';
import type { RunMeter } from '../simulation/run-meter.js';
import type { RolloutRecord, RunRecord } from '../simulation/run-record.js';
import {
  MAX_HEATMAP_BUCKETS,
  type HostHeatmap,
  type HostRow,
  type RunInputs,
  type RunResult,
  type RolloutSummary,
  type RunSummary,
  type UpgradeSummary,
  type TimeSeries,
  type VmRow,
} from './run-result.js';

const MS_PER_HOUR = 3_600_000;
const J_PER_KWH = 3_600_000;

/** With `io` (from accountIo) the result also carries the disk and network blocks and rows. */
export function summarizeRun(record: RunRecord, inputs: RunInputs, io?: IoAccounting): RunResult {
  const hosts = hostRows(record);
  const vms = vmRows(record);
  const timeseries = timeSeries(record.meter);
  const heatmap = hostHeatmap(record);
  const result: RunResult = {
    summary: summary(record, vms),
    inputs,
    hosts,
    vms,
    timeseries,
    heatmap,
    outages: record.outages,
    ...(record.intervals ? { intervals: record.intervals } : {}),
    ...(record.backlog ? { backlog: backlogSeries(record, record.backlog) } : {}),
  };
  if (!io) return result;
  const { disk, network, io: rows } = summarizeIo(record, io);
  return { ...result, summary: { ...result.summary, disk, network }, io: rows };
}

function summary(record: RunRecord, vms: VmRow[]): RunSummary {
  const m = record.meter;
  const duration = record.durationMs;
  const demand = m.demandInt / MS_PER_HOUR;
  const served = m.servedInt / MS_PER_HOUR;
  const capacity = m.capacityInt / MS_PER_HOUR;
  const unplacedReasons: Record<string, number> = {};
  let placed = 0;
  let unplaced = 0;
  for (const row of vms) {
    if (row.status === 'placed' || row.status === 'failed') placed++;
    else if (row.reason !== 'not-started') {
      unplaced++;
      unplacedReasons[row.reason] = (unplacedReasons[row.reason] ?? 0) + 1;
    }
  }
  let cost = 0;
  let anyCost = false;
  for (const c of record.hosts.costUsd) {
    if (c !== null) {
      cost += c;
      anyCost = true;
    }
  }
  let utilizationPeak = 0;
  for (let t = 0; t < m.recordedTicks; t++) {
    const cap = m.capacityMhz[t]!;
    if (cap > 0) utilizationPeak = Math.max(utilizationPeak, m.servedMhz[t]! / cap);
  }
  const sla = m.cloudsimSla ? { ...m.cloudsimSla, slav: m.cloudsimSla.slatah * m.cloudsimSla.pdm } : slaMetrics(record);
  const v = record.vms;
  const sumOf = (a: ArrayLike<number>) => {
    let total = 0;
    for (let i = 0; i < a.length; i++) total += a[i]!;
    return total;
  };
  const lifetime = sumOf(v.lifetimeInt);
  const down = sumOf(v.downInt);
  let failed = 0;
  for (let vm = 0; vm < v.ids.length; vm++) if (v.failed(vm)) failed++;
  const energyKWh = m.powerInt / 1000 / J_PER_KWH;
  const causes = unmetCauses(record, demand - served);
  return {
    simulatedSeconds: duration / 1000,
    hosts: {
      total: record.hosts.ids.length,
      activeMean: duration > 0 ? m.activeHostsInt / duration : 0,
      activePeak: m.activeHostsPeak,
    },
    vms: { total: placed + unplaced, placed, unplaced },
    cpu: {
      capacityMHzHours: capacity,
      demandMHzHours: demand,
      servedMHzHours: served,
      unmetMHzHours: demand - served,
      unmetFraction: demand > 0 ? (demand - served) / demand : 0,
      unmetCauses: causes,
      utilizationMean: capacity > 0 ? served / capacity : 0,
      utilizationPeak,
      utilizationP95: hostIntervalP95(m),
    },
    memory: {
      footprintMiBHours: m.footprintInt / MS_PER_HOUR,
      overcommittedMiBHours: m.overcommittedMemoryInt / MS_PER_HOUR,
    },
    energyKWh,
    powerMeanW: duration > 0 ? m.powerInt / duration : 0,
    powerPeakW: m.powerPeakW,
    consolidationRatio: m.activeHostsInt > 0 ? m.runningVmsInt / m.activeHostsInt : 0,
    costUsd: anyCost ? cost : null,
    migrations: m.migrations,
    sla,
    esv: energyKWh * sla.slav,
    hostShutdowns: m.hostShutdowns,
    hostFailures: m.hostFailures,
    vmRestarts: m.vmRestarts,
    vmDowntimeHours: down / MS_PER_HOUR,
    lostMHzHours: sumOf(v.lostInt) / MS_PER_HOUR,
    availability: lifetime > 0 ? 1 - down / lifetime : null,
    vmsFailed: failed,
    maintenance: record.maintenance,
    ...(record.upgrade ? { upgrade: upgradeSummary(record, causes.migrationMHzHours) } : {}),
    ...(record.blastRadius ? { blastRadius: { ...record.blastRadius } } : {}),
    ...(record.rollout ? { rollout: rolloutSummary(record.rollout) } : {}),
    warnings: record.warnings,
    unplacedReasons,
    ...(record.racks ? { racks: rackSummary(record.racks) } : {}),
    ...(record.backlog ? { deferrable: deferrableSummary(record, record.backlog) } : {}),
  };
}

function upgradeSummary(record: RunRecord, migrationMHzHours: number): UpgradeSummary {
  const u = record.upgrade!;
  // A drain's loss is its migrations' degradation, which only it caused when no other migration
  // started (completed or abandoned: the log has them all).
  const drainLost = record.migrationLog.length === u.migrations ? migrationMHzHours : null;
  return {
    mode: u.mode,
    transitionSeconds: u.transitionMs === null ? null : u.transitionMs / 1000,
    transitionCpuFraction: u.transitionCpuFraction,
    hostsUpgraded: u.hostsUpgraded,
    hostHoursOut: u.hostOutMs / MS_PER_HOUR,
    migrations: u.migrations,
    migratedGiB: u.migratedMiB / 1024,
    lostMHzHours: u.transitionLostInt === null ? drainLost : u.transitionLostInt / MS_PER_HOUR,
  };
}

function rolloutSummary(r: RolloutRecord): RolloutSummary {
  return {
    mode: r.mode,
    waveSize: r.waveSize,
    bootSeconds: r.bootMs / 1000,
    overlapSeconds: r.overlapMs / 1000,
    patchSeconds: r.patchMs / 1000,
    rollouts: r.rollouts,
    rolloutsCompleted: r.completed,
    waves: r.waves,
    replaced: r.replaced,
    replacedInPlace: r.inPlace,
    skipped: r.skipped,
    peakSurgeHosts: r.peakSurgeHosts,
    instanceDownHours: r.instanceDownMs / MS_PER_HOUR,
    lostMHzHours: r.lostInt / MS_PER_HOUR,
  };
}

function slaMetrics(record: RunRecord): RunSummary['sla'] {
  let hostRatios = 0;
  let activeHosts = 0;
  record.hosts.onInt.forEach((onMs, h) => {
    if (onMs <= 0) return;
    hostRatios += record.hosts.overloadInt[h]! / onMs;
    activeHosts++;
  });
  let vmRatios = 0;
  let vmsWithDemand = 0;
  record.vms.demandInt.forEach((demand, v) => {
    if (demand <= 0) return;
    vmRatios += record.vms.degradedInt[v]! / demand;
    vmsWithDemand++;
  });
  const slatah = activeHosts > 0 ? hostRatios / activeHosts : 0;
  const pdm = vmsWithDemand > 0 ? vmRatios / vmsWithDemand : 0;
  return { slatah, pdm, slav: slatah * pdm };
}

/**
 * 95th percentile of host utilization over every (host, interval) in which the host was on,
 * from a histogram with 0.01% bins (utilization is 0..1, anything above lands in the last bin).
 */
function hostIntervalP95(meter: RunMeter): number {
  const bins = 10_000;
  const histogram = new Float64Array(bins + 1);
  let count = 0;
  const cells = meter.recordedTicks * meter.hostCount;
  for (let i = 0; i < cells; i++) {
    const u = meter.hostUtilization[i]!;
    if (Number.isNaN(u)) continue;
    histogram[Math.min(bins, Math.max(0, Math.round(u * bins)))]!++;
    count++;
  }
  if (count === 0) return 0;
  const target = Math.ceil(0.95 * count);
  let seen = 0;
  for (let b = 0; b <= bins; b++) {
    seen += histogram[b]!;
    if (seen >= target) return b / bins;
  }
  return 1;
}

function hostRows(record: RunRecord): HostRow[] {
  const h = record.hosts;
  return h.ids.map((hostId, i) => {
    const onMs = h.onInt[i]!;
    return {
      hostId,
      model: h.model[i]!,
      cluster: h.cluster[i]!,
      rack: h.rack[i]!,
      cpuCapacityMhz: h.cpuCapacityMhz[i]!,
      memoryMiB: h.memoryMiB[i]!,
      vmsPlaced: h.vmsPlaced[i]!,
      demandMHzHours: h.demandInt[i]! / MS_PER_HOUR,
      servedMHzHours: h.servedInt[i]! / MS_PER_HOUR,
      unmetMHzHours: (h.demandInt[i]! - h.servedInt[i]!) / MS_PER_HOUR,
      utilizationMean: onMs > 0 ? h.servedInt[i]! / (h.cpuCapacityMhz[i]! * onMs) : 0,
      utilizationPeak: h.peakUtilization[i]!,
      overloadedHours: h.overloadInt[i]! / MS_PER_HOUR,
      onHours: onMs / MS_PER_HOUR,
      energyKWh: h.energyInt[i]! / 1000 / J_PER_KWH,
    };
  });
}

function vmRows(record: RunRecord): VmRow[] {
  const v = record.vms;
  return v.ids.map((vmId, i) => {
    const host = v.host[i]!;
    const placed = v.placed(i);
    const failed = v.failed(i);
    return {
      vmId,
      hostId: host >= 0 ? record.hosts.ids[host]! : '',
      status: failed ? 'failed' : placed ? 'placed' : 'unplaced',
      reason: failed ? 'restart-limit' : placed ? '' : v.arrived(i) ? v.reason[i]! : 'not-started',
      cores: v.cores[i]!,
      cpuCapacityMhz: v.cpuCapacityMhz[i]!,
      memoryMiB: v.memoryMiB[i]!,
      demandMHzHours: v.demandInt[i]! / MS_PER_HOUR,
      servedMHzHours: v.servedInt[i]! / MS_PER_HOUR,
      unmetMHzHours: (v.demandInt[i]! - v.servedInt[i]!) / MS_PER_HOUR,
      restarts: v.restarts[i]!,
      downtimeHours: v.downInt[i]! / MS_PER_HOUR,
      lostMHzHours: v.lostInt[i]! / MS_PER_HOUR,
    };
  });
}

function timeSeries(m: RunMeter): TimeSeries {
  const n = m.recordedTicks;
  const startSeconds = Float64Array.from({ length: n }, (_, t) => (t * m.intervalMs) / 1000);
  const demand = m.demandMhz.slice(0, n);
  const served = m.servedMhz.slice(0, n);
  return {
    intervalSeconds: m.intervalMs / 1000,
    startSeconds,
    demandMhz: demand,
    servedMhz: served,
    unmetMhz: Float64Array.from(demand, (d, t) => d - served[t]!),
    capacityMhz: m.capacityMhz.slice(0, n),
    activeHosts: m.activeHosts.slice(0, n),
    powerW: m.powerW.slice(0, n),
    energyKWhCumulative: Float64Array.from(m.energyJCumulative.subarray(0, n), (j) => j / J_PER_KWH),
    migrations: m.migrationsPerInterval.slice(0, n),
    hostsDown: m.hostsDown.slice(0, n),
    vmsWaiting: m.vmsWaiting.slice(0, n),
  };
}

/** Merges report intervals into at most MAX_HEATMAP_BUCKETS buckets (mean of the on-intervals). */
function hostHeatmap(record: RunRecord): HostHeatmap {
  const m = record.meter;
  const ticks = m.recordedTicks;
  const perBucket = Math.max(1, Math.ceil(ticks / MAX_HEATMAP_BUCKETS));
  const buckets = Math.ceil(ticks / perBucket);
  const hosts = m.hostCount;
  const utilization = new Float64Array(hosts * buckets);
  for (let host = 0; host < hosts; host++) {
    for (let b = 0; b < buckets; b++) {
      let sum = 0;
      let count = 0;
      for (let t = b * perBucket; t < Math.min(ticks, (b + 1) * perBucket); t++) {
        const u = m.hostUtilization[t * hosts + host]!;
        if (!Number.isNaN(u)) {
          sum += u;
          count++;
        }
      }
      utilization[host * buckets + b] = count > 0 ? sum / count : Number.NaN;
    }
  }
  return { bucketSeconds: (perBucket * m.intervalMs) / 1000, hostIds: [...record.hosts.ids], utilization, buckets };
}
