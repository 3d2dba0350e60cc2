import { InputError } from '../common/input-error.js';
import type { Catalog } from '../model/catalog.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { loadDatacenter, loadScenarioTrace, runOnDatacenter } from '../scenario/run-scenario.js';
import type { Workload } from '../traces/workload.js';
import { FileChecksums } from './file-checksums.js';
import { runHash, runIdentity, type RunIdentity } from './run-identity.js';
import { RunStore } from './run-store.js';

/** One run to execute; plain data, so it crosses to a worker thread or through a job queue. */
export interface SweepTask {
  hash: string;
  identity: RunIdentity;
  scenario: ResolvedScenario;
  /** The sweep's output folder; the run goes to `<outDir>/runs/<hash>/`. */
  outDir: string;
  /**
   * Recompute the identity from this machine's files before running and refuse a mismatch
   * (a queue worker whose models/ or traces differ from the submitter's).
   */
  verify: boolean;
}

export interface SweepTaskOutput {
  hash: string;
  /** false: the run was already stored (by another worker), nothing was simulated. */
  executed: boolean;
}

/** What an executor keeps between runs: the catalog, file checksums and recent workloads. */
export interface SweepRunContext {
  catalog: Catalog;
  cacheDir: string | null;
  /** Unique per executor (host, process, thread): names the partial folders it writes. */
  tag: string;
  checksums: FileChecksums;
  workloads: Map<string, Promise<Workload>>;
  written: number;
}

const MAX_CACHED_WORKLOADS = 4;

export function sweepRunContext(catalog: Catalog, cacheDir: string | null, tag: string): SweepRunContext {
  return { catalog, cacheDir, tag, checksums: new FileChecksums(), workloads: new Map(), written: 0 };
}

/** Thrown when a worker's inputs hash differently from the submitter's. */
export class InputsDifferError extends InputError {
  constructor(hash: string, found: string) {
    super(`run ${hash}: this machine's inputs hash to ${found}; its models/, traces or rackplan version differ from the submitter's`);
    this.name = 'InputsDifferError';
  }
}

/** Runs one task and stores its result; a run already stored is not run again. */
export async function executeSweepTask(task: SweepTask, context: SweepRunContext): Promise<SweepTaskOutput> {
  const store = new RunStore(task.outDir);
  if (store.isDone(task.hash)) return { hash: task.hash, executed: false };
  const dc = loadDatacenter(task.scenario, context.catalog);
  if (task.verify) {
    const found = runHash(runIdentity(task.scenario, dc, context.catalog, context.checksums));
    if (found !== task.hash) throw new InputsDifferError(task.hash, found);
  }
  const workload = await loadWorkload(task.scenario, context);
  const result = runOnDatacenter(task.scenario, workload, dc, context.catalog);
  const executed = store.write(task.hash, task.identity, result, `${context.tag}.${context.written++}`);
  return { hash: task.hash, executed };
}

/** The scenario's workload, shared by the runs that read the same trace with the same options. */
function loadWorkload(scenario: ResolvedScenario, context: SweepRunContext): Promise<Workload> {
  const key = `${scenario.tracePath}\u0000${scenario.spec.trace.format ?? ''}\u0000${JSON.stringify(scenario.spec.trace.options ?? {})}`;
  const cached = context.workloads.get(key);
  if (cached) return cached;
  const loading = loadScenarioTrace(scenario, context.cacheDir);
  context.workloads.set(key, loading);
  loading.catch(() => context.workloads.delete(key));
  while (context.workloads.size > MAX_CACHED_WORKLOADS) context.workloads.delete(context.workloads.keys().next().value!);
  return loading;
}
