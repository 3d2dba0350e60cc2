import { statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { sha256File } from '../common/checksum.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import type { RunInputs, RunResult } from '../metrics/run-result.js';
import { accountIo } from '../simulation/io-replay/io-accounting.js';
import { summarizeRun } from '../metrics/summarize-run.js';
import { loadCatalog, lookup, type Catalog } from '../model/catalog.js';
import { buildDatacenter, uniformTopology, type Datacenter } from '../model/datacenter.js';
import { loadSpec } from '../model/load-spec.js';
import { TopologySpecSchema } from '../model/specs.js';
import { placementPolicy } from '../placement/registry.js';
import { ioSettingsFrom } from '../scheduling/io-sharing.js';
import { loadTrace } from '../traces/load-trace.js';
import type { TraceReadOptions } from '../traces/trace-reader.js';
import type { Workload } from '../traces/workload.js';
import { sampleCount } from '../traces/workload.js';
import { selectWorkload } from '../traces/workload-window.js';
import { loadScenario, type ResolvedScenario } from './load-scenario.js';
import { RandomStream } from '../engine/random.js';
import type { EventSink } from '../simulation/event-log.js';
import { simulationSettingsOf } from './simulation-settings-of.js';
import { DEFAULT_ELASTIC, sharingRules } from '../simulation/sharing-rules.js';
import { simulate, traceEndMs } from '../simulation/simulate.js';
import { loadFailureSchedule } from '../failures/load-failure-schedule.js';

/** How a scenario run reports back: progress, where paths are shown from, the event log. */
export interface RunOptions {
  /** Called now and then with the fraction of simulated time done. */
  onProgress?: (fraction: number) => void;
  /**
   * Paths under this folder are recorded relative to it in run.json (the CLI passes the working
   * directory), so the same run from another checkout writes the same bytes.
   */
  pathBase?: string;
  /** Where the run's event log goes (off when absent). */
  events?: EventSink;
}

/** RunOptions, and where the inputs come from. */
export interface RunScenarioOptions extends RunOptions {
  /** Where parsed traces are cached; null disables the cache. */
  cacheDir?: string | null;
  /** Host models, hypervisors and guests; the built-in models/ folder by default. */
  catalog?: Catalog;
  /** A workload already loaded for this scenario's trace (compare and plan reuse one). */
  workload?: Workload;
}

/** Runs one scenario (a file path or a resolved scenario) and returns its result. */
export async function runScenario(scenario: ResolvedScenario | string, options: RunScenarioOptions = {}): Promise<RunResult> {
  const resolved = typeof scenario === 'string' ? loadScenario(scenario) : scenario;
  const workload = options.workload ?? (await loadScenarioTrace(resolved, options.cacheDir ?? null));
  const catalog = options.catalog ?? loadCatalog();
  const dc = loadDatacenter(resolved, catalog);
  const { cacheDir: _cacheDir, catalog: _catalog, workload: _workload, ...runOptions } = options;
  return runOnDatacenter(resolved, workload, dc, catalog, runOptions);
}

export async function loadScenarioTrace(scenario: ResolvedScenario, cacheDir: string | null): Promise<Workload> {
  const loaded = await loadTrace(scenario.tracePath, {
    ...(scenario.spec.trace.format ? { format: scenario.spec.trace.format } : {}),
    cacheDir,
    options: (scenario.spec.trace.options ?? {}) as TraceReadOptions,
  });
  return scenario.selection ? selectWorkload(loaded.workload, scenario.selection) : loaded.workload;
}

export function loadDatacenter(scenario: ResolvedScenario, catalog: Catalog): Datacenter {
  if (scenario.uniform) {
    const { model, count } = scenario.uniform;
    lookup(catalog.hosts, model, 'host model', { field: '--host-model' });
    const hypervisor = scenario.spec.hypervisor ?? 'kvm';
    lookup(catalog.hypervisors, hypervisor, 'hypervisor', scenario.hypervisorFromFlag ? { field: '--hypervisor' } : { file: scenario.file ?? '(flags)', field: 'hypervisor' });
    return buildDatacenter(uniformTopology(model, count, hypervisor), catalog, `--host-model ${model} --hosts ${count}`);
  }
  const topology = loadSpec(scenario.topologyPath, TopologySpecSchema);
  if (scenario.spec.hypervisor) {
    const where = scenario.hypervisorFromFlag ? { field: '--hypervisor' } : { file: scenario.file ?? '(flags)', field: 'hypervisor' };
    lookup(catalog.hypervisors, scenario.spec.hypervisor, 'hypervisor', where);
    for (const cluster of topology.clusters) cluster.hypervisor = scenario.spec.hypervisor;
  }
  return buildDatacenter(topology, catalog, scenario.topologyPath);
}

/** Simulates a loaded workload on a built datacenter under a scenario's settings. */
export function runOnDatacenter(
  scenario: ResolvedScenario,
  workload: Workload,
  dc: Datacenter,
  catalog: Catalog,
  options: RunOptions = {},
): RunResult {
  const onProgress = options.onProgress;
  const spec = scenario.spec;
  const where = { file: scenario.file ?? '(flags)', field: 'placement.policy' };
  const policy = placementPolicy(spec.placement.policy, where);
  const rules = sharingRules(workload, spec.sharing.mode, { ...DEFAULT_ELASTIC, ...spec.sharing.elastic });
  const durationMs = spec.durationSeconds ? Math.round(spec.durationSeconds * 1000) : traceEndMs(workload);
  const failures = spec.failures ? loadFailureSchedule(dc, spec.failures, durationMs, new RandomStream(spec.seed).fork('failures')) : [];
  const record = simulate(
    workload,
    dc,
    simulationSettingsOf(
      spec,
      { rules, policy, failures, ...(onProgress ? { onProgress } : {}), ...(options.events ? { events: options.events } : {}) },
      { file: scenario.file ?? '(flags)' },
    ),
  );
  const io = accountIo(workload, dc, record, ioSettingsFrom(spec.io));
  return summarizeRun(record, runInputs(scenario, workload, dc, catalog, options.pathBase), io);
}

function runInputs(scenario: ResolvedScenario, workload: Workload, dc: Datacenter, catalog: Catalog, pathBase?: string): RunInputs {
  const shown = (path: string) => displayPath(path, pathBase);
  const files: RunInputs['files'] = [];
  const add = (role: string, path: string) => files.push({ role, path: shown(path), bytes: statSync(path).size, sha256: sha256File(path) });
  if (scenario.file) add('scenario', scenario.file);
  if (!scenario.uniform) add('topology', scenario.topologyPath);
  for (const model of dc.models) add('host-model', catalog.files.get(`hosts/${model.id}`) ?? '');
  for (const hypervisor of dc.hypervisors) {
    const path = catalog.files.get(`hypervisors/${hypervisor.id}`);
    if (path) add('hypervisor', path);
  }
  for (const source of workload.sources) add('trace', source);
  if (scenario.spec.failures?.model) add('failure-model', scenario.spec.failures.model);
  if (scenario.spec.failures?.trace) add('failure-trace', scenario.spec.failures.trace);
  return {
    rackplanVersion: RACKPLAN_VERSION,
    seed: scenario.spec.seed,
    scenarioName: scenario.spec.name,
    trace: { path: shown(scenario.tracePath), format: workload.format, vms: workload.vmCount, samples: sampleCount(workload) },
    topology: scenario.uniform ? `${scenario.uniform.count} x ${scenario.uniform.model}` : shown(scenario.topologyPath),
    placement: scenario.spec.placement.policy,
    sharing: scenario.spec.sharing.mode,
    files,
    scenario: {
      ...scenario.spec,
      ...(scenario.spec.failures
        ? {
            failures: {
              ...(scenario.spec.failures.model ? { model: shown(scenario.spec.failures.model) } : {}),
              ...(scenario.spec.failures.trace ? { trace: shown(scenario.spec.failures.trace) } : {}),
            },
          }
        : {}),
    },
  };
}

/** `path` relative to `base` (with / separators) when it lies under it, else unchanged. */
export function displayPath(path: string, base: string | undefined): string {
  if (!base) return path;
  const rel = relative(base, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}
