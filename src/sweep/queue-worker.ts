import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { InputError } from '../common/input-error.js';
import { MAX_STALLS, redisConnection, STALL_BACKOFF_MS, type SweepJobData, type SweepJobResult } from './queue-jobs.js';
import type { SweepExecutor } from './sweep-pool.js';

export interface QueueWorkerOptions {
  url: string;
  queueName: string;
  /** Runs the simulations off the event loop (worker threads), so job locks keep being renewed. */
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
  const connection = redisConnection(options.url);
  const worker = new Worker<SweepJobData, SweepJobResult>(options.queueName, (job, token) => processJob(job, token, options), {
    connection,
    concurrency: options.executor.workers,
    lockDuration: options.lockMs,
    stalledInterval: options.lockMs,
    maxStalledCount: MAX_STALLS,
  });
  worker.on('error', (error) => options.log(`worker: ${error.message}`));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

async function processJob(job: Job<SweepJobData, SweepJobResult>, token: string | undefined, options: QueueWorkerOptions): Promise<SweepJobResult> {
  const { task, label } = job.data;
  const short = task.hash.slice(0, 12);
  if (job.stalledCounter > job.data.stallsSeen) {
    const delayMs = STALL_BACKOFF_MS * 2 ** (job.stalledCounter - 1);
    options.log(`run ${short} ${label}: its worker died (${job.stalledCounter}x); again in ${delayMs / 1000} s`);
    await job.updateData({ ...job.data, stallsSeen: job.stalledCounter });
    await job.moveToDelayed(options.now() + delayMs, token);
    throw new DelayedError();
  }
  options.log(`run ${short} ${label}: started`);
  try {
    const output = await options.executor.run(task);
    options.log(`run ${short} ${label}: ${output.executed ? 'stored' : 'already stored'}`);
    return output;
  } catch (error) {
    options.log(`run ${short} ${label}: failed: ${(error as Error).message.split('\n')[0]}`);
    if (error instanceof InputError) throw new UnrecoverableError(error.message);
    throw error;
  }
}
