import type { IntervalSeries } from './interval-series.js';
import type { RackRecord } from './rack-record.js';
import type { RunMeter } from './run-meter.js';

/** The raw integrals of a finished run (MHz x ms, W x ms, ms), as the simulation left them. */
export interface RunRecord {
  durationMs: number;
  meter: RunMeter;
  /** Per-host and per-VM interval means, when the run asked for them. */
  intervals?: IntervalSeries;
  /** Deferrable work: served now and late, pending, dropped, delays; when some VM is deferrable. */
  backlog?: BacklogRecord;
  hosts: {
    ids: readonly string[];
    model: readonly string[];
    cluster: readonly string[];
    rack: readonly string[];
    /** Guest-visible CPU capacity, MHz (what utilization is relative to). */
    cpuCapacityMhz: Float64Array;
    memoryMiB: Float64Array;
    costUsd: readonly (number | null)[];
    vmsPlaced: Int32Array;
    demandInt: Float64Array;
    servedInt: Float64Array;
    energyInt: Float64Array;
    onInt: Float64Array;
    overloadInt: Float64Array;
    peakUtilization: Float64Array;
  };
  vms: {
    ids: readonly string[];
    /** Host index or -1. */
    host: Int32Array;
    placed: (vm: number) => boolean;
    arrived: (vm: number) => boolean;
    reason: readonly string[];
    cores: Float64Array;
    cpuCapacityMhz: Float64Array;
    memoryMiB: Float64Array;
    demandInt: Float64Array;
    servedInt: Float64Array;
    /** CPU lost to migration degradation, MHz x ms. */
    degradedInt: Float64Array;
    restarts: Int32Array;
    /** Time down after first starting, ms. */
    downInt: Float64Array;
    /** Demand while down, MHz x ms. */
    lostInt: Float64Array;
    /** The part of lostInt spent waiting for a host to restart on, or booting there, MHz x ms. */
    waitingInt: Float64Array;
    /** Demand above the VM's CPU cap while it ran, MHz x ms. */
    aboveSizeInt: Float64Array;
    /** Time from first start to departure (or the end), ms. */
    lifetimeInt: Float64Array;
    failed: (vm: number) => boolean;
    /** 1 per deferrable VM. */
    deferrable: Uint8Array;
  };
  /** Host outages, one row per host and outage, in start order. */
  outages: OutageRecord[];
  maintenance: { hostsUpgraded: number; migrations: number; hostHoursDown: number };
  /** Hypervisor upgrades, when the run had maintenance: drain by live migration or standby hand-over. */
  upgrade?: UpgradeRecord;
  /** Host failures that stopped VMs and how many they stopped, when the run had failures. */
  blastRadius?: { failuresWithVms: number; vmsStopped: number };
  /** Rollouts, when the run had a rollout schedule. */
  rollout?: RolloutRecord;
  /** Which VM ran on which host when ([fromMs, toMs)), in the order the stays began. */
  assignments: Assignment[];
  /** Every live migration started, in start order. */
  migrationLog: MigrationRecord[];
  warnings: Record<string, number>;
  /** Rack limits and peaks, when the topology gives racks a power budget or slots. */
  racks?: RackRecord;
}

export interface Assignment {
  vm: number;
  host: number;
  fromMs: number;
  toMs: number;
}

export interface MigrationRecord {
  vm: number;
  from: number;
  to: number;
  startMs: number;
  /** When the copy ended (or was abandoned). */
  endMs: number;
  /** Memory sent over the network, MiB. */
  transferredMiB: number;
  completed: boolean;
}


/** A host down from start to end (failure, domain event or maintenance): one row of outages.csv. */
export interface OutageRecord {
  hostId: string;
  /** host, rack, cluster, trace (a failure trace) or maintenance. */
  cause: string;
  startSeconds: number;
  endSeconds: number;
}

/** What a run's hypervisor upgrades cost, in either mode (run-record units: ms, MiB, MHz x ms). */
export interface UpgradeRecord {
  mode: 'drain' | 'standby';
  /** standby: the hand-over time per host; null for a drain. */
  transitionMs: number | null;
  /** standby: share of its CPU a VM keeps during the hand-over; null for a drain. */
  transitionCpuFraction: number | null;
  hostsUpgraded: number;
  /** Host time out of normal service: closed to placement until upgraded (drain), or in its hand-over (standby). */
  hostOutMs: number;
  migrations: number;
  /** Memory the drain's live migrations copied, MiB (0 for standby). */
  migratedMiB: number;
  /** standby: demand the VMs lost in their hand-over, MHz x ms; null for a drain (its loss is the migration cause). */
  transitionLostInt: number | null;
}

/** What a run's rollouts cost (rollout.ts). */
export interface RolloutRecord {
  mode: 'immutable' | 'in-place';
  waveSize: number;
  bootMs: number;
  overlapMs: number;
  patchMs: number;
  rollouts: number;
  /** Rollouts that reached their last wave before the end of the run. */
  completed: number;
  waves: number;
  /** Instances replaced (immutable, by a new instance elsewhere) or patched (in-place). */
  replaced: number;
  /** immutable: instances replaced in place because no host had room for the new one. */
  inPlace: number;
  /** Instances not replaced: down, migrating or gone when their turn (or their retirement) came. */
  skipped: number;
  /** The most hosts on during a rollout beyond those on when it began (measured as each wave is placed). */
  peakSurgeHosts: number;
  /** Instance time down in place (patches, boots in place), ms. */
  instanceDownMs: number;
  /** Demand lost while down in place, MHz x ms. */
  lostInt: number;
}

/** What a deferrable run leaves behind (MHz x ms unless named otherwise). */
export interface BacklogRecord {
  /** Demand served when it came (what the VM was served up to its current demand within its size). */
  servedNowInt: number;
  /** Deferred demand served later, on top of the VM's demand at that time. */
  servedLateInt: number;
  /** Deferred and still waiting at the end of the run. */
  pendingInt: number;
  /** Never deferred or given up: demand above a VM's size, of a VM never placed, or left by a failed VM. */
  droppedInt: number;
  /** Everything deferred (served late + pending + the part dropped when a failed VM left). */
  deferredInt: number;
  /** Delay of each chunk served to its end (ms), and its amount (MHz x ms). */
  delayMs: readonly number[];
  delayWeight: readonly number[];
  /** Mean pending work in each report interval, MHz x ms. */
  pendingMean: Float64Array;
  /** Most pending work at a report interval's end, MHz x ms. */
  pendingPeak: number;
  /** Deferrable VMs. */
  vmCount: number;
}
