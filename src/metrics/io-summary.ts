import { MBPS_PER_GBPS } from '../scheduling/io-capacity.js';
import type { IoAccounting, ResourceAccounting } from '../simulation/io-replay/io-accounting.js';
import { hostBottlenecks } from './io-bottleneck.js';
import type { DiskSummary, IoHostIntervals, IoHostRow, IoResult, IoTimeSeries, IoVmRow, NetworkSummary } from './io-result.js';
import type { RunRecord } from '../simulation/run-record.js';

const MS_PER_HOUR = 3_600_000;

/**
 * Demand - served, with differences below 1e-9 of the demand taken as 0: demand and service are
 * summed along different paths (VM lives, host sweeps), so exact equality shows as rounding.
 */
function unmetOf(demand: number, served: number): number {
  const unmet = demand - served;
  return unmet > 1e-9 * Math.abs(demand) ? unmet : 0;
}

/** Disk and network totals in the shape of `cpu` (in the given unit: MB/s or Gbit/s). */
interface ResourceTotals {
  capacity: number;
  demand: number;
  served: number;
  unmet: number;
  unmetFraction: number;
  utilizationMean: number;
  utilizationPeak: number;
  utilizationP95: number;
  hostsUnrated: number;
  migrationDemand: number;
  migrationServed: number;
}

/** summary.json's `disk` and `network` blocks and the I/O rows and series of a run. */
export function summarizeIo(record: RunRecord, io: IoAccounting): { disk: DiskSummary; network: NetworkSummary; io: IoResult } {
  const d = totals(io.disk, 1);
  const n = totals(io.network, MBPS_PER_GBPS);
  return {
    disk: {
      source: io.disk.source,
      capacityMBpsHours: d.capacity,
      demandMBpsHours: d.demand,
      servedMBpsHours: d.served,
      unmetMBpsHours: d.unmet,
      unmetFraction: d.unmetFraction,
      utilizationMean: d.utilizationMean,
      utilizationPeak: d.utilizationPeak,
      utilizationP95: d.utilizationP95,
      hostsUnrated: d.hostsUnrated,
    },
    network: {
      source: io.network.source,
      capacityGbpsHours: n.capacity,
      demandGbpsHours: n.demand,
      servedGbpsHours: n.served,
      unmetGbpsHours: n.unmet,
      unmetFraction: n.unmetFraction,
      utilizationMean: n.utilizationMean,
      utilizationPeak: n.utilizationPeak,
      utilizationP95: n.utilizationP95,
      hostsUnrated: n.hostsUnrated,
      migrationDemandGbpsHours: n.migrationDemand,
      migrationServedGbpsHours: n.migrationServed,
    },
    io: { hosts: hostRows(record, io), vms: vmRows(record, io), timeseries: timeSeries(record, io), ...hostIntervals(io) },
  };
}

/** The per-host interval series, when accountIo recorded them (network in Gbit/s like the rest). */
function hostIntervals(io: IoAccounting): { hostIntervals?: IoHostIntervals } {
  const { disk, network } = io;
  if (!disk.hostIntervalServedMBps || !network.hostIntervalServedMBps) return {};
  const gbps = (a: Float64Array) => Float64Array.from(a, (v) => v / MBPS_PER_GBPS);
  return {
    hostIntervals: {
      intervals: disk.intervalDemandMBps.length,
      diskDemandMBps: disk.hostIntervalDemandMBps!,
      diskServedMBps: disk.hostIntervalServedMBps,
      networkDemandGbps: gbps(network.hostIntervalDemandMBps!),
      networkServedGbps: gbps(network.hostIntervalServedMBps),
    },
  };
}

/**
 * Cluster totals: demand = every VM's demand over its life + migration streams on each host;
 * served = what hosts served; utilization counts rated hosts only.
 */
function totals(r: ResourceAccounting, perUnit: number): ResourceTotals {
  const scale = MS_PER_HOUR * perUnit;
  let capacity = 0;
  let served = 0;
  let servedRated = 0;
  let migrationDemand = 0;
  let migrationServed = 0;
  let hostsUnrated = 0;
  for (let h = 0; h < r.hostCapacityMBps.length; h++) {
    capacity += r.hostCapacityInt[h]!;
    served += r.hostServedInt[h]!;
    migrationDemand += r.hostMigrationDemandInt[h]!;
    migrationServed += r.hostMigrationServedInt[h]!;
    if (Number.isFinite(r.hostCapacityMBps[h]!)) servedRated += r.hostServedInt[h]!;
    else hostsUnrated++;
  }
  let demand = migrationDemand;
  for (let vm = 0; vm < r.vmDemandInt.length; vm++) demand += r.vmDemandInt[vm]!;
  const unmet = unmetOf(demand, served);
  return {
    capacity: capacity / scale,
    demand: demand / scale,
    served: served / scale,
    unmet: unmet / scale,
    unmetFraction: demand > 0 ? unmet / demand : 0,
    utilizationMean: capacity > 0 ? servedRated / capacity : 0,
    utilizationPeak: r.utilizationPeak,
    utilizationP95: r.utilizationP95,
    hostsUnrated,
    migrationDemand: migrationDemand / scale,
    migrationServed: migrationServed / scale,
  };
}

