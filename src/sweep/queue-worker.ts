import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { InputError } from '../common/input-error.js';
import { printable } from '../common/printable.js';
import { MAX_STALLS, redisConnection, STALL_BACKOFF_MS, type SweepJobData, type SweepJobResult } from './queue-jobs.js';
import { connectionProblem, scrub, type RedisTarget } from './redis-target.js';
import { parseSweepJob } from './sweep-job.js';
import type { SweepExecutor } from './sweep-pool.js';

export interface QueueWorkerOptions {
  target: RedisTarget;
  queueName: string;
  /**
   * Runs the simulations off the event loop (worker threads, with the worker's data roots,
   * results root and limits), so job locks keep being renewed.
   */
  executor: SweepExecutor;
  /** Job lock; a dead worker's job is taken over within about twice this. */
  lockMs: number;
  /** The wall clock in ms since the epoch (from cli/: sweep/ reads no clock). */
  now: () => number;
  log: (line: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs, waits for the running ones, closes the connection. */
  close(): Promise<void>;
}

/** Takes sweep runs off the queue, as many at a time as the executor has threads. */
export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const connection = redisConnection(options.target);
  const worker = new Worker<SweepJobData, SweepJobResult>(options.queueName, (job, token) => processJob(job, token, options), {
    connection,
    concurrency: options.executor.workers,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: MAX_STALLS,
  });
  worker.on('error', (error) => options.log(`Redis at ${options.target.shown}: ${connectionProblem(error, options.target)}`));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

/**
 * Job data is untrusted: it is checked (size, schema) before anything else, its label is only
 * ever printed escaped, and the run itself is resolved and hashed again on a thread.
 */
async function processJob(job: Job<SweepJobData, SweepJobResult>, token: string | undefined, options: QueueWorkerOptions): Promise<SweepJobResult> {
  let data: SweepJobData;
  try {
    data = parseSweepJob(job.data);
  } catch (error) {
    options.log(`job ${printable(String(job.id), 80)}: ${(error as Error).message}`);
    throw new UnrecoverableError((error as Error).message);
  }
  const short = data.hash.slice(0, 12);
  const label = printable(data.label);
  if (job.stalledCounter > data.stallsSeen) {
    const delayMs = STALL_BACKOFF_MS * 2 ** (job.stalledCounter - 1);
    options.log(`run ${short} ${label}: its worker died (${job.stalledCounter}x); again in ${delayMs / 1000} s`);
    await job.updateData({ ...data, stallsSeen: job.stalledCounter });
    await job.moveToDelayed(options.now() + delayMs, token);
    throw new DelayedError();
  }
  options.log(`run ${short} ${label}: started`);
  try {
    const output = await options.executor.run({ kind: 'job', job: data });
    options.log(`run ${short} ${label}: ${output.executed ? 'stored' : 'already stored'}`);
    return output;
  } catch (error) {
    const message = scrub((error as Error).message.split('\n')[0] ?? '', options.target);
    options.log(`run ${short} ${label}: failed: ${message}`);
    if (error instanceof InputError) throw new UnrecoverableError(message);
    throw error;
  }
}
