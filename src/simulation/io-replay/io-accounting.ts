import type { Datacenter } from '../../model/datacenter.js';
import { DISK, hostIoCapacityMBps, NETWORK } from '../../scheduling/io-capacity.js';
import { IoChangeList, type IoSampleTimes } from '../../scheduling/io-change-list.js';
import { IoConsumers } from '../../scheduling/io-consumers.js';
import { IoHostSweep, type IoTicks } from '../../scheduling/io-host-sweep.js';
import { ioRateColumns, type IoRateColumns } from '../../scheduling/io-rates.js';
import { applySharing, DEFAULT_IO_SETTINGS, type IoSettings, type IoSharing } from '../../scheduling/io-sharing.js';
import type { Workload } from '../../traces/workload.js';
import { addLifeDemand, addMigrationDemand, migrationMBps } from './io-demand.js';
import { groupByHost, type IoHostGroups } from './io-host-groups.js';
import { UtilizationHistogram } from './io-utilization-histogram.js';
import type { RunRecord } from '../run-record.js';

/**
 * Disk or network over a finished run. Integrals are MB/s x ms (divide by 3.6e6 for MB/s-hours);
 * interval series are means over the run's report intervals (the rows of timeseries.csv), MB/s.
 */
export interface ResourceAccounting {
  /** `trace` when the workload has I/O columns; `none` when it has none (every VM demands 0). */
  source: 'trace' | 'none';
  /** Guest-visible bandwidth, MB/s; Infinity for a host whose model gives none (unrated). */
  hostCapacityMBps: Float64Array;
  /** Bandwidth x time the host was on (or carried I/O); 0 for unrated hosts. */
  hostCapacityInt: Float64Array;
  /** VM stays and migration streams on the host. */
  hostDemandInt: Float64Array;
  hostServedInt: Float64Array;
  hostMigrationDemandInt: Float64Array;
  hostMigrationServedInt: Float64Array;
  /** Highest report-interval utilization (served / capacity x interval length), rated hosts. */
  hostPeakUtilization: Float64Array;
  /** A VM's demand over its whole life in the run, on a host or not (unplaced, down). */
  vmDemandInt: Float64Array;
  /** The part of vmDemandInt while the VM was on a host. */
  vmHostedDemandInt: Float64Array;
  vmServedInt: Float64Array;
  intervalDemandMBps: Float64Array;
  intervalServedMBps: Float64Array;
  /** Bandwidth of the rated hosts on during the interval (each counted whole). */
  intervalCapacityMBps: Float64Array;
  /** Migration streams (counted on both hosts). */
  intervalMigrationMBps: Float64Array;
  /** Highest interval utilization of the rated hosts together. */
  utilizationPeak: number;
  /** 95th percentile of per-host, per-interval utilization (rated hosts, while on). */
  utilizationP95: number;
  /**
   * Per host and report interval (host-major: `[host * intervals + t]`), mean MB/s asked of and
   * served by the host, migration streams included; only when accountIo was asked for them.
   * Summed over hosts, served gives intervalServedMBps; demand gives intervalDemandMBps less
   * the demand of VMs while on no host.
   */
  hostIntervalDemandMBps?: Float64Array;
  hostIntervalServedMBps?: Float64Array;
}

/** What accountIo records besides the totals. */
export interface IoAccountingOptions {
  /** Per-host interval series (hosts x intervals per resource): only outputs that show them ask. */
  perHostIntervals?: boolean;
}

export interface IoAccounting {
  intervalMs: number;
  disk: ResourceAccounting;
  network: ResourceAccounting;
}

interface Context {
  workload: Workload;
  record: RunRecord;
  groups: IoHostGroups;
  intervals: number;
  samples: IoSampleTimes;
  consumers: IoConsumers;
  changes: IoChangeList;
  sweep: IoHostSweep;
}

/** One resource while the hosts are swept: its settings, its result, scratch per host. */
interface ResourcePass {
  resource: number;
  capacity: Float64Array;
  sharing: IoSharing;
  columns: IoRateColumns | null;
  out: ResourceAccounting;
  ticks: IoTicks;
  servedRated: Float64Array;
  histogram: UtilizationHistogram;
}

/**
 * Shares each host's disk and network among the VMs that ran there (from the run's stays) and
 * the migrations it sent or received, over the whole run; I/O does not feed back into CPU or
 * migration times. Pure: the same inputs give the same accounting. Hosts are swept one at a
 * time, disk and network over the same time-ordered list of rate changes.
 */
