import type { Catalog } from '../model/catalog.js';
import type { Datacenter } from '../model/datacenter.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { readersOnDemand } from '../scenario/readers-on-demand.js';
import { runWithReaders } from '../scenario/run-on-datacenter.js';
import { traceKey } from '../scenario/trace-key.js';
import type { Workload } from '../traces/workload.js';
import type { DataRoots } from './data-roots.js';
import { FileChecksums } from './file-checksums.js';
import type { RunIdentity } from './run-identity.js';
import { RunStore } from './run-store.js';
import type { SweepJob } from './sweep-job.js';

/**
 * One run to execute; plain data, so it crosses to a worker thread. `planned`: a run this
 * process planned itself (a local sweep or a shard), trusted. `job`: a queue job, untrusted:
 * resolved inside the data roots, hashed again and written under the results root.
 */
export type SweepTask = PlannedTask | JobTask;

export interface PlannedTask {
  kind: 'planned';
  hash: string;
  identity: RunIdentity;
  scenario: ResolvedScenario;
  /** The run's datacenter as planning built it from the topology its identity names. */
  datacenter: Datacenter;
  /** The sweep's output folder; the run goes to `<outDir>/runs/<hash>/`. */
  outDir: string;
}

export interface JobTask {
  kind: 'job';
  job: SweepJob;
}

export interface SweepTaskOutput {
  hash: string;
  /** false: the run was already stored (by another worker), nothing was simulated. */
  executed: boolean;
}

/** Where a queue worker may read (data roots) and write (results root). */
export interface WorkerPlaces {
  roots: DataRoots;
  resultsRoot: string;
}

/** What an executor keeps between runs: the catalog, file checksums and recent workloads. */
export interface SweepRunContext {
  catalog: Catalog;
  /** The trace formats whose VMs are deferrable by default (from the trace registry, read by the process). */
  batchFormats: ReadonlySet<string>;
  cacheDir: string | null;
  /** Unique per executor (host, process, thread): names the partial folders it writes. */
  tag: string;
  places: WorkerPlaces | null;
  checksums: FileChecksums;
  workloads: Map<string, Promise<Workload>>;
  written: number;
}

const MAX_CACHED_WORKLOADS = 4;

/** `loaded`: workloads already in memory (shared with this thread), by traceKey. */
export function sweepRunContext(
  catalog: Catalog,
  batchFormats: ReadonlySet<string>,
  cacheDir: string | null,
  tag: string,
  places: WorkerPlaces | null = null,
  loaded: Iterable<[string, Workload]> = [],
): SweepRunContext {
  const workloads = new Map([...loaded].map(([key, workload]) => [key, Promise.resolve(workload)]));
  return { catalog, batchFormats, cacheDir, tag, places, checksums: new FileChecksums({}, cacheDir), workloads, written: 0 };
}

/**
 * Runs one task and stores its result; a run already stored is not run again. What only a
 * queue job needs (its schema, the topology and trace loaders) is imported when one comes:
 * a thread of a local sweep then starts without them.
 */
export async function executeSweepTask(task: SweepTask, context: SweepRunContext): Promise<SweepTaskOutput> {
  if (task.kind === 'planned') return execute(task.hash, task.identity, task.scenario, task.datacenter, new RunStore(task.outDir), context);
  const { resolveJobTask } = await import('./job-task.js');
  const job = resolveJobTask(task.job, context.places, context.catalog, context.checksums);
  return execute(job.hash, job.identity, job.scenario, job.datacenter, job.store, context);
}

async function execute(hash: string, identity: RunIdentity, scenario: ResolvedScenario, dc: Datacenter, store: RunStore, context: SweepRunContext): Promise<SweepTaskOutput> {
  if (store.isDone(hash)) return { hash, executed: false };
  // A sweep run has no scenario file of its own: its run.json names inputs by their own names.
  const run = { ...scenario, file: null };
  const workload = await loadWorkload(run, context);
  const result = runWithReaders(await readersOnDemand(run, context.batchFormats), run, workload, dc, context.catalog, { plugins: await loadPlugins(run.spec.plugins) });
  const executed = store.write(hash, identity, result, `${context.tag}.${context.written++}`);
  return { hash, executed };
}

/** The scenario's workload, shared by the runs that read the same trace with the same options. */
function loadWorkload(scenario: ResolvedScenario, context: SweepRunContext): Promise<Workload> {
  const key = traceKey(scenario);
  const cached = context.workloads.get(key);
  if (cached) return cached;
  // Threads of a local sweep are given every workload; a queue worker loads its jobs' traces.
  const loading = import('../scenario/run-scenario.js').then(({ loadScenarioTrace }) => loadScenarioTrace(scenario, context.cacheDir));
  context.workloads.set(key, loading);
  loading.catch(() => context.workloads.delete(key));
  while (context.workloads.size > MAX_CACHED_WORKLOADS) context.workloads.delete(context.workloads.keys().next().value!);
  return loading;
}
