import { hostname } from 'node:os';
import { WorkerPool, type SetTimer } from '../common/worker-pool.js';
import { loadCatalog, type Catalog } from '../model/catalog.js';
import { batchTraceFormats } from '../scenario/run-scenario.js';
import type { Workload } from '../traces/workload.js';
import { executeSweepTask, sweepRunContext, type SweepTask, type SweepTaskOutput, type WorkerPlaces } from './sweep-run.js';

/** Executes sweep runs, in this thread or on worker threads; results do not depend on which. */
export interface SweepExecutor {
  readonly workers: number;
  run(task: SweepTask): Promise<SweepTaskOutput>;
  close(): Promise<void>;
}

export interface SweepPoolOptions {
  /** Worker threads; 0 runs in this thread (without time or memory limits). */
  threads: number;
  /** The models folder every thread loads. */
  catalogDir: string;
  /** Parsed-trace cache shared by all threads; null disables it. */
  cacheDir: string | null;
  /** Names this process's partial folders; `<host>.<pid>` by default. */
  tag?: string;
  /** A queue worker's data roots and results root; local sweeps have none. */
  places?: WorkerPlaces;
  /** V8 heap limit of each thread, MiB: a run that needs more fails alone and its thread is replaced. */
  memoryLimitMiB?: number;
  /** Wall-clock limit per run (needs setTimer). */
  timeLimitMs?: number;
  setTimer?: SetTimer;
  /** Workloads loaded once on shared memory (loadSharedWorkloads), by traceKey; threads load the rest. */
  workloads?: ReadonlyMap<string, Workload>;
}

/** What sweep-thread.js is started with. */
export interface SweepThreadData {
  /** Loaded (and validated) here once: a thread then needs neither the model files nor their schemas. */
  catalog: Catalog;
  /** The trace formats that are batch work: a thread then need not load the trace readers to know. */
  batchFormats: string[];
  cacheDir: string | null;
  tag: string;
  places: { roots: [string, string][]; resultsRoot: string } | null;
  workloads: [string, Workload][];
}

export function createSweepExecutor(options: SweepPoolOptions): SweepExecutor {
  const tag = options.tag ?? `${hostname()}.${process.pid}`;
  const catalog = loadCatalog(options.catalogDir);
  const batchFormats = [...batchTraceFormats()];
  if (options.threads <= 0) return inThreadExecutor(options, catalog, new Set(batchFormats), tag);
  const places = options.places ? { roots: [...options.places.roots], resultsRoot: options.places.resultsRoot } : null;
  const pool = new WorkerPool<SweepTask, SweepTaskOutput>({
    script: new URL('./sweep-thread.js', import.meta.url),
    threads: options.threads,
    workerData: (n): SweepThreadData => ({ catalog, batchFormats, cacheDir: options.cacheDir, tag: `${tag}.t${n}`, places, workloads: [...(options.workloads ?? [])] }),
    taskName: 'run',
    ...(options.memoryLimitMiB !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMiB } } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    ...(options.setTimer ? { setTimer: options.setTimer } : {}),
  });
  return { workers: options.threads, run: (task) => pool.run(task), close: () => pool.close() };
}

/**
 * Runs one task after another in this thread: each run finishes (and is reported) before the
 * next starts, as with one worker thread.
 */
function inThreadExecutor(options: SweepPoolOptions, catalog: Catalog, batchFormats: ReadonlySet<string>, tag: string): SweepExecutor {
  const context = sweepRunContext(catalog, batchFormats, options.cacheDir, `${tag}.main`, options.places ?? null, options.workloads ?? []);
  let tail: Promise<unknown> = Promise.resolve();
  return {
    workers: 1,
    run(task) {
      const next = tail.then(() => executeSweepTask(task, context));
      tail = next.catch(() => {});
      return next;
    },
    close: async () => {},
  };
}