export function accountIo(workload: Workload, dc: Datacenter, record: RunRecord, settings: IoSettings = DEFAULT_IO_SETTINGS, options: IoAccountingOptions = {}): IoAccounting {
  const capacities = hostIoCapacityMBps(dc);
  const ctx: Context = {
    workload,
    record,
    groups: groupByHost(dc.hostCount, record.assignments, record.migrationLog),
    intervals: record.meter.recordedTicks,
    samples: { sampleStart: workload.sampleStart, sampleAtMs: workload.sampleAtMs },
    consumers: new IoConsumers(),
    changes: new IoChangeList(),
    sweep: new IoHostSweep(),
  };
  const perHost = options.perHostIntervals === true;
  const disk = newPass(ctx, DISK, capacities[DISK], settings.disk, perHost);
  const network = newPass(ctx, NETWORK, capacities[NETWORK], settings.network, perHost);
  for (let host = 0; host < dc.hostCount; host++) {
    fillConsumers(ctx, host);
    ctx.changes.invalidate();
    sweepHost(ctx, disk, host);
    sweepHost(ctx, network, host);
  }
  finishPass(ctx, disk);
  finishPass(ctx, network);
  return { intervalMs: record.meter.intervalMs, disk: disk.out, network: network.out };
}

function newPass(ctx: Context, resource: number, capacity: Float64Array, sharing: IoSharing, perHost: boolean): ResourcePass {
  const n = ctx.intervals;
  const out = emptyAccounting(ctx.workload.io ? 'trace' : 'none', capacity, ctx.workload.vmCount, n);
  if (perHost) {
    out.hostIntervalDemandMBps = new Float64Array(capacity.length * n);
    out.hostIntervalServedMBps = new Float64Array(capacity.length * n);
  }
  return {
    resource,
    capacity,
    sharing,
    columns: ioRateColumns(ctx.workload.io, resource),
    out,
    ticks: { intervalMs: ctx.record.meter.intervalMs, demand: new Float64Array(n), served: new Float64Array(n) },
    servedRated: new Float64Array(n),
    histogram: new UtilizationHistogram(),
  };
}

/** The host's stays and migration streams, clipped to the run and the VMs' ends. */
function fillConsumers(ctx: Context, host: number): void {
  const { workload, record, groups, consumers } = ctx;
  const durationMs = record.durationMs;
  consumers.clear();
  for (let s = groups.stayStart[host]!; s < groups.stayStart[host + 1]!; s++) {
    const stay = record.assignments[groups.stays[s]!]!;
    consumers.add(stay.vm, Math.max(0, stay.fromMs), Math.min(stay.toMs, durationMs, workload.endAtMs[stay.vm]!), Number.NaN);
  }
  for (let s = groups.migrationStart[host]!; s < groups.migrationStart[host + 1]!; s++) {
    const m = record.migrationLog[groups.migrations[s]!]!;
    const rate = migrationMBps(m.transferredMiB, m.startMs, m.endMs);
    if (rate > 0) consumers.add(m.vm, Math.max(0, m.startMs), Math.min(m.endMs, durationMs), rate);
  }
}

/** One resource on one host: the sweep, then its totals into the host, VM and interval arrays. */
function sweepHost(ctx: Context, pass: ResourcePass, host: number): void {
  const { record } = ctx;
  const { out, ticks } = pass;
  const capacity = pass.capacity[host]!;
  const network = pass.resource === NETWORK;
  // Disk when the trace has no disk columns (every stay asks 0; copy streams are network only)
  // on a host whose model gives no disk figure (no capacity counted): the sweep would add only
  // zeros, and the accounting starts at zero.
  if (!network && pass.columns === null && !Number.isFinite(capacity)) return;
  applySharing(ctx.consumers, pass.sharing, ctx.workload.cpuCapacityMhz);
  ticks.demand.fill(0);
  ticks.served.fill(0);
  const totals = ctx.sweep.run(capacity, ctx.consumers, ctx.changes, ctx.samples, pass.columns, network, ticks);
  collectConsumers(ctx, host, network, out);
  out.hostDemandInt[host] = totals.demandInt;
  out.hostServedInt[host] = totals.servedInt;
  const rated = Number.isFinite(capacity);
  out.hostCapacityInt[host] = rated ? capacity * Math.max(record.hosts.onInt[host]!, totals.busyMs) : 0;
  if (out.hostIntervalServedMBps) keepHostIntervals(ctx, host, ticks, out);
  for (let t = 0; t < ctx.intervals; t++) {
    out.intervalServedMBps[t] = out.intervalServedMBps[t]! + ticks.served[t]!;
    if (!rated || !(hostOnIn(record, host, t) || ticks.demand[t]! > 0)) continue;
    const capacityInt = capacity * intervalLength(record, t);
    const utilization = ticks.served[t]! / capacityInt;
    out.intervalCapacityMBps[t] = out.intervalCapacityMBps[t]! + capacityInt;
    pass.servedRated[t] = pass.servedRated[t]! + ticks.served[t]!;
    pass.histogram.add(utilization);
    if (utilization > out.hostPeakUtilization[host]!) out.hostPeakUtilization[host] = utilization;
  }
}

