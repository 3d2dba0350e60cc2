import { Queue, QueueEvents } from 'bullmq';
import { InputError } from '../common/input-error.js';
import { printable } from '../common/printable.js';
import { stableStringify } from '../common/stable-json.js';
import type { DataRoots } from './data-roots.js';
import type { PlannedRun } from './plan-sweep.js';
import { redisConnection, SWEEP_JOB_OPTIONS, sweepJobId, type SweepJobData, type SweepJobResult } from './queue-jobs.js';
import type { RedisTarget } from './redis-target.js';
import { RunStore } from './run-store.js';
import type { SweepBackend } from './run-sweep.js';
import { sweepJob } from './sweep-job.js';

export interface QueueBackendOptions {
  target: RedisTarget;
  queueName: string;
  /** The sweep's folder as seen here (absolute). */
  outDir: string;
  /** The same folder relative to the workers' results root. */
  folder: string;
  /** Where inputs are, by root name; workers must have the same roots (the same files under them). */
  roots: DataRoots;
  /** A worker stored a result that does not match its hash: it was moved aside and is queued again. */
  onRejected?: (run: PlannedRun, reason: string, movedTo: string) => void;
  /** Waits this long (from cli/: sweep/ owns no timers). */
  sleep: (ms: number) => Promise<void>;
  /** Queue state now and then: connected workers, runs waiting and running. */
  onStatus?: (status: QueueStatus) => void;
}

export interface QueueStatus {
  workers: number;
  waiting: number;
  active: number;
}

/** Between checks of the output folder and the queue, should an event have been missed. */
const POLL_MS = 2000;
/** Rejected results of one run before the sweep gives up on it. */
const MAX_REJECTIONS = 3;

/**
 * Enqueues the missing runs on BullMQ and waits until every one is stored. The output folder
 * is the truth: a run is done when `runs/<hash>/` exists, whoever wrote it. Completion events
 * make progress prompt; a poll catches what events miss (a reconnect, a job finished before
 * this process started) and puts back a job that vanished (Redis restarted without its data).
 */
export function queueBackend(options: QueueBackendOptions): SweepBackend {
  return {
    async execute(runs, onStored) {
      const connection = redisConnection(options.target);
      const eventsConnection = redisConnection(options.target);
      const queue = new Queue<SweepJobData, SweepJobResult>(options.queueName, { connection });
      const events = new QueueEvents(options.queueName, { connection: eventsConnection });
      try {
        await events.waitUntilReady();
        await new Submission(runs, onStored, queue, events, options).run();
      } finally {
        await events.close();
        await queue.close();
        eventsConnection.disconnect();
        connection.disconnect();
      }
    },
  };
}

class Submission {
  private readonly store: RunStore;
  private readonly byJobId = new Map<string, PlannedRun>();
  private readonly pending = new Set<string>();
  private readonly jobs = new Map<string, SweepJobData>();
  private readonly rejections = new Map<string, number>();
  private failure: Error | null = null;
  private wake: () => void = () => {};

  constructor(
    runs: readonly PlannedRun[],
    private readonly onStored: (run: PlannedRun) => void,
    private readonly queue: Queue<SweepJobData, SweepJobResult>,
    events: QueueEvents,
    private readonly options: QueueBackendOptions,
  ) {
    this.store = new RunStore(options.outDir);
    for (const run of runs) {
      const id = sweepJobId(options.folder, run.hash);
      this.byJobId.set(id, run);
      this.jobs.set(id, sweepJob(run, options.folder, options.roots));
      this.pending.add(id);
    }
    events.on('completed', ({ jobId }) => this.check(jobId));
    events.on('failed', ({ jobId, failedReason }) => this.fail(jobId, failedReason));
  }

  async run(): Promise<void> {
    await this.queue.addBulk([...this.pending].map((id) => this.job(id)));
    await this.reconcile(true);
    while (this.pending.size > 0 && !this.failure) {
      await Promise.race([this.options.sleep(POLL_MS), new Promise<void>((resolve) => (this.wake = resolve))]);
      if (this.pending.size > 0 && !this.failure) await this.reconcile(false);
    }
    if (this.failure) throw this.failure;
  }

  private job(id: string) {
    return { name: 'run', data: this.jobs.get(id)!, opts: { ...SWEEP_JOB_OPTIONS, jobId: id } };
  }

  /**
   * Stored runs count as done; a job that failed for good in an earlier submission is retried
   * (at submission only: a failure now fails the sweep); a job that is gone is added again.
   */
  private async reconcile(submitting: boolean): Promise<void> {
    const ids = [...this.pending];
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
    for (const [i, id] of ids.entries()) {
      if (this.check(id)) continue;
      const state = states[i]!;
      if (submitting && (state === 'failed' || state === 'waiting' || state === 'delayed' || state === 'prioritized')) {
        await this.replaceForeign(id, state);
      } else if (state === 'failed') {
        const job = await this.queue.getJob(id);
        this.fail(id, job?.failedReason ?? 'failed');
      } else if (state === 'unknown' || state === 'completed') {
        if (state === 'completed') await (await this.queue.getJob(id))?.remove();
        await this.queue.add('run', this.job(id).data, this.job(id).opts);
      }
    }
    const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    const workers = await this.queue.getWorkersCount();
    this.options.onStatus?.({ workers, waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0 });
  }

  /**
   * A job already queued under one of our ids is ours only if it holds our data: one planted
   * by someone else (to fail the sweep or stall it) is replaced. A job that failed for good in
   * an earlier submission is retried.
   */
  private async replaceForeign(id: string, state: string): Promise<void> {
    const job = await this.queue.getJob(id);
    if (!job) return;
    const ours = stableStringify({ ...this.jobs.get(id)!, stallsSeen: 0 });
    const theirs = stableStringify({ ...(job.data as object), stallsSeen: 0 });
    if (ours !== theirs) {
      // A worker may have taken it meanwhile: then it runs (its hash is checked) or fails, and the poll sees to it.
      const removed = await job.remove().then(() => true, () => false);
      if (removed) await this.queue.add('run', this.job(id).data, this.job(id).opts);
    } else if (state === 'failed') {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    }
  }

  /**
   * True when the run of this job is stored soundly (reported once). A stored run whose
   * identity does not hash to its name is moved aside and queued again, a few times at most.
   */
  private check(id: string): boolean {
    if (!this.pending.has(id)) return false;
    const run = this.byJobId.get(id)!;
    const check = this.store.check(run.hash);
    if (check.state === 'absent') return false;
    if (check.state === 'rejected') {
      this.options.onRejected?.(run, check.reason, this.store.reject(run.hash));
      const times = (this.rejections.get(id) ?? 0) + 1;
      this.rejections.set(id, times);
      if (times >= MAX_REJECTIONS) this.fail(id, `its stored result was rejected ${times} times (${check.reason})`);
      else void this.queue.add('run', this.job(id).data, this.job(id).opts).catch((error: Error) => this.fail(id, error.message));
      return false;
    }
    this.pending.delete(id);
    this.onStored(run);
    if (this.pending.size === 0) this.wake();
    return true;
  }

  private fail(id: string, reason: string): void {
    const run = this.byJobId.get(id);
    if (!run || !this.pending.has(id) || this.check(id)) return;
    this.failure ??= new InputError(`run ${run.label} (${run.hash}) failed on a worker: ${printable(reason.split('\n')[0] ?? '', 500)}`);
    this.wake();
  }
}
