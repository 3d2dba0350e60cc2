import { Worker } from 'node:worker_threads';
import { reviveError, type SerializedError } from '../common/serialized-error.js';
import { loadCatalog } from '../model/catalog.js';
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
}

export function createPlanRunner(options: PlanRunnerOptions): PlanRunner {
  if (options.workers <= 1) {
    const context = planRunContext(loadCatalog(options.catalogDir), options.cacheDir);
    return { workers: 1, run: (task) => executePlanRun(task, context), close: async () => {} };
  }
  return new WorkerPool(options);
}

/** Messages between the pool and plan-worker.js. */
export interface WorkerRequest {
  id: number;
  task: PlanRunTask;
}
export type WorkerReply =
  | { id: number; ok: true; output: PlanRunOutput }
  | { id: number; ok: false; error: SerializedError };

interface Job {
  id: number;
  task: PlanRunTask;
  resolve: (output: PlanRunOutput) => void;
  reject: (error: Error) => void;
}

/** A fixed set of worker threads, one task at a time each, tasks handed out in submission order. */
class WorkerPool implements PlanRunner {
  readonly workers: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private readonly all: Worker[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(options: PlanRunnerOptions) {
    this.workers = options.workers;
    const url = options.workerUrl ?? new URL('./plan-worker.js', import.meta.url);
    for (let i = 0; i < options.workers; i++) {
      const worker = new Worker(url, { workerData: { catalogDir: options.catalogDir, cacheDir: options.cacheDir } });
      worker.on('message', (reply: WorkerReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.crash(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.failure) this.crash(new Error(`plan worker exited with code ${code}`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  run(task: PlanRunTask): Promise<PlanRunOutput> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('plan runner closed');
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task } satisfies WorkerRequest);
    }
  }

  private settle(worker: Worker, reply: WorkerReply): void {
    const job = this.busy.get(worker);
    if (!job || job.id !== reply.id) return;
    this.busy.delete(worker);
    this.idle.push(worker);
    if (reply.ok) job.resolve(reply.output);
    else job.reject(reviveError(reply.error));
    this.dispatch();
  }

  private crash(error: Error): void {
    this.failure = error;
    for (const job of [...this.busy.values(), ...this.queue]) job.reject(error);
    this.busy.clear();
    this.queue.length = 0;
  }
}
