import { Redis } from 'ioredis';
import { InputError } from '../common/input-error.js';
import { sha256Hex } from '../common/checksum.js';
import { connectionProblem, type RedisTarget } from './redis-target.js';
import type { SweepJob } from './sweep-job.js';
import type { SweepTaskOutput } from './sweep-run.js';

/**
 * What the submitter (`rackplan sweep --queue`) and the workers (`rackplan worker`) agree on:
 * the queue, the job data (sweep-job.ts) and the retry policy. Results do not travel through
 * Redis: a worker writes the run under its results root, in the sweep's folder (which the
 * submitter sees as its --out) and the job only says it is done.
 */
export const DEFAULT_QUEUE_NAME = 'rackplan-sweep';

export type SweepJobData = SweepJob;
export type SweepJobResult = SweepTaskOutput;

/**
 * Retry policy. A run that throws is retried up to JOB_ATTEMPTS times in all, after 5 s, then
 * 10 s (exponential backoff); a bad input or a refused job (InputError), and a run over its
 * time or memory limit, fail at once. A worker that dies mid-run stops renewing the job's lock:
 * once the lock expires, another worker's stall check puts the job back, and the next worker
 * to take it waits STALL_BACKOFF_MS x 2^(deaths - 1) before running it; one death more than
 * MAX_STALLS fails the job.
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

/** One job per (sweep folder, run): the same run in two sweeps' folders is two jobs. */
export function sweepJobId(folder: string, hash: string): string {
  return sha256Hex(`${folder}\u0000${hash}`);
}

/** A connection for BullMQ: workers and event listeners block, so requests never give up. */
export function redisConnection(target: RedisTarget): Redis {
  return new Redis({ ...target.options, maxRetriesPerRequest: null, disconnectTimeout: DISCONNECT_MS });
}

/** How long disconnect() waits for a socket to close by itself (ioredis: 2 s, which held every exit up). */
const DISCONNECT_MS = 100;

/**
 * Fails with an InputError (one line, exit 2) saying what went wrong when Redis cannot be used
 * at `target`: refused, authentication failed, TLS certificate not trusted, timed out.
 */
export async function checkRedis(target: RedisTarget, timeoutMs = 5000): Promise<void> {
  const probe = new Redis({ ...target.options, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, commandTimeout: timeoutMs, disconnectTimeout: DISCONNECT_MS });
  let seen: unknown = null;
  probe.on('error', (error) => (seen ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    // ioredis often rejects with "Connection is closed."; the 'error' event has the cause.
    const cause = seen ?? error;
    throw new InputError(`cannot use Redis at ${target.shown}: ${connectionProblem(cause, target)}`, { field: '--queue' });
  } finally {
    probe.disconnect();
  }
}
