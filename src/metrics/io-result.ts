/**
 * Disk and network in a run's results (see docs/io.md). Disk is in MB/s (decimal MB, read and
 * write together), network in Gbit/s (receive and transmit together); integrals are those
 * rates x hours, like the CPU's MHz-hours. A host whose model gives no bandwidth for a resource
 * is unrated: its capacity and utilization are NaN (empty CSV cells) and it is never contended.
 */

/** summary.json `disk`, shaped like `cpu`. */
export interface DiskSummary {
  /** `trace`: from the trace's I/O columns; `none`: the trace has none, so every demand is 0. */
  source: 'trace' | 'none';
  /** Bandwidth of rated hosts while on, integrated over time. */
  capacityMBpsHours: number;
  demandMBpsHours: number;
  servedMBpsHours: number;
  unmetMBpsHours: number;
  unmetFraction: number;
  /** Served on rated hosts / capacity, 0..1. */
  utilizationMean: number;
  utilizationPeak: number;
  utilizationP95: number;
  /** Hosts whose model gives no disk bandwidth. */
  hostsUnrated: number;
}

/** summary.json `network`, shaped like `cpu`; migration copies count on both hosts' NICs. */
export interface NetworkSummary {
  source: 'trace' | 'none';
  capacityGbpsHours: number;
  demandGbpsHours: number;
  servedGbpsHours: number;
  unmetGbpsHours: number;
  unmetFraction: number;
  utilizationMean: number;
  utilizationPeak: number;
  utilizationP95: number;
  hostsUnrated: number;
  /** The part of demand and served that is live-migration traffic. */
  migrationDemandGbpsHours: number;
  migrationServedGbpsHours: number;
}

/** One row of io-hosts.csv. */
export interface IoHostRow {
  hostId: string;
  diskCapacityMBps: number;
  diskDemandMBpsHours: number;
  diskServedMBpsHours: number;
  diskUnmetMBpsHours: number;
  diskUtilizationMean: number;
  diskUtilizationPeak: number;
  networkCapacityGbps: number;
  networkDemandGbpsHours: number;
  networkServedGbpsHours: number;
  networkUnmetGbpsHours: number;
  networkUtilizationMean: number;
  networkUtilizationPeak: number;
  migrationDemandGbpsHours: number;
  /** Mean demand / capacity while on, per resource (0 when unrated or never on). */
  cpuDemandRatio: number;
  diskDemandRatio: number;
  networkDemandRatio: number;
  /** The resource with the highest demand ratio (cpu, disk, network), or `none` without demand. */
  bottleneck: string;
}

/** One row of io-vms.csv; demand covers the VM's whole life (unmet while not on a host). */
export interface IoVmRow {
  vmId: string;
  diskDemandMBpsHours: number;
  diskServedMBpsHours: number;
  diskUnmetMBpsHours: number;
  networkDemandGbpsHours: number;
  networkServedGbpsHours: number;
  networkUnmetGbpsHours: number;
}

/** Columns of io-timeseries.csv, one row per report interval (interval means). */
export interface IoTimeSeries {
  startSeconds: Float64Array;
  diskDemandMBps: Float64Array;
  diskServedMBps: Float64Array;
  /** Bandwidth of the rated hosts on during the interval. */
  diskCapacityMBps: Float64Array;
  networkDemandGbps: Float64Array;
  networkServedGbps: Float64Array;
  networkCapacityGbps: Float64Array;
  migrationGbps: Float64Array;
}

/**
 * Per host and report interval (host-major: `[host * intervals + t]`), interval means; migration
 * streams count on the hosts they touch. Recorded only with the other interval series
 * (RunResult.intervals, for hosts.parquet); no CSV holds them.
 */
export interface IoHostIntervals {
  intervals: number;
  diskDemandMBps: Float64Array;
  diskServedMBps: Float64Array;
  networkDemandGbps: Float64Array;
  networkServedGbps: Float64Array;
}

export interface IoResult {
  hosts: IoHostRow[];
  vms: IoVmRow[];
  timeseries: IoTimeSeries;
  hostIntervals?: IoHostIntervals;
}