/** The host's interval integrals as means (MB/s), into its row of the per-host series. */
function keepHostIntervals(ctx: Context, host: number, ticks: IoTicks, out: ResourceAccounting): void {
  const base = host * ctx.intervals;
  for (let t = 0; t < ctx.intervals; t++) {
    const length = intervalLength(ctx.record, t);
    out.hostIntervalDemandMBps![base + t] = ticks.demand[t]! / length;
    out.hostIntervalServedMBps![base + t] = ticks.served[t]! / length;
  }
}

function collectConsumers(ctx: Context, host: number, withStreams: boolean, out: ResourceAccounting): void {
  const { consumers, sweep } = ctx;
  for (let i = 0; i < consumers.count; i++) {
    const demand = sweep.demandInt[i]!;
    const served = sweep.servedInt[i]!;
    if (!Number.isNaN(consumers.streamMBps[i]!)) {
      if (!withStreams) continue;
      out.hostMigrationDemandInt[host] = out.hostMigrationDemandInt[host]! + demand;
      out.hostMigrationServedInt[host] = out.hostMigrationServedInt[host]! + served;
      continue;
    }
    const vm = consumers.vm[i]!;
    out.vmHostedDemandInt[vm] = out.vmHostedDemandInt[vm]! + demand;
    out.vmServedInt[vm] = out.vmServedInt[vm]! + served;
  }
}

/** Adds the demand of VMs off hosts and of migrations, and turns interval integrals into means. */
function finishPass(ctx: Context, pass: ResourcePass): void {
  const { record, workload } = ctx;
  const out = pass.out;
  const intervalMs = record.meter.intervalMs;
  addLifeDemand(workload, pass.columns, record.durationMs, intervalMs, out.vmDemandInt, out.intervalDemandMBps);
  if (pass.resource === NETWORK) addMigrationDemand(record.migrationLog, record.durationMs, intervalMs, [out.intervalDemandMBps, out.intervalMigrationMBps]);
  for (let t = 0; t < ctx.intervals; t++) {
    const capacityInt = out.intervalCapacityMBps[t]!;
    if (capacityInt > 0) out.utilizationPeak = Math.max(out.utilizationPeak, pass.servedRated[t]! / capacityInt);
    const length = intervalLength(record, t);
    out.intervalDemandMBps[t] = out.intervalDemandMBps[t]! / length;
    out.intervalServedMBps[t] = out.intervalServedMBps[t]! / length;
    out.intervalCapacityMBps[t] = capacityInt / length;
    out.intervalMigrationMBps[t] = out.intervalMigrationMBps[t]! / length;
  }
  out.utilizationP95 = pass.histogram.quantile(0.95);
}

function hostOnIn(record: RunRecord, host: number, t: number): boolean {
  const m = record.meter;
  return t < m.recordedTicks && !Number.isNaN(m.hostUtilization[t * m.hostCount + host]!);
}

function intervalLength(record: RunRecord, t: number): number {
  const interval = record.meter.intervalMs;
  return Math.max(1e-9, Math.min(interval, record.durationMs - t * interval));
}

function emptyAccounting(source: 'trace' | 'none', capacity: Float64Array, vms: number, intervals: number): ResourceAccounting {
  const hosts = capacity.length;
  return {
    source,
    hostCapacityMBps: capacity,
    hostCapacityInt: new Float64Array(hosts),
    hostDemandInt: new Float64Array(hosts),
    hostServedInt: new Float64Array(hosts),
    hostMigrationDemandInt: new Float64Array(hosts),
    hostMigrationServedInt: new Float64Array(hosts),
    hostPeakUtilization: new Float64Array(hosts),
    vmDemandInt: new Float64Array(vms),
    vmHostedDemandInt: new Float64Array(vms),
    vmServedInt: new Float64Array(vms),
    intervalDemandMBps: new Float64Array(intervals),
    intervalServedMBps: new Float64Array(intervals),
    intervalCapacityMBps: new Float64Array(intervals),
    intervalMigrationMBps: new Float64Array(intervals),
    utilizationPeak: 0,
    utilizationP95: 0,
  };
}
