import { z } from 'zod';
import { COMPAT_MODES } from '../model/cloudsim-compat.js';
import { kebabId } from '../model/specs.js';
import { ScenarioServicesSchema } from './services-spec.js';

export const ElasticSpecSchema = z.strictObject({
  minFraction: z.number().min(0).max(1).optional(),
  maxFraction: z.number().positive().optional(),
  burstWeight: z.enum(['size', 'equal']).optional(),
  memoryMinFraction: z.number().min(0).max(1).optional(),
  memoryMaxFraction: z.number().positive().optional(),
});

const IoModeSchema = z.enum(['fair', 'elastic']).default('fair');
/** Spare bandwidth is shared equally or by the VMs' provisioned CPU. */
const IoWeightSchema = z.enum(['equal', 'size']).default('equal');

/** A guarantee and a cap per VM only make sense for elastic sharing, and min <= max. */
function checkIoLimits(min: string, max: string) {
  return (spec: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const key of [min, max]) {
      if (spec[key] !== undefined && spec['mode'] !== 'elastic') ctx.addIssue({ code: 'custom', path: [key], message: 'applies only with mode "elastic"' });
    }
    const low = spec[min] as number | undefined;
    const high = spec[max] as number | undefined;
    if (low !== undefined && high !== undefined && low > high) ctx.addIssue({ code: 'custom', path: [min], message: `must not exceed ${max}` });
  };
}

/**
 * How disk and network are shared on a host (docs/io.md): `fair` is weighted max-min fairness;
 * `elastic` adds a guarantee (min) and a cap (max) per VM, in the unit in the field names.
 */
export const IoSpecSchema = z.strictObject({
  /** Disk bandwidth per VM, MB/s (read and write together). */
  disk: z
    .strictObject({ mode: IoModeSchema, weight: IoWeightSchema, minMBps: z.number().nonnegative().optional(), maxMBps: z.number().positive().optional() })
    .superRefine(checkIoLimits('minMBps', 'maxMBps'))
    .optional(),
  /** Network bandwidth per VM, Gbit/s (receive and transmit together). */
  network: z
    .strictObject({ mode: IoModeSchema, weight: IoWeightSchema, minGbps: z.number().nonnegative().optional(), maxGbps: z.number().positive().optional() })
    .superRefine(checkIoLimits('minGbps', 'maxGbps'))
    .optional(),
});

const on = z.boolean().default(true);

/**
 * The CloudSim compatibility mode's switches (docs/validation.md), each on unless set to false;
 * false puts rackplan's own behaviour back for that one aspect.
 */
export const CloudsimSwitchesSchema = z.strictObject({
  /** 1. Demand read 0.1 s into each interval, interpolated; a VM requesting exactly 0 MIPS is destroyed. */
  vanishingVms: on,
  /** 2. Switched-off hosts are overload-pass destinations ranked by P(after) - P(now); empty hosts skip the overload check. */
  overloadDestinations: on,
  /** 3. Underload pass: empty exclusion list, utilization from before the round's moves, VMs moved twice. */
  underloadPass: on,
  /** 4. lr/lrr: unweighted least squares over the last 10 points, one step ahead (lrr = lr). */
  unweightedRegression: on,
  /** 5. Migrations counted at start, RAM / (link / 2) long, source charged its full load and destination 10%. */
  migrationAccounting: on,
  /** 6. Initial placement at full MIPS (power-aware spreading; first fit for dvfs and npa). */
  initialPlacement: on,
  /** 7a. mu ranks VMs by utilization fraction. */
  muByFraction: on,
  /** 7b. iqr: nearest-rank quartiles, destinations re-checked with the incoming VM's history. */
  nearestRankIqr: on,
  /** 7c. A VM gets at most one core's MIPS. */
  coreCap: on,
  /** 7d. Energy as trapezoids between CloudSim's updates, 0 W after a step at 0 utilization. */
  trapezoidEnergy: on,
  /** 7e. SLATAH counts a migration's destination as violating for the whole copy. */
  destinationSlatah: on,
  /** 7f. PDM pooled over all VMs. */
  pooledPdm: on,
});

/**
 * The grid's carbon intensity and the facility's overhead. `intensity`: a CSV
 * `timestamp,gco2_per_kwh` (relative to the scenario file) or a built-in name
 * (models/carbon/<name>.csv). `pue` defaults to 1.0 (carbon of the IT energy alone, the energy
 * summary.json reports) because no single overhead fits every facility; give your own.
 * `startAt` places the run's t = 0 on the file's clock (ISO-8601 UTC or epoch seconds); absent,
 * the trace's own clock when it has one, else the file's first row.
 */
