import type { IntervalSeries } from '../simulation/interval-series.js';
import type { DiskSummary, IoResult, NetworkSummary } from './io-result.js';
import type { CarbonSeries, CarbonSummary } from './carbon.js';
import type { RackSummary } from './rack-summary.js';

/**
 * What a run produces, as plain data (no rendering). Every field here is written to the run's
 * output folder by `write-run-files.ts` and read back by the report, so a report can always be
 * re-rendered from the files alone. Units are in the names.
 */
export interface RunSummary {
  simulatedSeconds: number;
  hosts: {
    total: number;
    /** Time-weighted mean of powered-on hosts. */
    activeMean: number;
    activePeak: number;
  };
  vms: { total: number; placed: number; unplaced: number };
  cpu: {
    /** Capacity of powered-on hosts, integrated over time. */
    capacityMHzHours: number;
    demandMHzHours: number;
    servedMHzHours: number;
    unmetMHzHours: number;
    /** unmet / demand, 0 when there is no demand. */
    unmetFraction: number;
    /** unmetMHzHours split by cause; the parts add up to it. */
    unmetCauses: UnmetCauses;
    /** served / capacity of powered-on hosts, 0..1. */
    utilizationMean: number;
    /** Highest report-interval cluster utilization. */
    utilizationPeak: number;
    /** 95th percentile of per-host, per-interval utilization. */
    utilizationP95: number;
  };
  /** Disk and network (docs/io.md); absent in runs made without I/O accounting. */
  disk?: DiskSummary;
  network?: NetworkSummary;
  memory: {
    /** Footprint (guest memory plus hypervisor overhead) integrated over time. */
    footprintMiBHours: number;
    /** Footprint that hosts could not back with physical memory, integrated over time. */
    overcommittedMiBHours: number;
  };
  energyKWh: number;
  powerMeanW: number;
  powerPeakW: number;
  /** Mean VMs per powered-on host (time-weighted). */
  consolidationRatio: number;
  /** Total host cost, when the host models give one. */
  costUsd: number | null;
  migrations: number;
  /**
   * SLA metrics of Beloglazov & Buyya (CCPE 2012): slatah = mean over hosts of the fraction of
   * their active time spent overloaded (demand above capacity); pdm = mean over VMs of the CPU
   * lost to migration as a fraction of their demand; slav = slatah x pdm.
   */
  sla: { slatah: number; pdm: number; slav: number };
  /** Energy x SLA violation (kWh x slav). */
  esv: number;
  hostShutdowns: number;
  /** Host outages (each host of a domain event counts once). */
  hostFailures: number;
  /** Restarts of VMs after their host failed (HA). */
  vmRestarts: number;
  /** VM-hours during which a VM that had started was not running (host down, waiting, booting). */
  vmDowntimeHours: number;
  /** CPU demand not served because the VM was down, MHz-hours (part of cpu.unmetMHzHours). */
  lostMHzHours: number;
  /**
   * Fraction of VM-time running: 1 - downtime / (VM lifetime after first start). Null when no
   * VM ever ran: there is nothing to measure, and "100%" would be a confident wrong answer.
   */
  availability: number | null;
  /** VMs given up after exceeding the restart limit. */
  vmsFailed: number;
  /** Rolling maintenance: hosts upgraded and the migrations it took. */
  maintenance: { hostsUpgraded: number; migrations: number; hostHoursDown: number };
  /** Hypervisor upgrades compared across modes (only in runs with maintenance). */
  upgrade?: UpgradeSummary;
  /**
   * Only in runs with failures: host failures that stopped at least one VM, and the VMs they
   * stopped; their ratio is the blast radius of one failure.
   */
  blastRadius?: { failuresWithVms: number; vmsStopped: number };
  /** Rollouts (only in runs with a rollout schedule). */
  rollout?: RolloutSummary;
  /** Handled trace quirks and run notes, by code. */
  warnings: Record<string, number>;
  /** Unplaced VMs by reason code. */
  unplacedReasons: Record<string, number>;
  /** Facility energy and carbon (docs/facility.md); absent when the scenario gives no carbon intensity. */
  carbon?: CarbonSummary;
  /** Rack limits and peak power against them (docs/facility.md); absent when no rack has a budget or slots. */
  racks?: RackSummary;
  /** Deferrable work (docs/simulation.md); absent when no VM is deferrable. */
  deferrable?: DeferrableSummary;
}

