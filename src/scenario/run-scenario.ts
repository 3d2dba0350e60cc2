import { loadFailureSchedule } from '../failures/load-failure-schedule.js';
import type { RunResult } from '../metrics/run-result.js';
import { loadCatalog, lookup, type Catalog } from '../model/catalog.js';
import { buildDatacenter, uniformTopology, type Datacenter } from '../model/datacenter.js';
import { loadTopology } from '../model/load-topology.js';
import { loadTrace } from '../traces/load-trace.js';
import { deferrableByDefault, traceFormatIds } from '../traces/registry.js';
import type { TraceReadOptions } from '../traces/trace-reader.js';
import type { Workload } from '../traces/workload.js';
import { selectWorkload } from '../traces/workload-window.js';
import { loadScenario, type ResolvedScenario } from './load-scenario.js';
import { NO_PLUGINS, type PluginModule, type PluginSet } from './plugin-set.js';
import { loadPlugins, mergePluginSets, pluginSetOf } from './load-plugins.js';
import { runWithReaders, type RunOptions, type RunReaders } from './run-on-datacenter.js';
import { traceDatacenter } from './trace-datacenter.js';

export { displayPath, rolloutGuest, type RunOptions } from './run-on-datacenter.js';
export { traceKey } from './trace-key.js';

/** Every reader a run may need, loaded up front (worker threads load theirs on demand: readers-on-demand.ts). */
const ALL_READERS: RunReaders = { failureSchedule: loadFailureSchedule, batchWork: deferrableByDefault };

/** The trace formats whose VMs are deferrable by default: what a worker thread is told instead of loading the readers. */
export function batchTraceFormats(): Set<string> {
  return new Set(traceFormatIds().filter(deferrableByDefault));
}

/** RunOptions, and where the inputs come from. */
export interface RunScenarioOptions extends Omit<RunOptions, 'plugins'> {
  /** Where parsed traces are cached; null disables the cache. */
  cacheDir?: string | null;
  /** Host models, hypervisors and guests; the built-in models/ folder by default. */
  catalog?: Catalog;
  /** A workload already loaded for this scenario's trace (compare and plan reuse one). */
  workload?: Workload;
  /** Hears problems that do not fail the run (e.g. a trace cache that cannot be written). */
  onWarning?: (message: string) => void;
  /**
   * Plug-ins besides the modules the scenario names in `plugins`: a loaded set, or plug-in
   * module objects (`{ placementPolicies: [...] }`) given in code.
   */
  plugins?: PluginSet | readonly PluginModule[];
}

/** Runs one scenario (a file path or a resolved scenario) and returns its result. */
export async function runScenario(scenario: ResolvedScenario | string, options: RunScenarioOptions = {}): Promise<RunResult> {
  const resolved = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const given = options.plugins ?? NO_PLUGINS;
  const extra = Array.isArray(given) ? pluginSetOf(given.map((exports, i) => ({ source: `(plugins[${i}])`, exports }))) : (given as PluginSet);
  const plugins = mergePluginSets(await loadPlugins(resolved.spec.plugins), extra);
  const workload = options.workload ?? (await loadScenarioTrace(resolved, options.cacheDir ?? null, options.onWarning));
  const catalog = options.catalog ?? loadCatalog();
  const dc = loadDatacenter(resolved, catalog, workload);
  const { cacheDir: _cacheDir, catalog: _catalog, workload: _workload, plugins: _plugins, onWarning: _onWarning, ...runOptions } = options;
  return runOnDatacenter(resolved, workload, dc, catalog, { ...runOptions, plugins });
}

/** `shared`: a cached workload is read straight into SharedArrayBuffers (see loadSharedWorkloads). */
export async function loadScenarioTrace(scenario: ResolvedScenario, cacheDir: string | null, onWarning?: (message: string) => void, shared = false): Promise<Workload> {
  const loaded = await loadTrace(scenario.tracePath, {
    ...(scenario.spec.trace.format ? { format: scenario.spec.trace.format } : {}),
    cacheDir,
    ...(onWarning ? { onWarning } : {}),
    ...(shared ? { shared } : {}),
    options: (scenario.spec.trace.options ?? {}) as TraceReadOptions,
  });
  return scenario.selection ? selectWorkload(loaded.workload, scenario.selection) : loaded.workload;
}

export function loadDatacenter(scenario: ResolvedScenario, catalog: Catalog, workload?: Workload): Datacenter {
  if (scenario.traceTopology) return traceDatacenter(scenario, catalog, workload);
  if (scenario.uniform) {
    const { model, count } = scenario.uniform;
    lookup(catalog.hosts, model, 'host model', { field: '--host-model' });
    const hypervisor = scenario.spec.hypervisor ?? 'kvm';
    lookup(catalog.hypervisors, hypervisor, 'hypervisor', scenario.hypervisorFromFlag ? { field: '--hypervisor' } : { file: scenario.file ?? '(flags)', field: 'hypervisor' });
    return buildDatacenter(uniformTopology(model, count, hypervisor), catalog, `--host-model ${model} --hosts ${count}`);
  }
  // rackplan's format or an OpenDC topology file, whose host types become host models.
  const { topology, catalog: models } = loadTopology(scenario.topologyPath, catalog);
  if (scenario.spec.hypervisor) {
    const where = scenario.hypervisorFromFlag ? { field: '--hypervisor' } : { file: scenario.file ?? '(flags)', field: 'hypervisor' };
    lookup(catalog.hypervisors, scenario.spec.hypervisor, 'hypervisor', where);
    for (const cluster of topology.clusters) cluster.hypervisor = scenario.spec.hypervisor;
  }
  return buildDatacenter(topology, models, scenario.topologyPath);
}

/** Simulates a loaded workload on a built datacenter under a scenario's settings. */
export function runOnDatacenter(scenario: ResolvedScenario, workload: Workload, dc: Datacenter, catalog: Catalog, options: RunOptions = {}): RunResult {
  return runWithReaders(ALL_READERS, scenario, workload, dc, catalog, options);
}
