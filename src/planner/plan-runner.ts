import { WorkerPool } from '../common/worker-pool.js';
import { loadCatalog, type Catalog } from '../model/catalog.js';
import { batchTraceFormats } from '../scenario/run-scenario.js';
import type { Workload } from '../traces/workload.js';
import { executePlanRun, planRunContext, type PlanRunOutput, type PlanRunTask } from './plan-run.js';

/** Executes plan runs, in this thread or on worker threads; results do not depend on which. */
export interface PlanRunner {
  readonly workers: number;
  run(task: PlanRunTask): Promise<PlanRunOutput>;
  close(): Promise<void>;
}

export interface PlanRunnerOptions {
  /** 1 runs in this thread; more starts that many worker threads. */
  workers: number;
  /** The models folder (host models, hypervisors); every worker loads it. */
  catalogDir: string;
  /** Trace cache folder shared by all workers; null disables it. */
  cacheDir: string | null;
  /** The compiled worker script; plan-worker.js next to this module by default. */
  workerUrl?: URL;
  /** Workloads loaded once on shared memory (loadSharedWorkloads), by traceKey; threads load the rest. */
  workloads?: ReadonlyMap<string, Workload>;
}

/** What plan-worker.js is started with. */
export interface PlanWorkerData {
  /** Loaded (and validated) here once: a thread then needs neither the model files nor their schemas. */
  catalog: Catalog;
  /** The trace formats that are batch work: a thread then need not load the trace readers to know. */
  batchFormats: string[];
  cacheDir: string | null;
  workloads: [string, Workload][];
}

export function createPlanRunner(options: PlanRunnerOptions): PlanRunner {
  const catalog = loadCatalog(options.catalogDir);
  const batchFormats = batchTraceFormats();
  if (options.workers <= 1) {
    const context = planRunContext(catalog, batchFormats, options.cacheDir, options.workloads ?? []);
    return { workers: 1, run: (task) => executePlanRun(task, context), close: async () => {} };
  }
  const data: PlanWorkerData = { catalog, batchFormats: [...batchFormats], cacheDir: options.cacheDir, workloads: [...(options.workloads ?? [])] };
  const pool = new WorkerPool<PlanRunTask, PlanRunOutput>({
    script: options.workerUrl ?? new URL('./plan-worker.js', import.meta.url),
    threads: options.workers,
    workerData: () => data,
    taskName: 'plan run',
  });
  return { workers: options.workers, run: (task) => pool.run(task), close: () => pool.close() };
}
