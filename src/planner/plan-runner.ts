import { WorkerPool } from '../common/worker-pool.js';
import { loadCatalog } from '../model/catalog.js';
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
  catalogDir: string;
  cacheDir: string | null;
  workloads: [string, Workload][];
}

export function createPlanRunner(options: PlanRunnerOptions): PlanRunner {
  if (options.workers <= 1) {
    const context = planRunContext(loadCatalog(options.catalogDir), options.cacheDir, options.workloads ?? []);
    return { workers: 1, run: (task) => executePlanRun(task, context), close: async () => {} };
  }
  const data: PlanWorkerData = { catalogDir: options.catalogDir, cacheDir: options.cacheDir, workloads: [...(options.workloads ?? [])] };
  const pool = new WorkerPool<PlanRunTask, PlanRunOutput>({
    script: options.workerUrl ?? new URL('./plan-worker.js', import.meta.url),
    threads: options.workers,
    workerData: () => data,
    taskName: 'plan run',
  });
  return { workers: options.workers, run: (task) => pool.run(task), close: () => pool.close() };
}