export const CarbonSpecSchema = z
  .strictObject({
    intensity: z.string().min(1).describe('A CSV timestamp,gco2_per_kwh (relative to this file) or a built-in name such as illustrative-grid (models/carbon/).'),
    pue: z.number().min(1).max(5).default(1).describe('Power usage effectiveness, facility energy / IT energy; default 1.0 (the carbon of the IT energy alone).'),
    startAt: z
      .union([z.string().min(1), z.number()])
      .optional()
      .describe("The run's t = 0 on the intensity file's clock: ISO-8601 UTC (2023-07-01T00:00:00Z) or Unix epoch seconds; default the trace's own clock, else the file's first row."),
  })
  .describe('Carbon accounting: carbonKg and facility energy in summary.json (docs/facility.md).');

/**
 * Rolling hypervisor upgrades, batch by batch in host order. `drain` (the default): live-migrate
 * every VM off, upgrade the empty host, return it. `standby`: hand the host's load to a standby
 * hypervisor in transitionSeconds; the VMs stay and nothing is copied.
 */
export const MaintenanceSpecSchema = z
  .strictObject({
    startSeconds: z.number().nonnegative().default(0),
    batchSize: z.number().int().positive().default(1),
    upgradeSeconds: z.number().positive().default(1800),
    checkIntervalSeconds: z.number().positive().default(60),
    mode: z
      .enum(['drain', 'standby'])
      .default('drain')
      .describe('drain: empty each host by live migration, then upgrade it; standby: hand its load to a standby hypervisor, the VMs stay, nothing is copied'),
    transitionSeconds: z
      .number()
      .nonnegative()
      .optional()
      .describe('standby only: how long the hand-over takes per host (default 5 s, an assumption: docs/compare.md)'),
    transitionCpuFraction: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('standby only: share of its CPU a VM keeps during the hand-over (default 0: paused)'),
  })
  .superRefine((m, ctx) => {
    for (const key of ['transitionSeconds', 'transitionCpuFraction'] as const) {
      if (m[key] !== undefined && m.mode !== 'standby') ctx.addIssue({ code: 'custom', path: [key], message: 'applies only with mode "standby"' });
    }
  });

/**
 * Rollouts: every VM running when its turn comes is replaced, waveSize at a time, on a
 * schedule (every everyDays from startSeconds, or at atSeconds).
 */
export const RolloutSpecSchema = z
  .strictObject({
    mode: z
      .enum(['immutable', 'in-place'])
      .describe('immutable: boot a new instance through placement, overlap, retire the old one; in-place: patch each instance where it runs, down for patchSeconds'),
    everyDays: z.number().positive().optional().describe('a rollout every this many days, the first at startSeconds'),
    startSeconds: z.number().nonnegative().optional().describe('with everyDays: the first rollout (default: after everyDays)'),
    atSeconds: z.array(z.number().nonnegative()).min(1).optional().describe('rollout start times, seconds from the start of the run (instead of everyDays)'),
    waveSize: z.number().int().positive().default(1).describe('instances replaced at once; the next wave starts when this one is done'),
    guest: kebabId
      .default('full-os')
      .describe("guest model (models/guests/) whose bootSeconds a new instance pays before it serves (a comparison uses each scenario's own guest instead)"),
    bootSeconds: z.number().nonnegative().optional().describe("a new instance's boot time, overriding the guest model's"),
    overlapSeconds: z.number().nonnegative().default(60).describe('immutable: old and new instance run side by side this long after the boot (an assumption: a health-check grace period)'),
    patchSeconds: z.number().positive().default(300).describe('in-place: time an instance is down for its patch (an assumption: package update and service restart)'),
  })
  .superRefine((r, ctx) => {
    if ((r.everyDays === undefined) === (r.atSeconds === undefined)) ctx.addIssue({ code: 'custom', path: ['everyDays'], message: 'give exactly one of everyDays and atSeconds' });
    if (r.startSeconds !== undefined && r.everyDays === undefined) ctx.addIssue({ code: 'custom', path: ['startSeconds'], message: 'applies only with everyDays' });
  });

/** A scenario file (models/scenarios/*.json). Paths are relative to the scenario file. */
const YEAR_SECONDS = 365 * 24 * 3600;