/**
 * Deferrable work, MHz-hours: demand = served now + served late + pending + dropped. Served now
 * is what a deferrable VM got of its demand (within its size) when it came; what it did not get
 * waited in its backlog and was served late, is still pending at the end, or was dropped with a
 * VM that failed for good; dropped also holds demand above a VM's size and demand of a VM never
 * placed, which no backlog serves.
 */
export interface DeferrableSummary {
  /** Deferrable VMs. */
  vms: number;
  demandMHzHours: number;
  servedNowMHzHours: number;
  servedLateMHzHours: number;
  pendingMHzHours: number;
  droppedMHzHours: number;
  /** Everything that went to a backlog (served late + pending + dropped from a backlog). */
  deferredMHzHours: number;
  /** servedLate / demand. */
  servedLateFraction: number;
  /** Most work pending at the end of a report interval. */
  backlogPeakMHzHours: number;
  /** Delay of the work served late, weighted by amount, seconds; null when nothing was served late. */
  delaySeconds: { p50: number; p95: number; max: number; mean: number } | null;
  /** |demand - (served now + served late + pending + dropped)| / demand: the conservation check. */
  conservationError: number;
}

/** backlog.csv: mean deferrable work pending in each report interval, MHz-s. */
export interface BacklogSeries {
  startSeconds: Float64Array;
  pendingMHzSeconds: Float64Array;
}

/** summary.json's `upgrade` block: what one mode of hypervisor upgrade cost. */
export interface UpgradeSummary {
  mode: 'drain' | 'standby';
  transitionSeconds: number | null;
  transitionCpuFraction: number | null;
  hostsUpgraded: number;
  /** Host-hours out of normal service (closed to placement until upgraded, or in hand-over). */
  hostHoursOut: number;
  migrations: number;
  migratedGiB: number;
  /**
   * Demand lost to the upgrade, MHz-hours: the hand-over transitions (standby), or the live
   * migrations' degradation (drain; null when dynamic consolidation also migrated, as the two
   * cannot be told apart).
   */
  lostMHzHours: number | null;
}

/** summary.json's `rollout` block. */
export interface RolloutSummary {
  mode: 'immutable' | 'in-place';
  waveSize: number;
  bootSeconds: number;
  overlapSeconds: number;
  patchSeconds: number;
  rollouts: number;
  /** Rollouts finished before the end of the run. */
  rolloutsCompleted: number;
  waves: number;
  replaced: number;
  replacedInPlace: number;
  skipped: number;
  peakSurgeHosts: number;
  instanceDownHours: number;
  lostMHzHours: number;
}

/**
 * Why CPU demand went unmet, MHz-hours. Each instant of a VM's demand falls in exactly one:
 * never placed; down (its host failed and it is not yet restarting, or no HA); waiting for a
 * host to restart on or booting there; above its own cap while running (no number of hosts
 * serves it); lost to live-migration degradation; the rest is contention on a shared (or
 * still booting) host.
 */
export interface UnmetCauses {
  unplacedMHzHours: number;
  aboveSizeMHzHours: number;
  contentionMHzHours: number;
  migrationMHzHours: number;
  waitingMHzHours: number;
  hostDownMHzHours: number;
  /** Deferrable work still waiting in a backlog at the end; only in runs with deferrable VMs. */
  pendingMHzHours?: number;
  /**
   * Services scaled out (compare's scaling axis) only: demand above a serving instance's size
   * while another instance of its service was booting, moved here from aboveSizeMHzHours.
   */
  lostWhileBootingMHzHours?: number;
  /** Only in runs with rollouts: demand lost while instances were patched or booted in place. */
  rolloutMHzHours?: number;
  /** Only in runs with standby-hypervisor upgrades: demand lost in the hand-over transitions. */
  upgradeTransitionMHzHours?: number;
}

