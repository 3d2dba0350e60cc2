import type { FailureSchedule } from '../failures/failure-schedule.js';
import type { CloudsimPlanner } from '../migration/cloudsim/cloudsim-planner.js';
import type { CloudsimSwitches, CompatMode } from '../model/cloudsim-compat.js';
import type { ConsolidationPlanner } from '../migration/consolidation-planner.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { EventSink } from './event-log.js';
import type { SharingRules } from './sharing-rules.js';

/** Event kinds of a replay; the target is a VM index, a host index, or 0. */
export const SAMPLE = 0;
export const ARRIVE = 1;
export const TICK = 2;
export const CONSOLIDATE = 3;
export const MIGRATION_DONE = 4;
export const HOST_BOOTED = 5;
export const HOST_FAIL = 6;
export const HOST_REPAIR = 7;
export const VM_RESTART = 8;
export const VM_BOOTED = 9;
export const MAINTENANCE_STEP = 10;
/** Compatibility mode: CloudSim's second processing once every migration of a moment has ended. */
export const CLOUDSIM_REFRESH = 11;
/** Deferrable work: a VM's backlog runs dry (or needs its last millisecond). */
export const BACKLOG_EMPTY = 12;
/** Deferrable work: the end of a report interval (the pending-work series). */
export const BACKLOG_TICK = 13;
/** A rollout's next step: a rollout begins, a wave of replacements boots, overlaps or retires. */
export const ROLLOUT_STEP = 14;
export const EVENT_KIND_COUNT = 15;

export const VM_PENDING = 0;
export const VM_PLACED = 1;
export const VM_UNPLACED = 2;
export const VM_DEPARTED = 3;

export interface PowerOptions {
  /** Hosts without VMs (and no incoming migration) are switched off. */
  switchOffIdle: boolean;
  /** false: every powered host draws its full-load power (no power management, "npa"). */
  followsLoad: boolean;
  /** The classic CloudSim convention: a host at 0% CPU draws 0 W and counts as off. */
  zeroUtilizationIsOff: boolean;
  /** Energy is counted from this time on (the classic setup starts after the first interval). */
  energyFromMs: number;
}

export interface MigrationOptions {
  /** Fraction of a migrating VM's CPU lost while it migrates (0.1 = 10%). */
  degradation: number;
  /** `simple`: memory / (bandwidth / 2); `pre-copy`: rounds against a dirty-page rate. */
  model: 'simple' | 'pre-copy';
  dirtyMiBps: number;
  maxDowntimeMs: number;
}

export interface ConsolidationOptions {
  intervalMs: number;
  planner: ConsolidationPlanner;
  /** Rounds of utilization history kept per VM (Beloglazov & Buyya keep 30). */
  historyLength: number;
}

/**
 * The CloudSim 3.0.3 compatibility mode (model/cloudsim-compat.ts, docs/validation.md): its
 * datacenter loop replaces the consolidation round, energy and shutdown counting.
 */
export interface CompatOptions {
  mode: CompatMode;
  switches: CloudsimSwitches;
  /** CloudSim's scheduling interval, and how far into it CloudSim processes (0.1 s). */
  intervalMs: number;
  offsetMs: number;
  /** null: no migrations (dvfs, npa). */
  planner: CloudsimPlanner | null;
  historyLength: number;
  /** The trace's own samples when demand is read 0.1 s into each interval (set by simulate). */
  rawCpuMhz?: Float32Array;
  /** How CloudSim places the VMs at creation (power-aware for the migration policies). */
  initialPlacement: 'power-aware' | 'first-fit';
}

/** High availability: how VMs of a failed host come back. */
export interface HaOptions {
  /** Time to notice a host failure before restarting its VMs elsewhere. */
  detectionMs: number;
  /** Guest boot time after a restart (the VM is placed but serves nothing). */
  bootMs: number;
  /** Restarts allowed per VM; a VM whose host fails after that many is reported as failed. */
  restartLimit: number;
}

/** Rolling hypervisor upgrades: drain a batch of hosts by live migration, upgrade, return. */
export interface MaintenanceOptions {
  startMs: number;
  batchSize: number;
  upgradeMs: number;
  /** How often a batch in progress is checked (retry drains, start and end upgrades). */
  checkIntervalMs: number;
  /**
   * Absent: drain each host by live migration, then upgrade it (down for upgradeMs). Present:
   * hand the host's load to a standby hypervisor instead (standby-upgrade.ts): the VMs stay,
   * with only `cpuFraction` of their CPU for `transitionMs`, and nothing is copied.
   */
  standby?: StandbyUpgradeOptions;
}

