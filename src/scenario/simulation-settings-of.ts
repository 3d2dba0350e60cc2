import { InputError } from '../common/input-error.js';
import { RandomStream } from '../engine/random.js';
import { CloudsimPlanner } from '../migration/cloudsim/cloudsim-planner.js';
import { ALL_CLOUDSIM_SWITCHES_ON } from '../model/cloudsim-compat.js';
import { ConsolidationPlanner } from '../migration/consolidation-planner.js';
import { overloadDetector } from '../migration/detector-registry.js';
import { vmSelector } from '../migration/selector-registry.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { FailureSchedule } from '../failures/failure-schedule.js';
import type { SharingRules } from '../simulation/sharing-rules.js';
import type { CompatOptions, ConsolidationOptions, RolloutOptions, SimulationSettings } from '../simulation/simulation-options.js';
import { NO_PLUGINS, type PluginSet } from './plugin-set.js';
import type { ScenarioSpec } from './scenario-spec.js';

/** Seconds a standby hand-over takes unless the scenario says (an assumption, docs/compare.md). */
export const DEFAULT_TRANSITION_SECONDS = 5;

/** A scenario's `consolidation` block with its defaults applied. */
export type ConsolidationSpec = NonNullable<ScenarioSpec['consolidation']>;

/** The parts of a scenario spec that set up the simulation (a compare spec has a subset of them). */
export type SimulationSpecFields = Pick<ScenarioSpec, 'seed' | 'reportIntervalSeconds' | 'durationSeconds'> & {
  placement: Pick<ScenarioSpec['placement'], 'initialBatchSeconds'>;
  power?: ScenarioSpec['power'];
  migration?: ScenarioSpec['migration'];
  consolidation?: ScenarioSpec['consolidation'] | null;
  ha?: ScenarioSpec['ha'];
  maintenance?: ScenarioSpec['maintenance'];
  rollout?: ScenarioSpec['rollout'];
  compat?: ScenarioSpec['compat'];
  cloudsim?: ScenarioSpec['cloudsim'];
};

/** What the spec does not say: the run's sharing rules, placement policy, outages and extras. */
export interface RunParts {
  rules: SharingRules;
  policy: PlacementPolicy;
  failures?: FailureSchedule;
  /** Overrides the spec's power.switchOffIdle (compare decides it per variant). */
  switchOffIdle?: boolean;
  pinnedHost?: Int32Array;
  onProgress?: (fraction: number) => void;
  events?: SimulationSettings['events'];
  /** Where detector and selector names not built in are looked up. */
  plugins?: PluginSet;
  recordIntervals?: boolean;
  /** A rollout's new-instance boot time when the spec gives none: its guest model's bootSeconds (the caller looks it up). */
  rolloutGuestBootSeconds?: number;
}

const ms = (seconds: number) => Math.round(seconds * 1000);

/**
 * The one conversion from a spec (seconds, names) to the simulation's settings (milliseconds,
 * planners): replay, plan, sweep and compare all go through it, so a field means the same
 * everywhere. Spec groups left out keep the simulation's defaults.
 */
export function simulationSettingsOf(spec: SimulationSpecFields, parts: RunParts, where: { file?: string } = {}): SimulationSettings {
  const power = spec.power
    ? { switchOffIdle: spec.power.switchOffIdle, followsLoad: spec.power.followsLoad, zeroUtilizationIsOff: spec.power.zeroUtilizationIsOff, energyFromMs: ms(spec.power.energyFromSeconds) }
    : {};
  return {
    rules: parts.rules,
    policy: parts.policy,
    power: parts.switchOffIdle === undefined ? power : { ...power, switchOffIdle: parts.switchOffIdle },
    ...(spec.migration ? { migration: spec.migration } : {}),
    consolidation: spec.consolidation && !spec.compat ? consolidationOptionsOf(spec.consolidation, spec.seed, { ...where, field: 'consolidation' }, parts.plugins) : null,
    compat: compatOptionsOf(spec, where),
    ...(parts.failures ? { failures: parts.failures } : {}),
    ...(spec.ha ? { ha: { detectionMs: ms(spec.ha.detectionSeconds), bootMs: ms(spec.ha.bootSeconds), restartLimit: spec.ha.restartLimit } } : {}),
    maintenance: spec.maintenance
      ? {
          startMs: ms(spec.maintenance.startSeconds),
          batchSize: spec.maintenance.batchSize,
          upgradeMs: ms(spec.maintenance.upgradeSeconds),
          checkIntervalMs: ms(spec.maintenance.checkIntervalSeconds),
          ...(spec.maintenance.mode === 'standby'
            ? {
                standby: {
                  transitionMs: ms(spec.maintenance.transitionSeconds ?? DEFAULT_TRANSITION_SECONDS),
                  cpuFraction: spec.maintenance.transitionCpuFraction ?? 0,
                },
              }
            : {}),
        }
      : null,
    ...(spec.rollout ? { rollout: rolloutOptionsOf(spec.rollout, parts.rolloutGuestBootSeconds) } : {}),
    initialBatchMs: ms(spec.placement.initialBatchSeconds),
    reportIntervalMs: ms(spec.reportIntervalSeconds),
    ...(spec.durationSeconds ? { durationMs: ms(spec.durationSeconds) } : {}),
    ...(parts.pinnedHost ? { pinnedHost: parts.pinnedHost } : {}),
    ...(parts.onProgress ? { onProgress: parts.onProgress } : {}),
    ...(parts.events ? { events: parts.events } : {}),
    ...(parts.recordIntervals ? { recordIntervals: true } : {}),
  };
}

