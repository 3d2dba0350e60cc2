import { getTraceReader } from '../traces/registry.js';
import type { WorkloadSelection } from '../traces/workload-window.js';
import { dirname, extname, join, resolve } from 'node:path';
import { modelPath } from '../model/builtin-models.js';
import { BUILTIN_MODELS_DIR } from '../model/catalog.js';
import { loadSpec, parseSpec } from '../model/load-spec.js';
import { readMappingFile, readMappingRows } from '../services/service-mapping.js';
import { ScenarioSpecSchema, type ScenarioSpec } from './scenario-spec.js';

/** Command-line flags that override a scenario file (paths relative to the working directory). */
export interface ScenarioOverrides {
  trace?: string;
  format?: string;
  topology?: string;
  placement?: string;
  seed?: number;
  sharing?: 'fixed' | 'elastic';
  hypervisor?: string;
  switchOffIdle?: boolean;
  durationSeconds?: number;
  /** Plug-in modules besides the scenario's own (docs/extending.md). */
  plugins?: string[];
  /** A failure model (JSON) or failure trace (.csv), in place of the scenario's failures. */
  failures?: string;
  /** A uniform topology in place of the topology file: `count` hosts of one model. */
  uniform?: { model: string; count: number };
  /** Only the first VMs and a time window of the trace (--vms, --from, --to). */
  selection?: WorkloadSelection;
  /**
   * The machines the trace describes as the topology (--topology trace), with clock rate and
   * power from this catalog host model; its MHz per core also sizes the trace's VMs unless the
   * trace options set coreMhz.
   */
  traceTopology?: { referenceModel: string; mhzPerCore: number };
}

/** A scenario with every path absolute and every flag applied. */
export interface ResolvedScenario {
  spec: ScenarioSpec;
  /** Set by --vms/--from/--to: the part of the trace the run replays. */
  selection?: WorkloadSelection;
  /** Set by --topology trace: the run's hosts are the trace's machines, not topologyPath (trace-topology.ts). */
  traceTopology?: { referenceModel: string };
  /** Set by --host-model/--hosts: the run uses this many hosts of one model, not topologyPath. */
  uniform?: { model: string; count: number };
  /** True when --hypervisor set spec.hypervisor (an unknown id is then the flag's fault). */
  hypervisorFromFlag?: boolean;
  /** The placement policy came from a flag: a bad name is the flag's fault, not the file's. */
  placementFromFlag?: boolean;
  /** The scenario file, or null when the run was described by flags alone. */
  file: string | null;
  tracePath: string;
  topologyPath: string;
}

export const DEFAULT_TOPOLOGY = join(BUILTIN_MODELS_DIR, 'topologies', 'default.json');

/**
 * Reads a scenario file (paths in it are relative to the file) and applies flags over it
 * (paths in flags are relative to `cwd`). Without a file, `overrides.trace` is required and the
 * rest takes the defaults of ScenarioSpecSchema and the built-in default topology.
 */
export function loadScenario(named: string | null, overrides: ScenarioOverrides = {}, cwd = '.'): ResolvedScenario {
  // A flag's bad value is the flag's fault, not the scenario file's: named so, before the file is read.
  if (overrides.format !== undefined) getTraceReader(overrides.format, { field: '--format' });
  const file = named === null ? null : modelPath('scenarios', named, cwd);
  const base = file
    ? loadSpec(file, ScenarioSpecSchema)
    : parseSpec({ name: 'adhoc', trace: { path: overrides.trace ?? '' }, topology: DEFAULT_TOPOLOGY }, ScenarioSpecSchema, '(flags)');
  const fileDir = file ? dirname(resolve(file)) : resolve(cwd);
  const spec: ScenarioSpec = {
    ...base,
    seed: overrides.seed ?? base.seed,
    trace: {
      ...base.trace,
      path: overrides.trace ?? base.trace.path,
      ...(overrides.format ? { format: overrides.format } : {}),
      // Hosts and VMs from one trace share one MHz per core, or a VM the size of its machine would not fit it.
      ...(overrides.traceTopology ? { options: { coreMhz: overrides.traceTopology.mhzPerCore, ...base.trace.options } } : {}),
    },
    topology: overrides.topology ?? base.topology,
    ...(overrides.hypervisor ? { hypervisor: overrides.hypervisor } : {}),
    placement: { ...base.placement, policy: overrides.placement ?? base.placement.policy },
    sharing: { ...base.sharing, mode: overrides.sharing ?? base.sharing.mode },
    power: { ...base.power, switchOffIdle: overrides.switchOffIdle ?? base.power.switchOffIdle },
    ...(overrides.durationSeconds ? { durationSeconds: overrides.durationSeconds } : {}),
  };
  if (overrides.failures !== undefined) {
    const path = resolve(cwd, overrides.failures);
    spec.failures = extname(path).toLowerCase() === '.csv' ? { trace: path } : { model: path };
  } else if (spec.failures) {
    spec.failures = {
      ...(spec.failures.model ? { model: resolve(fileDir, spec.failures.model) } : {}),
      ...(spec.failures.trace ? { trace: resolve(fileDir, spec.failures.trace) } : {}),
      ...(spec.failures.generator ? { generator: spec.failures.generator } : {}),
    };
  }
  if (spec.carbon) spec.carbon = { ...spec.carbon, intensity: modelPath('carbon', spec.carbon.intensity, fileDir) };
  if (spec.deferrableVms) spec.deferrableVms = resolve(fileDir, spec.deferrableVms);
  if (spec.services?.mapping) {
    // Its shape now (validate reads no trace); its VM ids against the trace when the run reads it.
    const mapping = resolve(fileDir, spec.services.mapping);
    spec.services = { ...spec.services, mapping };
    readMappingRows(readMappingFile(mapping, { file: file ?? '(flags)', field: 'services.mapping' }), mapping);
  }
  const plugins = [...(spec.plugins ?? []).map((path) => resolve(fileDir, path)), ...(overrides.plugins ?? []).map((path) => resolve(cwd, path))];
  if (plugins.length > 0) spec.plugins = plugins;
  return {
    spec,
    ...(overrides.hypervisor ? { hypervisorFromFlag: true } : {}),
    ...(overrides.placement ? { placementFromFlag: true } : {}),
    ...(overrides.uniform ? { uniform: overrides.uniform } : {}),
    ...(overrides.traceTopology ? { traceTopology: { referenceModel: overrides.traceTopology.referenceModel } } : {}),
    ...(overrides.selection ? { selection: overrides.selection } : {}),
    file: file ? resolve(file) : null,
    tracePath: overrides.trace ? resolve(cwd, overrides.trace) : resolve(fileDir, spec.trace.path),
    topologyPath: overrides.topology ? modelPath('topologies', overrides.topology, cwd) : modelPath('topologies', spec.topology, fileDir),
  };
}
