import { join } from 'node:path';
import type { Catalog } from '../model/catalog.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { loadDatacenter, loadScenarioTrace, runOnDatacenter, traceKey } from '../scenario/run-scenario.js';
import type { Workload } from '../traces/workload.js';
import type { DataRoots } from './data-roots.js';
import { FileChecksums } from './file-checksums.js';
import { runHash, runIdentity, type RunIdentity } from './run-identity.js';
import { RunStore } from './run-store.js';
import { JobRefusedError, resolveSweepJob, type SweepJob } from './sweep-job.js';

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
  cacheDir: string | null,
  tag: string,
  places: WorkerPlaces | null = null,
  loaded: Iterable<[string, Workload]> = [],
): SweepRunContext {
  const workloads = new Map([...loaded].map(([key, workload]) => [key, Promise.resolve(workload)]));
  return { catalog, cacheDir, tag, places, checksums: new FileChecksums({}, cacheDir), workloads, written: 0 };
}

/** Runs one task and stores its result; a run already stored is not run again. */
export async function executeSweepTask(task: SweepTask, context: SweepRunContext): Promise<SweepTaskOutput> {
  if (task.kind === 'planned') return execute(task.hash, task.identity, task.scenario, new RunStore(task.outDir), context);
  const places = context.places;
  if (!places) throw new JobRefusedError('this executor has no data roots or results root');
  const scenario = resolveSweepJob(task.job, places.roots);
  const dc = loadDatacenter(scenario, context.catalog);
  // The job's hash is a claim; only the hash of what this worker will actually run counts.
  const identity = runIdentity(scenario, dc, context.catalog, context.checksums);
  const found = runHash(identity);
  if (found !== task.job.hash) {
    // Kept under the 200 characters an error line is cut to: both hashes must show whole.
    throw new JobRefusedError(`its content hashes to ${found}, not ${task.job.hash}: forged, or other data, models or version`);
  }
  return execute(found, identity, scenario, new RunStore(join(places.resultsRoot, task.job.folder)), context);
}

async function execute(hash: string, identity: RunIdentity, scenario: ResolvedScenario, store: RunStore, context: SweepRunContext): Promise<SweepTaskOutput> {
  if (store.isDone(hash)) return { hash, executed: false };
  // A sweep run has no scenario file of its own: its run.json names inputs by their own names.
  const run = { ...scenario, file: null };
  const dc = loadDatacenter(run, context.catalog);
  const workload = await loadWorkload(run, context);
  const result = runOnDatacenter(run, workload, dc, context.catalog, { plugins: await loadPlugins(run.spec.plugins) });
  const executed = store.write(hash, identity, result, `${context.tag}.${context.written++}`);
  return { hash, executed };
}

/** The scenario's workload, shared by the runs that read the same trace with the same options. */
function loadWorkload(scenario: ResolvedScenario, context: SweepRunContext): Promise<Workload> {
  const key = traceKey(scenario);
  const cached = context.workloads.get(key);
  if (cached) return cached;
  const loading = loadScenarioTrace(scenario, context.cacheDir);
  context.workloads.set(key, loading);
  loading.catch(() => context.workloads.delete(key));
  while (context.workloads.size > MAX_CACHED_WORKLOADS) context.workloads.delete(context.workloads.keys().next().value!);
  return loading;
}
