import { RandomStream } from '../engine/random.js';
import { ConsolidationPlanner } from '../migration/consolidation-planner.js';
import { overloadDetector } from '../migration/detector-registry.js';
import { vmSelector } from '../migration/selector-registry.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { FailureSchedule } from '../failures/failure-schedule.js';
import type { SharingRules } from '../simulation/sharing-rules.js';
import type { ConsolidationOptions, SimulationSettings } from '../simulation/simulation-options.js';
import { NO_PLUGINS, type PluginSet } from './plugin-set.js';
import type { ScenarioSpec } from './scenario-spec.js';

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
    consolidation: spec.consolidation ? consolidationOptionsOf(spec.consolidation, spec.seed, { ...where, field: 'consolidation' }, parts.plugins) : null,
    ...(parts.failures ? { failures: parts.failures } : {}),
    ...(spec.ha ? { ha: { detectionMs: ms(spec.ha.detectionSeconds), bootMs: ms(spec.ha.bootSeconds), restartLimit: spec.ha.restartLimit } } : {}),
    maintenance: spec.maintenance
      ? {
          startMs: ms(spec.maintenance.startSeconds),
          batchSize: spec.maintenance.batchSize,
          upgradeMs: ms(spec.maintenance.upgradeSeconds),
          checkIntervalMs: ms(spec.maintenance.checkIntervalSeconds),
        }
      : null,
    initialBatchMs: ms(spec.placement.initialBatchSeconds),
    reportIntervalMs: ms(spec.reportIntervalSeconds),
    ...(spec.durationSeconds ? { durationMs: ms(spec.durationSeconds) } : {}),
    ...(parts.pinnedHost ? { pinnedHost: parts.pinnedHost } : {}),
    ...(parts.onProgress ? { onProgress: parts.onProgress } : {}),
    ...(parts.events ? { events: parts.events } : {}),
    ...(parts.recordIntervals ? { recordIntervals: true } : {}),
  };
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
