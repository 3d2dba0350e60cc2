import { dirname, resolve } from 'node:path';
import { InputError } from '../common/input-error.js';
import { overloadDetector } from '../migration/detector-registry.js';
import { vmSelector } from '../migration/selector-registry.js';
import type { Catalog } from '../model/catalog.js';
import type { Datacenter } from '../model/datacenter.js';
import { parseSpec } from '../model/load-spec.js';
import { openDcNotesOf } from '../model/load-topology.js';
import { displayPath } from '../scenario/run-scenario.js';
import { placementPolicy } from '../placement/registry.js';
import { loadScenario, type ResolvedScenario } from '../scenario/load-scenario.js';
import { NO_PLUGINS, type PluginSet } from '../scenario/plugin-set.js';
import { loadDatacenter } from '../scenario/run-scenario.js';
import { ScenarioSpecSchema } from '../scenario/scenario-spec.js';
import type { FileChecksums } from './file-checksums.js';
import { getPath, runHash, runIdentity, SCENARIO_PATH_KEYS, setPath, type RunIdentity } from './run-identity.js';
import { pointAt, pointLabel, sweepSize, type LoadedSweep } from './sweep-spec.js';

/** One run of a sweep, fully resolved: what it sets, what it runs and its content address. */
export interface PlannedRun {
  /** Position in the cartesian product (row-major over the axes sorted by key). */
  index: number;
  parameters: Record<string, unknown>;
  label: string;
  scenario: ResolvedScenario;
  identity: RunIdentity;
  hash: string;
  /** Built once per topology and shared by its runs; executors run on it rather than load it again. */
  datacenter: Datacenter;
}

export interface SweepPlan {
  sweep: LoadedSweep;
  scenarioFile: string;
  runs: PlannedRun[];
  /** How each OpenDC topology the runs use was mapped (paths relative to the sweep file); none for rackplan's format. */
  topologyNotes: string[];
}

const MAX_RUNS = 1_000_000;

/**
 * Expands a sweep into its runs. Every run is validated before anything runs: its scenario
 * against the scenario schema, its policy names against the registries, its topology against
 * the catalog; an error names the sweep file, the field and the run's parameters.
 */
export function planSweep(sweep: LoadedSweep, catalog: Catalog, checksums: FileChecksums, plugins: PluginSet = NO_PLUGINS): SweepPlan {
  const size = sweepSize(sweep.axes);
  if (size > MAX_RUNS) throw new InputError(`${size} runs; a sweep is limited to ${MAX_RUNS}`, { file: sweep.file, field: 'parameters' });
  const scenarioFile = resolve(dirname(sweep.file), sweep.spec.scenario);
  const base = baseSpec(loadScenario(scenarioFile), scenarioFile);
  const datacenters = new Map<string, Datacenter>();
  const runs: PlannedRun[] = [];
  for (let index = 0; index < size; index++) {
    const parameters = pointAt(sweep.axes, index);
    const label = pointLabel(sweep.axes, parameters);
    const inRun = <T>(f: () => T): T => withRun(sweep.file, label, f);
    const scenario = inRun(() => resolveRun(sweep, base, scenarioFile, parameters));
    inRun(() => checkNames(scenario, plugins));
    const dcKey = `${scenario.topologyPath}\u0000${scenario.spec.hypervisor ?? ''}`;
    let dc = datacenters.get(dcKey);
    if (!dc) {
      dc = inRun(() => loadDatacenter(scenario, catalog));
      datacenters.set(dcKey, dc);
    }
    const identity = inRun(() => runIdentity(scenario, dc, catalog, checksums));
    runs.push({ index, parameters, label, scenario, identity, hash: runHash(identity), datacenter: dc });
  }
  const topologies = [...new Set(runs.filter((run) => !run.scenario.uniform).map((run) => run.scenario.topologyPath))];
  const topologyNotes = topologies.flatMap((path) => openDcNotesOf(path, displayPath(path, dirname(sweep.file))));
  return { sweep, scenarioFile, runs, topologyNotes };
}

/** The base scenario with every path absolute (relative ones were relative to the scenario file). */
function baseSpec(base: ResolvedScenario, scenarioFile: string): Record<string, unknown> {
  const spec = structuredClone(base.spec) as Record<string, unknown>;
  setPath(spec, 'trace.path', base.tracePath);
  setPath(spec, 'topology', base.topologyPath);
  for (const key of ['failures.model', 'failures.trace']) {
    const path = getPath(spec, key);
    if (typeof path === 'string') setPath(spec, key, resolve(dirname(scenarioFile), path));
  }
  if (base.spec.plugins) spec['plugins'] = base.spec.plugins;
  return spec;
}

/** The base with this run's values set; paths given in the sweep are relative to the sweep file. */
function resolveRun(sweep: LoadedSweep, base: Record<string, unknown>, scenarioFile: string, parameters: Record<string, unknown>): ResolvedScenario {
  const raw = structuredClone(base);
  for (const { key } of sweep.axes) {
    if (!setPath(raw, key, parameters[key])) throw new InputError(`cannot set "${key}": a key on its way is not an object`, { field: `parameters["${key}"]` });
    for (const pathKey of SCENARIO_PATH_KEYS) {
      if (pathKey !== key && !pathKey.startsWith(`${key}.`)) continue;
      const path = getPath(raw, pathKey);
      if (typeof path === 'string') setPath(raw, pathKey, resolve(dirname(sweep.file), path));
    }
  }
  const spec = parseSpec(raw, ScenarioSpecSchema, sweep.file);
  return { spec, file: scenarioFile, tracePath: spec.trace.path, topologyPath: spec.topology };
}

/**
 * Unknown placement, overload-detector and VM-selector names fail with the valid ones listed.
 * A run whose plug-in modules are not the loaded ones (a sweep over `plugins`) is checked when it runs.
 */
function checkNames(scenario: ResolvedScenario, plugins: PluginSet): void {
  const spec = scenario.spec;
  if ((spec.plugins ?? []).join('\u0000') !== plugins.modules.join('\u0000')) return;
  placementPolicy(spec.placement.policy, { field: 'placement.policy' }, plugins.placement);
  if (spec.consolidation) {
    overloadDetector(spec.consolidation.overload, { field: 'consolidation.overload' }, plugins.detectors);
    vmSelector(spec.consolidation.selection, { field: 'consolidation.selection' }, plugins.selectors);
  }
}

/** Runs `f`; an InputError gets the run's parameters in front and the sweep file when it has none. */
function withRun<T>(file: string, label: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const detail = `run ${label}: ${error.detail}`;
    const field = error.field !== undefined ? { field: error.field } : {};
    const where = error.file !== undefined && error.file !== file ? { file: error.file, ...(error.line !== undefined ? { line: error.line } : {}), ...field } : { file, ...field };
    throw new InputError(detail, where);
  }
}
