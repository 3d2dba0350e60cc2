import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../common/serialized-error.js';
import { loadCatalog } from '../model/catalog.js';
import { executePlanRun, planRunContext } from './plan-run.js';
import type { WorkerReply, WorkerRequest } from './plan-runner.js';

/** A plan worker thread: runs one task at a time for the pool in plan-runner.ts. */
const { catalogDir, cacheDir } = workerData as { catalogDir: string; cacheDir: string | null };
const context = planRunContext(loadCatalog(catalogDir), cacheDir);
const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  executePlanRun(request.task, context).then(
    (output) => port.postMessage({ id: request.id, ok: true, output } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: describeError(error) } satisfies WorkerReply),
  );
});
