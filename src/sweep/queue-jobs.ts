import { Redis } from 'ioredis';
import { InputError } from '../common/input-error.js';
import { sha256Hex } from '../common/checksum.js';
import type { SweepTask, SweepTaskOutput } from './sweep-run.js';

/**
 * What the submitter (`rackplan sweep --queue`) and the workers (`rackplan worker`) agree on:
 * the queue, the job data and the retry policy. Results do not travel through Redis: a worker
 * writes the run into the sweep's output folder (a folder every machine mounts at the same
 * path) and the job only says it is done.
 */
export const DEFAULT_QUEUE_NAME = 'rackplan-sweep';

export interface SweepJobData {
  task: SweepTask;
  /** The run's parameters, for logs. */
  label: string;
  /** Worker deaths (stalls) already answered with a backoff. */
  stallsSeen: number;
}

export type SweepJobResult = SweepTaskOutput;

/**
 * Retry policy. A run that throws is retried up to JOB_ATTEMPTS times in all, after 5 s, then
 * 10 s (exponential backoff); a bad input (InputError) fails at once. A worker that dies
 * mid-run stops renewing the job's lock: once the lock expires, another worker's stall check
 * puts the job back, and the next worker to take it waits STALL_BACKOFF_MS x 2^(deaths - 1)
 * before running it; one death more than MAX_STALLS fails the job (a run that kills its worker,
 * such as one that runs out of memory, must not take the fleet down with it).
 */
export const JOB_ATTEMPTS = 3;
export const JOB_BACKOFF_MS = 5000;
export const STALL_BACKOFF_MS = 1000;
export const MAX_STALLS = 3;
/** Failed jobs stay in Redis this long, for `rackplan sweep` to report and retry. */
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

export const SWEEP_JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
  removeOnComplete: true,
  removeOnFail: { age: KEEP_FAILED_SECONDS },
} as const;

/** One job per (output folder, run): the same run in two sweeps' folders is two jobs. */
export function sweepJobId(outDir: string, hash: string): string {
  return sha256Hex(`${outDir}\u0000${hash}`);
}

/** A connection for BullMQ: workers and event listeners block, so requests never give up. */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Fails with an InputError (one line, exit 2) when Redis cannot be reached at `url`. */
export async function checkRedis(url: string): Promise<void> {
  if (!/^rediss?:\/\//.test(url)) throw new InputError(`expected a Redis URL such as redis://127.0.0.1:6379, found "${url}"`, { field: '--queue' });
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new InputError(`cannot reach Redis at ${url} (${(error as Error).message})`, { field: '--queue' });
  } finally {
    probe.disconnect();
  }
}