/** CloudSim 3.0.3 detectors and selectors the compatibility mode reproduces. */
const CLOUDSIM_DETECTORS = ['thr', 'iqr', 'mad', 'lr', 'lrr'] as const;
const CLOUDSIM_SELECTIONS = ['mmt', 'mu', 'mc'] as const;

/**
 * The compatibility mode's options: every switch on unless the `cloudsim` block turns it off,
 * CloudSim's planner for the scenario's consolidation block (none: dvfs or npa, placed first fit).
 */
function compatOptionsOf(spec: SimulationSpecFields, where: { file?: string }): CompatOptions | null {
  if (!spec.compat) {
    if (spec.cloudsim) throw new InputError('applies only with "compat": "cloudsim-3.0.3"', { ...where, field: 'cloudsim' });
    return null;
  }
  const switches = { ...ALL_CLOUDSIM_SWITCHES_ON, ...spec.cloudsim };
  const c = spec.consolidation;
  let planner: CloudsimPlanner | null = null;
  if (c) {
    const name = oneOf(c.overload, CLOUDSIM_DETECTORS, { ...where, field: 'consolidation.overload' });
    const selection = oneOf(c.selection, CLOUDSIM_SELECTIONS, { ...where, field: 'consolidation.selection' });
    planner = new CloudsimPlanner({ ...switches, name, selection, safety: c.safety, fallbackThreshold: c.fallbackThreshold });
  }
  return {
    mode: spec.compat,
    switches,
    intervalMs: ms(c?.intervalSeconds ?? spec.reportIntervalSeconds),
    offsetMs: CLOUDSIM_OFFSET_MS,
    planner,
    historyLength: c?.historyLength ?? 30,
    initialPlacement: c ? 'power-aware' : 'first-fit',
  };
}

/** CloudSim processes 0.1 s into each interval (300.1 s, 600.1 s, ...). */
const CLOUDSIM_OFFSET_MS = 100;

function oneOf<T extends string>(value: string, valid: readonly T[], where: { file?: string; field: string }): T {
  if ((valid as readonly string[]).includes(value)) return value as T;
  throw new InputError(`"${value}" is not reproduced by the CloudSim compatibility mode (valid: ${valid.join(', ')})`, where);
}

/**
 * The simulation's consolidation options for a block: a fresh planner (it keeps per-run
 * scratch state) whose seeded selector draws from the scenario seed forked by `vm-selection`.
 */
export function consolidationOptionsOf(
  spec: ConsolidationSpec,
  seed: number,
  where: { file?: string; field?: string } = {},
  plugins: PluginSet = NO_PLUGINS,
): ConsolidationOptions {
  const field = where.field ?? 'consolidation';
  const planner = new ConsolidationPlanner(
    overloadDetector(spec.overload, { ...where, field: `${field}.overload` }, plugins.detectors),
    vmSelector(spec.selection, { ...where, field: `${field}.selection` }, plugins.selectors),
    { detectorSafety: spec.safety, fallbackThreshold: spec.fallbackThreshold, underload: spec.underload },
    new RandomStream(seed).fork('vm-selection'),
  );
  return { intervalMs: ms(spec.intervalSeconds), planner, historyLength: spec.historyLength };
}

const DAY_SECONDS = 86_400;

/**
 * A rollout block in the simulation's units. A new instance boots for the spec's bootSeconds,
 * else its guest model's (looked up by the caller; a caller that has none is a bug).
 */
function rolloutOptionsOf(spec: NonNullable<ScenarioSpec['rollout']>, guestBootSeconds: number | undefined): RolloutOptions {
  const everyMs = spec.everyDays === undefined ? null : ms(spec.everyDays * DAY_SECONDS);
  const startsMs = spec.atSeconds ? [...spec.atSeconds].sort((a, b) => a - b).map(ms) : [ms(spec.startSeconds ?? spec.everyDays! * DAY_SECONDS)];
  return {
    mode: spec.mode,
    startsMs,
    everyMs,
    waveSize: spec.waveSize,
    bootMs: ms(spec.bootSeconds ?? guestBootOf(spec, guestBootSeconds)),
    overlapMs: ms(spec.overlapSeconds),
    patchMs: ms(spec.patchSeconds),
  };
}

function guestBootOf(spec: NonNullable<ScenarioSpec['rollout']>, guestBootSeconds: number | undefined): number {
  if (guestBootSeconds === undefined) throw new Error(`rollout guest "${spec.guest}" was not looked up: the caller must pass its bootSeconds`);
  return guestBootSeconds;
}
