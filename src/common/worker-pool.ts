import { setFlagsFromString } from 'node:v8';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { InputError } from './input-error.js';
import { reviveError, type SerializedError } from './serialized-error.js';

/** Messages between a pool and its threads (see pool-thread.ts). */
export interface PoolRequest<Task> {
  id: number;
  task: Task;
}
/** A thread's answers: the task's start (once the thread has loaded and picked it up), then its output or error. */
export type PoolReply<Output> = { id: number; started: true } | { id: number; ok: true; output: Output } | { id: number; ok: false; error: SerializedError };

/** Starts a timer and returns its cancel; from cli/ (nothing else reads timers). */
export type SetTimer = (ms: number, fire: () => void) => () => void;

export interface WorkerPoolOptions {
  /** The compiled thread script; it calls serveTasks() of pool-thread.ts. */
  script: URL;
  threads: number;
  /** workerData of thread number `n` (replacements get fresh numbers, so per-thread names stay unique). */
  workerData: (n: number) => unknown;
  /** What one task is called in messages: "run", "plan run". */
  taskName: string;
  /** V8 heap limits of every thread; a task that exceeds them ends its thread, not the process. */
  resourceLimits?: ResourceLimits;
  /** Wall-clock limit per task, from when its thread picks it up (not its start-up); needs `setTimer`. */
  timeLimitMs?: number;
  setTimer?: SetTimer;
}

/** A task's thread died or overran: the task fails, the thread is replaced. */
export class TaskLimitError extends InputError {
  constructor(detail: string) {
    super(detail);
    this.name = 'TaskLimitError';
  }
}

interface Pending<Task, Output> {
  id: number;
  task: Task;
  resolve: (output: Output) => void;
  reject: (error: Error) => void;
}

interface Slot<Task, Output> {
  worker: Worker;
  job: Pending<Task, Output> | null;
  cancelTimer: () => void;
  /** Why this thread is ending, when the pool knows better than the exit code. */
  ending: Error | null;
}

/**
 * A fixed number of worker threads, one task at a time each, tasks handed out in submission
 * order. A thread that dies while running a task (out of memory, over its time limit, an
 * uncaught error) fails that task alone and is replaced, so the next task runs on a fresh
 * thread. A thread that dies while idle (its script cannot start) fails the pool: replacing it
 * would only loop. close() rejects every queued and running task and ends the threads.
 */
export class WorkerPool<Task, Output> {
  readonly threads: number;
  private readonly slots = new Set<Slot<Task, Output>>();
  private readonly queue: Pending<Task, Output>[] = [];
  private started = 0;
  private nextId = 0;
  private failure: Error | null = null;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.timeLimitMs !== undefined && !options.setTimer) throw new Error('WorkerPool: timeLimitMs needs setTimer');
    this.threads = options.threads;
    if (options.threads > 0) startThreadsWithFullNursery();
    for (let i = 0; i < options.threads; i++) this.spawn();
  }

  run(task: Task): Promise<Output> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error(`${this.options.taskName} pool closed`);
    this.rejectAll(this.failure);
    const workers = [...this.slots].map((slot) => slot.worker);
    this.slots.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private spawn(): void {
    const n = this.started++;
    const worker = new Worker(this.options.script, {
      workerData: this.options.workerData(n),
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    const slot: Slot<Task, Output> = { worker, job: null, cancelTimer: () => {}, ending: null };
    worker.on('message', (reply: PoolReply<Output>) => this.settle(slot, reply));
    worker.on('error', (error: NodeJS.ErrnoException) => {
      slot.ending ??= error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? this.memoryError() : error;
    });
    worker.on('exit', (code) => this.exited(slot, code));
    this.slots.add(slot);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || slot.ending) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, task: job.task } satisfies PoolRequest<Task>);
    }
  }

  private settle(slot: Slot<Task, Output>, reply: PoolReply<Output>): void {
    const job = slot.job;
    if (!job || job.id !== reply.id || slot.ending) return;
    if ('started' in reply) {
      this.startTimeLimit(slot);
      return;
    }
    slot.cancelTimer();
    slot.job = null;
    if (reply.ok) job.resolve(reply.output);
    else job.reject(reviveError(reply.error));
    this.dispatch();
  }

  /**
   * The limit counts from when the thread picked the task up, not from when it was sent: a
   * replacement thread first loads its modules, which on a busy machine can take longer than a
   * short limit, and that time is not the task's.
   */
  private startTimeLimit(slot: Slot<Task, Output>): void {
    if (this.options.timeLimitMs === undefined) return;
    const limitMs = this.options.timeLimitMs;
    slot.cancelTimer = this.options.setTimer!(limitMs, () => {
      slot.ending ??= new TaskLimitError(`${this.options.taskName} exceeded its time limit of ${limitMs / 1000} s; its thread was stopped`);
      void slot.worker.terminate();
    });
  }

  private exited(slot: Slot<Task, Output>, code: number): void {
    slot.cancelTimer();
    if (!this.slots.delete(slot)) return; // closed
    const error = slot.ending ?? new Error(`${this.options.taskName} thread exited with code ${code}`);
    if (slot.job) {
      slot.job.reject(error);
      this.spawn();
      this.dispatch();
      return;
    }
    this.failure ??= error;
    this.rejectAll(error);
  }

  private memoryError(): TaskLimitError {
    const limit = this.options.resourceLimits?.maxOldGenerationSizeMb;
    return new TaskLimitError(`${this.options.taskName} ran out of memory${limit ? ` (limit ${limit} MiB)` : ''}; its thread was replaced`);
  }

  private rejectAll(error: Error): void {
    for (const slot of this.slots) {
      slot.job?.reject(error);
      slot.job = null;
    }
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}

/**
 * V8 gives a new heap a 1 MiB nursery (semi-space) and grows it only while many objects survive
 * a scavenge. A simulation's objects mostly die young, so a thread's nursery stayed at a few MiB
 * and the thread scavenged about twice as often as the same runs on a main thread whose nursery
 * had grown to the 16 MiB maximum; each extra scavenge copies objects that would have died. V8 reads this flag when it creates a heap: threads started from now on begin at the
 * maximum, heaps that exist keep theirs. A semi-space size given on node's command line is left alone.
 */
function startThreadsWithFullNursery(): void {
  if (process.execArgv.some((arg) => arg.includes('semi-space-size'))) return;
  setFlagsFromString(`--min-semi-space-size=${THREAD_SEMI_SPACE_MIB}`);
}

/** V8's largest semi-space on 64-bit. */
const THREAD_SEMI_SPACE_MIB = 16;
