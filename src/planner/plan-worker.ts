import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../common/input-error.js';
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

function describeError(error: unknown): Extract<WorkerReply, { ok: false }>['error'] {
  if (error instanceof InputError) {
    return {
      name: 'InputError',
      message: error.message,
      detail: error.detail,
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.field !== undefined ? { field: error.field } : {}),
    };
  }
  const e: NodeJS.ErrnoException = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.code ? e.message : (e.stack ?? e.message),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.path !== undefined ? { path: e.path } : {}),
  };
}
