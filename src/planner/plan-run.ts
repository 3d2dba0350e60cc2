import { RandomStream } from '../engine/random.js';
import type { RunInputs, RunSummary } from '../metrics/run-result.js';
import type { Catalog } from '../model/catalog.js';
import { buildDatacenter, uniformTopology, type Datacenter } from '../model/datacenter.js';
import { catalogWithTopologies } from '../model/load-topology.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { loadDatacenter, loadScenarioTrace, runOnDatacenter, traceKey } from '../scenario/run-scenario.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { replicate, scaleDemand, type GrowthMode } from '../traces/workload-growth.js';
import type { Workload } from '../traces/workload.js';
import { rackedTopology, type PlanRackLimits } from './rack-limits.js';

/** The datacenter of a run: N hosts of one model on one rack, or a topology file. */
export type DatacenterChoice =
  | { kind: 'uniform'; model: string; count: number; hypervisor: string; racks?: { limits: PlanRackLimits; hostsPerRack: number } }
  | { kind: 'topology'; path: string };

/**
 * A scenario spec with the `failures` field the simulation core reads (failure model and/or
 * failure trace, absolute paths). Until the core consumes it, runs that differ only in their
 * seed give equal results; nothing here assumes that.
 */
export type PlanScenarioSpec = ScenarioSpec & { failures?: { model?: string; trace?: string } };

/** One independent simulation of a plan; plain data, so it can cross to a worker thread. */
export interface PlanRunTask {
  /** Unique within a plan; results are ordered by the plan, never by completion. */
  key: string;
  /** The scenario with this run's seed, placement policy and failures applied. */
  scenario: ResolvedScenario;
  datacenter: DatacenterChoice;
  growth: { factor: number; mode: GrowthMode };
  /** Replay disk and network too (only when the verdict reads them: plan runs keep only the summary). */
  io: boolean;
}

export interface PlanRunOutput {
  key: string;
  summary: RunSummary;
  files: RunInputs['files'];
}

/** What a runner keeps between runs: the catalog and the loaded (and grown) workloads. */
export interface PlanRunContext {
  catalog: Catalog;
  cacheDir: string | null;
  workloads: Map<string, Promise<Workload>>;
}

const MAX_CACHED_WORKLOADS = 8;

/** `loaded`: workloads already in memory (shared with this thread), by traceKey. */
export function planRunContext(catalog: Catalog, cacheDir: string | null, loaded: Iterable<[string, Workload]> = []): PlanRunContext {
  return { catalog, cacheDir, workloads: new Map([...loaded].map(([key, workload]) => [key, Promise.resolve(workload)])) };
}

/** Runs one task: the scenario's settings on the chosen datacenter with the grown workload. */
export async function executePlanRun(task: PlanRunTask, context: PlanRunContext): Promise<PlanRunOutput> {
  const workload = await grownWorkload(task, context);
  const dc = planDatacenter(task.scenario, task.datacenter, context.catalog);
  const result = runOnDatacenter(task.scenario, workload, dc, context.catalog, { io: task.io, plugins: await loadPlugins(task.scenario.spec.plugins) });
  const files = task.datacenter.kind === 'uniform' ? result.inputs.files.filter((f) => f.role !== 'topology') : result.inputs.files;
  return { key: task.key, summary: result.summary, files };
}

export function planDatacenter(scenario: ResolvedScenario, choice: DatacenterChoice, catalog: Catalog): Datacenter {
  if (choice.kind === 'topology') return loadDatacenter({ ...scenario, topologyPath: choice.path }, catalog);
  // A host model of an OpenDC topology exists only in that file: read it there.
  const models = catalog.hosts.has(choice.model) ? catalog : catalogWithTopologies(catalog, [scenario.topologyPath]);
  if (choice.racks) {
    const topology = rackedTopology(choice.model, choice.count, choice.hypervisor, choice.racks.limits, choice.racks.hostsPerRack);
    return buildDatacenter(topology, models, `${choice.model} x ${choice.count} in racks`);
  }
  return buildDatacenter(uniformTopology(choice.model, choice.count, choice.hypervisor), models, `${choice.model} x ${choice.count}`);
}

/** The growth a replicated workload draws from: the run's seed, forked by label. */
export function growthStream(seed: number): RandomStream {
  return new RandomStream(seed).fork('workload-growth');
}

function grownWorkload(task: PlanRunTask, context: PlanRunContext): Promise<Workload> {
  const { scenario, growth } = task;
  const base = traceKey(scenario);
  const seedPart = growth.mode === 'replicate' && growth.factor !== 1 ? `|${scenario.spec.seed}` : '';
  const key = `${base}|${growth.mode}|${growth.factor}${seedPart}`;
  const cached = context.workloads.get(key);
  if (cached) return cached;
  const loaded = cachedLoad(base, () => loadScenarioTrace(scenario, context.cacheDir), context).then((workload) => {
    if (growth.factor === 1) return workload;
    return growth.mode === 'scale' ? scaleDemand(workload, growth.factor) : replicate(workload, growth.factor, growthStream(scenario.spec.seed));
  });
  remember(context, key, loaded);
  return loaded;
}

function cachedLoad(key: string, load: () => Promise<Workload>, context: PlanRunContext): Promise<Workload> {
  const cached = context.workloads.get(key);
  if (cached) return cached;
  const loading = load();
  remember(context, key, loading);
  return loading;
}

/** Keeps the most recent workloads; a failed load is forgotten so that it is not cached. */
function remember(context: PlanRunContext, key: string, workload: Promise<Workload>): void {
  context.workloads.set(key, workload);
  workload.catch(() => context.workloads.delete(key));
  while (context.workloads.size > MAX_CACHED_WORKLOADS) context.workloads.delete(context.workloads.keys().next().value!);
}