function hostRows(record: RunRecord, io: IoAccounting): IoHostRow[] {
  const bottlenecks = hostBottlenecks(record, io);
  const gbpsHours = MS_PER_HOUR * MBPS_PER_GBPS;
  const { disk, network } = io;
  return record.hosts.ids.map((hostId, h) => ({
    hostId,
    diskCapacityMBps: rated(disk.hostCapacityMBps[h]!),
    diskDemandMBpsHours: disk.hostDemandInt[h]! / MS_PER_HOUR,
    diskServedMBpsHours: disk.hostServedInt[h]! / MS_PER_HOUR,
    diskUnmetMBpsHours: unmetOf(disk.hostDemandInt[h]!, disk.hostServedInt[h]!) / MS_PER_HOUR,
    diskUtilizationMean: utilization(disk, h),
    diskUtilizationPeak: Number.isFinite(disk.hostCapacityMBps[h]!) ? disk.hostPeakUtilization[h]! : Number.NaN,
    networkCapacityGbps: rated(network.hostCapacityMBps[h]!) / MBPS_PER_GBPS,
    networkDemandGbpsHours: network.hostDemandInt[h]! / gbpsHours,
    networkServedGbpsHours: network.hostServedInt[h]! / gbpsHours,
    networkUnmetGbpsHours: unmetOf(network.hostDemandInt[h]!, network.hostServedInt[h]!) / gbpsHours,
    networkUtilizationMean: utilization(network, h),
    networkUtilizationPeak: Number.isFinite(network.hostCapacityMBps[h]!) ? network.hostPeakUtilization[h]! : Number.NaN,
    migrationDemandGbpsHours: network.hostMigrationDemandInt[h]! / gbpsHours,
    ...bottlenecks[h]!,
  }));
}

function vmRows(record: RunRecord, io: IoAccounting): IoVmRow[] {
  const gbpsHours = MS_PER_HOUR * MBPS_PER_GBPS;
  const { disk, network } = io;
  return record.vms.ids.map((vmId, v) => ({
    vmId,
    diskDemandMBpsHours: disk.vmDemandInt[v]! / MS_PER_HOUR,
    diskServedMBpsHours: disk.vmServedInt[v]! / MS_PER_HOUR,
    diskUnmetMBpsHours: unmetOf(disk.vmDemandInt[v]!, disk.vmServedInt[v]!) / MS_PER_HOUR,
    networkDemandGbpsHours: network.vmDemandInt[v]! / gbpsHours,
    networkServedGbpsHours: network.vmServedInt[v]! / gbpsHours,
    networkUnmetGbpsHours: unmetOf(network.vmDemandInt[v]!, network.vmServedInt[v]!) / gbpsHours,
  }));
}

function timeSeries(record: RunRecord, io: IoAccounting): IoTimeSeries {
  const n = io.disk.intervalDemandMBps.length;
  const gbps = (a: Float64Array) => Float64Array.from(a, (v) => v / MBPS_PER_GBPS);
  return {
    startSeconds: Float64Array.from({ length: n }, (_, t) => (t * record.meter.intervalMs) / 1000),
    diskDemandMBps: io.disk.intervalDemandMBps.slice(),
    diskServedMBps: io.disk.intervalServedMBps.slice(),
    diskCapacityMBps: io.disk.intervalCapacityMBps.slice(),
    networkDemandGbps: gbps(io.network.intervalDemandMBps),
    networkServedGbps: gbps(io.network.intervalServedMBps),
    networkCapacityGbps: gbps(io.network.intervalCapacityMBps),
    migrationGbps: gbps(io.network.intervalMigrationMBps),
  };
}

function rated(capacityMBps: number): number {
  return Number.isFinite(capacityMBps) ? capacityMBps : Number.NaN;
}

function utilization(r: ResourceAccounting, h: number): number {
  if (!Number.isFinite(r.hostCapacityMBps[h]!)) return Number.NaN;
  return r.hostCapacityInt[h]! > 0 ? r.hostServedInt[h]! / r.hostCapacityInt[h]! : 0;
}
