import { workerData } from 'node:worker_threads';
import { serveTasks } from '../common/pool-thread.js';
import { executePlanRun, planRunContext, type PlanRunOutput, type PlanRunTask } from './plan-run.js';
import type { PlanWorkerData } from './plan-runner.js';

/** A plan worker thread of the pool that plan-runner.ts starts. */
const { catalog, batchFormats, cacheDir, workloads } = workerData as PlanWorkerData;
const context = planRunContext(catalog, new Set(batchFormats), cacheDir, workloads);
serveTasks<PlanRunTask, PlanRunOutput>((task) => executePlanRun(task, context));
