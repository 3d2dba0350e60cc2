import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, sep } from 'node:path';
import { sha256File } from '../common/checksum.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import { RandomStream } from '../engine/random.js';
import type { FailureFiles } from '../failures/load-failure-schedule.js';
import type { FailureSchedule } from '../failures/failure-schedule.js';
import { lostWhileBooting, withLostWhileBooting } from '../metrics/lost-while-booting.js';
import type { RunInputs, RunResult } from '../metrics/run-result.js';
import { summarizeRun } from '../metrics/summarize-run.js';
import { withCarbon } from '../metrics/with-carbon.js';
import type { Catalog } from '../model/catalog.js';
import { modelLabel } from '../model/cloudsim-compat.js';
import type { Datacenter } from '../model/datacenter.js';
import { lookup } from '../model/lookup.js';
import { openDcNotesOf } from '../model/opendc-notes.js';
import { placementPolicy } from '../placement/registry.js';
import { ioSettingsFrom } from '../scheduling/io-sharing.js';
import type { EventSink } from '../simulation/event-log.js';
import { accountIo } from '../simulation/io-replay/io-accounting.js';
import { DEFAULT_ELASTIC, sharingRules } from '../simulation/sharing-rules.js';
import { simulate, traceEndMs } from '../simulation/simulate.js';
import type { Workload } from '../traces/workload.js';
import { sampleCount } from '../traces/workload.js';
import { carbonSettingsOf } from './carbon-settings-of.js';
import { deferrableFlags } from './deferrable-vms.js';
import { generatedOutages } from './generated-outages.js';
import type { ResolvedScenario } from './load-scenario.js';
import { NO_PLUGINS, type PluginSet } from './plugin-set.js';
import { scenarioServices } from './scenario-services.js';
import { simulationSettingsOf } from './simulation-settings-of.js';
import { TRACE_TOPOLOGY_LABEL, traceTopologyOf } from './trace-datacenter.js';

/** How a scenario run reports back: progress and the event log. */
export interface RunOptions {
  /** Called now and then with the fraction of simulated time done. */
  onProgress?: (fraction: number) => void;
  /** Where the run's event log goes (off when absent). */
  events?: EventSink;
  /**
   * false: skip the disk and network replay (the summary then has no disk or network block).
   * The planner asks for it only when its SLO reads a disk or network figure.
   */
  io?: boolean;
  /** Plug-ins whose names the scenario may use (docs/extending.md); none by default. */
  plugins?: PluginSet;
  /** Record per-host and per-VM means of every report interval (RunResult.intervals). */
  recordIntervals?: boolean;
  /**
   * Called once, just before the simulation starts (after the workload, datacenter and plug-ins
   * are ready): the CLI's start-up trace reads its clock here, as nothing under src/ but cli/ may.
   */
  onSimulationStart?: () => void;
}

/**
 * What a run reads through its caller: run-scenario.ts passes the failure and trace-format
 * modules, which load the schemas of every input kind; a sweep thread, whose inputs were
 * validated where the sweep was planned, passes them only to the runs that need them.
 */
export interface RunReaders {
  /** The outages of the scenario's `failures` (loadFailureSchedule of failures/). */
  failureSchedule: (dc: Datacenter, files: FailureFiles, durationMs: number, rng: RandomStream) => FailureSchedule;
  /** Whether a trace format's VMs are deferrable unless the scenario says (deferrableByDefault of traces/). */
  batchWork: (format: string) => boolean;
}

