import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../model/catalog.js';
import { describeError } from '../common/serialized-error.js';
import type { ThreadData, ThreadReply, ThreadRequest } from './sweep-pool.js';
import { executeSweepTask, sweepRunContext } from './sweep-run.js';

/** A sweep worker thread: runs one task at a time for the pool in sweep-pool.ts. */
const data = workerData as ThreadData;
const context = sweepRunContext(loadCatalog(data.catalogDir), data.cacheDir, data.tag);
const port = parentPort!;

port.on('message', (request: ThreadRequest) => {
  executeSweepTask(request.task, context).then(
    (output) => port.postMessage({ id: request.id, ok: true, output } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: describeError(error) } satisfies ThreadReply),
  );
});