export interface StandbyUpgradeOptions {
  transitionMs: number;
  /** Share of its CPU a VM keeps during the hand-over (0: paused). */
  cpuFraction: number;
}

/**
 * Replacing every running VM on a schedule (rollout.ts): `immutable` boots a new instance
 * through placement, overlaps it with the old one, then retires the old one; `in-place` patches
 * each instance where it runs, down for patchMs. Waves of waveSize instances, one at a time.
 */
export interface RolloutOptions {
  mode: 'immutable' | 'in-place';
  /** When each rollout begins, ascending; a rollout still running delays the next. */
  startsMs: number[];
  /** Non-null: rollouts repeat this often after the last of startsMs, until the end of the run. */
  everyMs: number | null;
  waveSize: number;
  /** Guest boot time of a new instance before it can serve (the guest model's bootSeconds). */
  bootMs: number;
  /** Old and new instance run side by side this long after the boot, then the old retires. */
  overlapMs: number;
  /** in-place: how long each instance is down for its patch. */
  patchMs: number;
}

export interface SimulationOptions {
  /** Host outages, in start order (empty: no failures). */
  failures: FailureSchedule;
  ha: HaOptions;
  maintenance: MaintenanceOptions | null;
  /** null: no rollouts. */
  rollout: RolloutOptions | null;
  power: PowerOptions;
  migration: MigrationOptions;
  /** null: no dynamic consolidation. */
  consolidation: ConsolidationOptions | null;
  /** null: rackplan's own model (the default). */
  compat: CompatOptions | null;
  /** VMs starting before this time are placed together at t = 0, as one batch. */
  initialBatchMs: number;
  reportIntervalMs: number;
  durationMs: number;
  onProgress?: (fraction: number) => void;
  /** Host index per VM (-1 = any): a dedicated-server baseline pins each workload to its own host. */
  pinnedHost?: Int32Array;
  /** Record per-host and per-VM means of every report interval (interval-series.ts). */
  recordIntervals?: boolean;
  /** 1 per deferrable VM (backlog.ts); absent: no VM is deferrable and the feature costs nothing. */
  deferrable?: Uint8Array;
}

/**
 * What a caller hands simulate(): the same shape as SimulationOptions with every group
 * optional (the defaults below fill it), plus how VMs share and are placed, and what to observe.
 * There is no second options type: a scenario file's settings become these fields in one place
 * (scenario/simulation-settings-of.ts), in the units of SimulationOptions.
 */
export type SimulationSettings = Partial<Omit<SimulationOptions, 'power' | 'migration' | 'ha' | 'initialBatchMs' | 'reportIntervalMs'>> &
  Pick<SimulationOptions, 'initialBatchMs' | 'reportIntervalMs'> & {
    power?: Partial<PowerOptions>;
    migration?: Partial<MigrationOptions>;
    ha?: Partial<HaOptions>;
    rules: SharingRules;
    policy: PlacementPolicy;
    /** Where the event log goes (off when absent). */
    events?: EventSink;
  };

/** Fills a caller's settings with the defaults; `traceEndMs` is the duration when none is given. */
export function resolveSimulationOptions(settings: SimulationSettings, traceEndMs: number): SimulationOptions {
  return {
    power: { ...DEFAULT_POWER, ...settings.power },
    migration: { ...DEFAULT_MIGRATION, ...settings.migration },
    consolidation: settings.consolidation ?? null,
    compat: settings.compat ?? null,
    failures: settings.failures ?? [],
    ha: { ...DEFAULT_HA, ...settings.ha },
    maintenance: settings.maintenance ?? null,
    rollout: settings.rollout ?? null,
    initialBatchMs: settings.initialBatchMs,
    reportIntervalMs: settings.reportIntervalMs,
    durationMs: settings.durationMs ?? traceEndMs,
    ...(settings.onProgress ? { onProgress: settings.onProgress } : {}),
    ...(settings.pinnedHost ? { pinnedHost: settings.pinnedHost } : {}),
    ...(settings.recordIntervals ? { recordIntervals: true } : {}),
    ...(settings.deferrable && settings.deferrable.includes(1) ? { deferrable: settings.deferrable } : {}),
  };
}

export const DEFAULT_POWER: PowerOptions = { switchOffIdle: false, followsLoad: true, zeroUtilizationIsOff: false, energyFromMs: 0 };
export const DEFAULT_MIGRATION: MigrationOptions = { degradation: 0.1, model: 'simple', dirtyMiBps: 0, maxDowntimeMs: 300 };
export const DEFAULT_HA: HaOptions = { detectionMs: 60_000, bootMs: 30_000, restartLimit: 3 };
