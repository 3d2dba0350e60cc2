import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { loadCatalog } from '../model/catalog.js';
import { reviveError, type SerializedError } from '../common/serialized-error.js';
import { executeSweepTask, sweepRunContext, type SweepTask, type SweepTaskOutput } from './sweep-run.js';

/** Executes sweep runs, in this thread or on worker threads; results do not depend on which. */
export interface SweepExecutor {
  readonly workers: number;
  run(task: SweepTask): Promise<SweepTaskOutput>;
  close(): Promise<void>;
}

export interface SweepPoolOptions {
  /** Worker threads; 0 runs in this thread. */
  threads: number;
  /** The models folder every thread loads. */
  catalogDir: string;
  /** Parsed-trace cache shared by all threads; null disables it. */
  cacheDir: string | null;
  /** Names this process's partial folders; `<host>.<pid>` by default. */
  tag?: string;
}

export function createSweepExecutor(options: SweepPoolOptions): SweepExecutor {
  const tag = options.tag ?? `${hostname()}.${process.pid}`;
  if (options.threads <= 0) return inThreadExecutor(options, tag);
  return new SweepPool(options, tag);
}

/**
 * Runs one task after another in this thread: each run finishes (and is reported) before the
 * next starts, as with one worker thread.
 */
function inThreadExecutor(options: SweepPoolOptions, tag: string): SweepExecutor {
  const context = sweepRunContext(loadCatalog(options.catalogDir), options.cacheDir, `${tag}.main`);
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

/** Messages between the pool and sweep-thread.js. */
export interface ThreadRequest {
  id: number;
  task: SweepTask;
}
export type ThreadReply = { id: number; ok: true; output: SweepTaskOutput } | { id: number; ok: false; error: SerializedError };
export interface ThreadData {
  catalogDir: string;
  cacheDir: string | null;
  tag: string;
}

interface Pending {
  id: number;
  task: SweepTask;
  resolve: (output: SweepTaskOutput) => void;
  reject: (error: Error) => void;
}

/** A fixed set of worker threads, one run at a time each, runs handed out in submission order. */
class SweepPool implements SweepExecutor {
  readonly workers: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private readonly all: Worker[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  constructor(options: SweepPoolOptions, tag: string) {
    this.workers = options.threads;
    const url = new URL('./sweep-thread.js', import.meta.url);
    for (let i = 0; i < options.threads; i++) {
      const workerData: ThreadData = { catalogDir: options.catalogDir, cacheDir: options.cacheDir, tag: `${tag}.t${i}` };
      const worker = new Worker(url, { workerData });
      worker.on('message', (reply: ThreadReply) => this.settle(worker, reply));
      worker.on('error', (error) => this.crash(error));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.failure) this.crash(new Error(`sweep thread exited with code ${code}`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  run(task: SweepTask): Promise<SweepTaskOutput> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('sweep pool closed');
    for (const pending of [...this.busy.values(), ...this.queue]) pending.reject(this.failure);
    this.busy.clear();
    this.queue.length = 0;
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage({ id: pending.id, task: pending.task } satisfies ThreadRequest);
    }
  }

  private settle(worker: Worker, reply: ThreadReply): void {
    const pending = this.busy.get(worker);
    if (!pending || pending.id !== reply.id) return;
    this.busy.delete(worker);
    this.idle.push(worker);
    if (reply.ok) pending.resolve(reply.output);
    else pending.reject(reviveError(reply.error));
    this.dispatch();
  }

  private crash(error: Error): void {
    this.failure = error;
    for (const pending of [...this.busy.values(), ...this.queue]) pending.reject(error);
    this.busy.clear();
    this.queue.length = 0;
  }
}