/** Simulates a loaded workload on a built datacenter under a scenario's settings. */
export function runWithReaders(
  readers: RunReaders,
  scenario: ResolvedScenario,
  workload: Workload,
  dc: Datacenter,
  catalog: Catalog,
  options: RunOptions = {},
): RunResult {
  const onProgress = options.onProgress;
  const spec = scenario.spec;
  // Checked here, once the plug-ins that may define the name are loaded.
  const where = scenario.placementFromFlag ? { field: '--placement' } : { file: scenario.file ?? '(flags)', field: 'placement.policy' };
  const plugins = options.plugins ?? NO_PLUGINS;
  const policy = placementPolicy(spec.placement.policy, where, plugins.placement);
  // With services, the run places the services' instances (a derived workload); run.json still names the trace.
  const scaled = spec.services ? scenarioServices(scenario, workload, catalog) : null;
  const traceWorkload = workload;
  if (scaled) workload = scaled.services.workload;
  const rules = scaled ? scaled.rules : sharingRules(workload, spec.sharing.mode, { ...DEFAULT_ELASTIC, ...spec.sharing.elastic });
  // Read before the simulation: a bad intensity file fails at once, not after the run.
  const carbon = carbonSettingsOf(spec, traceWorkload, scenario.file, spec.carbon ? displayPath(spec.carbon.intensity, scenario.file ? dirname(scenario.file) : undefined) : '');
  const durationMs = spec.durationSeconds ? Math.round(spec.durationSeconds * 1000) : traceEndMs(workload);
  const failures = spec.failures
    ? generatedOutages(
        readers.failureSchedule(dc, spec.failures, durationMs, new RandomStream(spec.seed).fork('failures')),
        spec.failures.generator,
        { dc, durationMs, seed: spec.seed, plugins, file: scenario.file ?? '(flags)' },
      )
    : [];
  const deferrable = deferrableFlags(spec, workload, { file: scenario.file ?? '(flags)' }, readers.batchWork);
  options.onSimulationStart?.();
  const record = simulate(workload, dc, {
    ...simulationSettingsOf(
      spec,
      { rules, policy, failures, plugins, ...rolloutGuest(spec, catalog, scenario.file ?? '(flags)'), ...(options.recordIntervals ? { recordIntervals: true } : {}), ...(onProgress ? { onProgress } : {}), ...(options.events ? { events: options.events } : {}) },
      { file: scenario.file ?? '(flags)' },
    ),
    ...(deferrable ? { deferrable } : {}),
  });
  // Per-host I/O series only for runs that record interval series (hosts.parquet shows them).
  const io = options.io === false ? undefined : accountIo(workload, dc, record, ioSettingsFrom(spec.io), { perHostIntervals: options.recordIntervals === true });
  const summarized = summarizeRun(record, runInputs(scenario, traceWorkload, dc, catalog), io);
  const result = scaled?.services.bootPending ? withLostWhileBooting(summarized, lostWhileBooting(scaled.services, rules, record)) : summarized;
  return carbon ? withCarbon(result, carbon) : result;
}

/** A rollout's guest model boot time, looked up only when the spec does not give its own bootSeconds. */
export function rolloutGuest(spec: ResolvedScenario['spec'], catalog: Catalog, file: string): { rolloutGuestBootSeconds?: number } {
  if (!spec.rollout || spec.rollout.bootSeconds !== undefined) return {};
  return { rolloutGuestBootSeconds: lookup(catalog.guests, spec.rollout.guest, 'guest', { file, field: 'rollout.guest' }).bootSeconds };
}

/**
 * Every input with its size and sha256. Paths are recorded relative to the scenario file's
 * folder, or without a scenario file by their own names (a trace folder's files relative to
 * the folder's parent), never relative to the working directory: the same run writes the same
 * bytes from any folder and any checkout, and the checksums say which files they were.
 */
