import { parentPort } from 'node:worker_threads';
import { describeError } from './serialized-error.js';
import type { PoolReply, PoolRequest } from './worker-pool.js';

/**
 * The thread side of WorkerPool: answers each task with its output or its error as data. The
 * pool sends one task at a time, so `execute` never runs twice at once in a thread.
 */
export function serveTasks<Task, Output>(execute: (task: Task) => Promise<Output>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread');
  port.on('message', (request: PoolRequest<Task>) => {
    // Tells the pool the task has begun, so its time limit leaves out this thread's start-up.
    port.postMessage({ id: request.id, started: true } satisfies PoolReply<Output>);
    execute(request.task).then(
      (output) => port.postMessage({ id: request.id, ok: true, output } satisfies PoolReply<Output>),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: describeError(error) } satisfies PoolReply<Output>),
    );
  });
}
