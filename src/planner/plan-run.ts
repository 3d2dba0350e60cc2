import { RandomStream } from '../engine/random.js';
import type { RunInputs, RunSummary } from '../metrics/run-result.js';
import type { Catalog } from '../model/catalog.js';
import type { Datacenter } from '../model/datacenter.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { readersOnDemand } from '../scenario/readers-on-demand.js';
import { runWithReaders } from '../scenario/run-on-datacenter.js';
import type { ScenarioSpec } from '../scenario/scenario-spec.js';
import { traceKey } from '../scenario/trace-key.js';
import { replicate, scaleDemand, type GrowthMode } from '../traces/workload-growth.js';
import type { Workload } from '../traces/workload.js';
import { uniformDatacenter, type DatacenterChoice } from './datacenter-choice.js';

export type { DatacenterChoice } from './datacenter-choice.js';

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
  /** The trace formats whose VMs are deferrable by default (batchTraceFormats of run-scenario.ts). */
  batchFormats: ReadonlySet<string>;
  cacheDir: string | null;
  workloads: Map<string, Promise<Workload>>;
}

const MAX_CACHED_WORKLOADS = 8;

/** `loaded`: workloads already in memory (shared with this thread), by traceKey. */
export function planRunContext(catalog: Catalog, batchFormats: ReadonlySet<string>, cacheDir: string | null, loaded: Iterable<[string, Workload]> = []): PlanRunContext {
  return { catalog, batchFormats, cacheDir, workloads: new Map([...loaded].map(([key, workload]) => [key, Promise.resolve(workload)])) };
}

/**
 * Runs one task: the scenario's settings on the chosen datacenter with the grown workload.
 * What only some runs need (a topology file's loader, a failure model's reader, a trace not
 * given to this thread) is imported by the first run that does: a worker thread starts without.
 */
export async function executePlanRun(task: PlanRunTask, context: PlanRunContext): Promise<PlanRunOutput> {
  const workload = await grownWorkload(task, context);
  const dc = await runDatacenter(task, context.catalog);
  const readers = await readersOnDemand(task.scenario, context.batchFormats);
  const result = runWithReaders(readers, task.scenario, workload, dc, context.catalog, { io: task.io, plugins: await loadPlugins(task.scenario.spec.plugins) });
  const files = task.datacenter.kind === 'uniform' ? result.inputs.files.filter((f) => f.role !== 'topology') : result.inputs.files;
  return { key: task.key, summary: result.summary, files };
}

async function runDatacenter(task: PlanRunTask, catalog: Catalog): Promise<Datacenter> {
  const choice = task.datacenter;
  if (choice.kind === 'uniform' && catalog.hosts.has(choice.model)) return uniformDatacenter(choice, catalog);
  const { planDatacenter } = await import('./plan-datacenter.js');
  return planDatacenter(task.scenario, choice, catalog);
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
  const loaded = cachedLoad(base, () => import('../scenario/run-scenario.js').then(({ loadScenarioTrace }) => loadScenarioTrace(scenario, context.cacheDir)), context).then((workload) => {
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