/** One row of hosts.csv. */
export interface HostRow {
  hostId: string;
  model: string;
  cluster: string;
  rack: string;
  cpuCapacityMhz: number;
  memoryMiB: number;
  vmsPlaced: number;
  demandMHzHours: number;
  servedMHzHours: number;
  unmetMHzHours: number;
  utilizationMean: number;
  utilizationPeak: number;
  overloadedHours: number;
  onHours: number;
  energyKWh: number;
}

/** One row of vms.csv. */
export interface VmRow {
  vmId: string;
  /** Host id, or '' when unplaced. */
  hostId: string;
  /** failed: given up after too many restarts. */
  status: 'placed' | 'unplaced' | 'failed';
  /** Why a VM is unplaced (reason code), '' when placed. */
  reason: string;
  cores: number;
  cpuCapacityMhz: number;
  memoryMiB: number;
  demandMHzHours: number;
  servedMHzHours: number;
  unmetMHzHours: number;
  restarts: number;
  downtimeHours: number;
  /** Demand while down, MHz-hours. */
  lostMHzHours: number;
}

/** One row of outages.csv: a host down from start to end (failure, domain event or maintenance). */
export interface OutageRow {
  hostId: string;
  /** host, rack, cluster, trace (a failure trace) or maintenance. */
  cause: string;
  startSeconds: number;
  endSeconds: number;
}

/** Columns of timeseries.csv: one row per report interval, values are interval means. */
export interface TimeSeries {
  intervalSeconds: number;
  startSeconds: Float64Array;
  demandMhz: Float64Array;
  servedMhz: Float64Array;
  unmetMhz: Float64Array;
  capacityMhz: Float64Array;
  activeHosts: Float64Array;
  powerW: Float64Array;
  /** Energy used from t = 0 to the end of the interval. */
  energyKWhCumulative: Float64Array;
  migrations: Float64Array;
  /** Mean number of hosts down (failed or in maintenance) over the interval. */
  hostsDown: Float64Array;
  /** VMs waiting for a host to restart on, interval mean. */
  vmsWaiting: Float64Array;
}

/**
 * host-utilization.csv: per host (rows, host order) the mean CPU utilization of each time bucket
 * (columns); buckets are report intervals merged so that there are at most MAX_HEATMAP_BUCKETS.
 */
export interface HostHeatmap {
  bucketSeconds: number;
  hostIds: string[];
  /** Row-major, hostIds.length x buckets. */
  utilization: Float64Array;
  buckets: number;
}

export const MAX_HEATMAP_BUCKETS = 240;

/** run.json: what went in, so a run can be reproduced and checked. */
export interface RunInputs {
  rackplanVersion: string;
  seed: number;
  scenarioName: string;
  trace: { path: string; format: string; vms: number; samples: number };
  topology: string;
  placement: string;
  sharing: string;
  /** Which model produced the figures: "rackplan model" or "CloudSim 3.0.3 compatibility" (docs/validation.md). */
  model: string;
  /** Every input file with its sha256. */
  files: { role: string; path: string; bytes: number; sha256: string }[];
  /** The fully resolved scenario, flags applied. */
  scenario: unknown;
  /** What the run assumed that its inputs did not say (e.g. the clock rate and power of a trace's machines); absent when nothing. */
  assumptions?: string[];
  /** An OpenDC topology file: what was mapped and what was not (topologyNotes); absent otherwise. */
  topologyNotes?: string[];
}

export interface RunResult {
  summary: RunSummary;
  inputs: RunInputs;
  hosts: HostRow[];
  vms: VmRow[];
  timeseries: TimeSeries;
  heatmap: HostHeatmap;
  outages: OutageRow[];
  /** Per-host and per-VM means of every report interval; only when the run asked (recordIntervals). */
  intervals?: IntervalSeries;
  /** Per-host and per-VM disk and network, and their series; absent without I/O accounting. */
  io?: IoResult;
  /** Intensity and carbon per report interval (carbon.csv); absent without a carbon intensity. */
  carbon?: CarbonSeries;
  /** Deferrable work pending over time; absent when no VM is deferrable. */
  backlog?: BacklogSeries;
}