function runInputs(scenario: ResolvedScenario, workload: Workload, dc: Datacenter, catalog: Catalog): RunInputs {
  const base = scenario.file ? dirname(scenario.file) : undefined;
  const shown = (path: string) => displayPath(path, base);
  const shownTrace = (path: string) => displayPath(path, base ?? dirname(scenario.tracePath));
  const files: RunInputs['files'] = [];
  const add = (role: string, path: string, sha256?: string) => files.push({ role, path: role === 'trace' ? shownTrace(path) : shown(path), bytes: statSync(path).size, sha256: sha256 ?? sha256File(path) });
  if (scenario.file) add('scenario', scenario.file);
  if (!scenario.uniform && !scenario.traceTopology) add('topology', scenario.topologyPath);
  // A trace topology's host models are generated; the reference model they are assumed to be is the input.
  const reference = scenario.traceTopology && catalog.files.get(`hosts/${scenario.traceTopology.referenceModel}`);
  if (reference) add('host-model', reference);
  for (const model of dc.models) {
    const path = catalog.files.get(`hosts/${model.id}`);
    if (path) add('host-model', path);
  }
  for (const hypervisor of dc.hypervisors) {
    const path = catalog.files.get(`hypervisors/${hypervisor.id}`);
    if (path) add('hypervisor', path);
  }
  // The loader's checksums (kept in the trace cache) spare a cached run reading the trace again.
  workload.sources.forEach((source, i) => add('trace', source, workload.sourceSha256?.[i]));
  if (scenario.spec.failures?.model) add('failure-model', scenario.spec.failures.model);
  if (scenario.spec.failures?.trace) add('failure-trace', scenario.spec.failures.trace);
  if (scenario.spec.carbon) add('carbon-intensity', scenario.spec.carbon.intensity);
  if (scenario.spec.deferrableVms) add('deferrable-vms', scenario.spec.deferrableVms);
  for (const plugin of scenario.spec.plugins ?? []) add('plugin', plugin);
  if (scenario.selection?.vmList) add('vm-list', scenario.selection.vmList.file);
  const topologyNotes = scenario.uniform || scenario.traceTopology ? [] : openDcNotesOf(scenario.topologyPath, shown(scenario.topologyPath));
  if (scenario.spec.services?.mapping) add('service-mapping', scenario.spec.services.mapping);
  return {
    rackplanVersion: RACKPLAN_VERSION,
    seed: scenario.spec.seed,
    scenarioName: scenario.spec.name,
    trace: { path: shownTrace(scenario.tracePath), format: workload.format, vms: workload.vmCount, samples: sampleCount(workload) },
    topology: scenario.uniform ? `${scenario.uniform.count} x ${scenario.uniform.model}` : scenario.traceTopology ? TRACE_TOPOLOGY_LABEL : shown(scenario.topologyPath),
    ...(scenario.traceTopology ? { assumptions: [traceTopologyOf(scenario, catalog, workload).assumption] } : {}),
    placement: scenario.spec.placement.policy,
    sharing: scenario.spec.sharing.mode,
    model: modelLabel(scenario.spec.compat ?? null),
    files,
    ...(topologyNotes.length > 0 ? { topologyNotes } : {}),
    scenario: {
      ...scenario.spec,
      trace: { ...scenario.spec.trace, path: shownTrace(scenario.tracePath) },
      topology: scenario.traceTopology ? TRACE_TOPOLOGY_LABEL : shown(scenario.topologyPath),
      ...(scenario.spec.carbon ? { carbon: { ...scenario.spec.carbon, intensity: shown(scenario.spec.carbon.intensity) } } : {}),
      ...(scenario.spec.plugins ? { plugins: scenario.spec.plugins.map(shown) } : {}),
      ...(scenario.spec.deferrableVms ? { deferrableVms: shown(scenario.spec.deferrableVms) } : {}),
      ...(scenario.spec.services?.mapping ? { services: { ...scenario.spec.services, mapping: shown(scenario.spec.services.mapping) } } : {}),
      ...(scenario.spec.failures
        ? {
            failures: {
              ...(scenario.spec.failures.model ? { model: shown(scenario.spec.failures.model) } : {}),
              ...(scenario.spec.failures.trace ? { trace: shown(scenario.spec.failures.trace) } : {}),
              ...(scenario.spec.failures.generator ? { generator: scenario.spec.failures.generator } : {}),
            },
          }
        : {}),
    },
  };
}

/**
 * `path` relative to the folder `base` (with / separators, `..` where it lies outside), or its
 * own name without a base; never absolute, so it does not depend on where the files are.
 */
export function displayPath(path: string, base: string | undefined): string {
  if (!base) return basename(path);
  const rel = relative(base, path);
  return rel === '' ? '.' : isAbsolute(rel) ? basename(path) : rel.split(sep).join('/');
}