export const ScenarioSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  name: kebabId,
  description: z.string().optional(),
  /** Plug-in modules (docs/extending.md), relative to the scenario file; their names work like built-ins'. */
  plugins: z.array(z.string().min(1)).optional(),
  seed: z.number().int().nonnegative().default(1),
  trace: z.strictObject({
    path: z.string().min(1),
    /** Reader id; detected from the content when absent. */
    format: z.string().optional(),
    /** Reader options (see docs/trace-formats.md). */
    options: z.record(z.string(), z.unknown()).optional(),
  }),
  /** Topology file. */
  topology: z.string().min(1),
  /** Hypervisor id for every cluster, overriding the topology's. */
  hypervisor: kebabId.optional(),
  placement: z
    .strictObject({
      policy: z.string().default('best-fit'),
      /** VMs that start within this many seconds of the trace start are placed as one batch at t = 0. */
      initialBatchSeconds: z.number().nonnegative().default(300),
    })
    .prefault({}),
  sharing: z
    .strictObject({
      mode: z.enum(['fixed', 'elastic']).default('fixed'),
      elastic: ElasticSpecSchema.optional(),
    })
    .prefault({}),
  power: z
    .strictObject({
      /** Hosts without VMs are switched off (draw 0 W, not counted as active). */
      switchOffIdle: z.boolean().default(false),
      /** false: every powered host draws its full-load power (no power management, "npa"). */
      followsLoad: z.boolean().default(true),
      /** The classic CloudSim convention: a host at 0% CPU draws 0 W and counts as off. */
      zeroUtilizationIsOff: z.boolean().default(false),
      /** Energy is counted from this time on (the classic PlanetLab setup: 300). */
      energyFromSeconds: z.number().nonnegative().default(0),
    })
    .prefault({}),
  migration: z
    .strictObject({
      /** Fraction of a migrating VM's CPU lost while it migrates. */
      degradation: z.number().min(0).max(1).default(0.1),
      /** simple: memory / (bandwidth / 2); pre-copy: rounds against a dirty-page rate. */
      model: z.enum(['simple', 'pre-copy']).default('simple'),
      dirtyMiBps: z.number().nonnegative().default(0),
      maxDowntimeMs: z.number().positive().default(300),
    })
    .prefault({}),
  /** Dynamic consolidation; absent = VMs stay where placement put them. */
  consolidation: z
    .strictObject({
      intervalSeconds: z.number().positive().default(300),
      /** thr, iqr, mad, lr or lrr. */
      overload: z.string().default('thr'),
      /** thr: the threshold (0.8); iqr/mad: s in 1 - s x spread; lr/lrr: s in s x predicted >= 1. */
      safety: z.number().positive().default(0.8),
      /** Static threshold used while a host's history is too short for the detector. */
      fallbackThreshold: z.number().positive().default(0.7),
      /** mmt, mc, mu or rs. */
      selection: z.string().default('mmt'),
      /** Also empty the least-utilized hosts so they can be switched off. */
      underload: z.boolean().default(true),
      historyLength: z.number().int().min(2).max(64).default(30),
    })
    .optional(),
  /** Host failures (models/failures/*.json) and/or a failure trace CSV (host_or_domain,start,end). */
  failures: z
    .strictObject({
      model: z.string().optional(),
      trace: z.string().optional(),
      /** A failure-model plug-in by name (docs/extending.md). */
      generator: z.string().optional(),
    })
    .optional(),
  /** How VMs of a failed host come back. */
  ha: z
    .strictObject({
      /** Time to notice a failed host before restarting its VMs elsewhere. */
      detectionSeconds: z.number().nonnegative().default(60),
      /** Guest boot time after a restart. */
      bootSeconds: z.number().nonnegative().default(30),
      /** Restarts allowed per VM; after that many, a VM whose host fails is reported as failed. */
      restartLimit: z.number().int().nonnegative().default(3),
    })
    .prefault({}),
  /** Rolling hypervisor upgrades: drain a batch of hosts by live migration, upgrade, return; next batch. */
  maintenance: MaintenanceSpecSchema.optional(),
  /** Rollouts: every running VM replaced on a schedule, immutably or by in-place patching (docs/compare.md). */
  rollout: RolloutSpecSchema.optional(),
  /** How disk and network are shared on a host; absent = max-min fair (docs/io.md). */
  io: IoSpecSchema.optional(),
  /** Carbon accounting (docs/facility.md); absent = energy only, no carbon figures. */
  carbon: CarbonSpecSchema.optional(),
  /**
   * Deferrable work (docs/simulation.md): true marks every VM deferrable, false none; absent,
   * the trace format decides (swf jobs are deferrable, other formats not).
   */
  deferrable: z
    .boolean()
    .describe('Deferrable work: true marks every VM deferrable (unserved demand waits in a backlog and is served later), false none; absent, the trace format decides (swf: deferrable)')
    .optional(),
  /**
   * A file listing the deferrable VMs' ids, one per line ('#' starts a comment), relative to the
   * scenario file; with it, only the VMs listed are deferrable.
   */
  deferrableVms: z
    .string()
    .min(1)
    .describe('File listing the deferrable VM ids, one per line (# comments), relative to the scenario file; only those VMs are deferrable')
    .optional(),
  /** Length of a row of timeseries.csv. */
  reportIntervalSeconds: z.number().min(1, 'a report interval under 1 s is not sane').max(YEAR_SECONDS, 'a report interval over a year is not sane').default(300),
  /** Simulated time; defaults to the end of the trace. */
  durationSeconds: z.number().positive().max(100 * YEAR_SECONDS, 'a run over 100 years is not sane').optional(),
  /** Reproduce another simulator (docs/validation.md); absent = rackplan's own model. */
  compat: z.enum(COMPAT_MODES).optional(),
  /** Switches of the compatibility mode (only with `compat`). */
  cloudsim: CloudsimSwitchesSchema.optional(),
  /** The trace as services under one scaling rule (services-spec.ts); absent = the trace's VMs as they are. */
  services: ScenarioServicesSchema.optional(),
});
export type ScenarioSpec = z.output<typeof ScenarioSpecSchema>;
