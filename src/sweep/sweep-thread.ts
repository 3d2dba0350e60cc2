import { workerData } from 'node:worker_threads';
import { serveTasks } from '../common/pool-thread.js';
import type { SweepThreadData } from './sweep-pool.js';
import { executeSweepTask, sweepRunContext, type SweepTask, type SweepTaskOutput } from './sweep-run.js';

/** A sweep worker thread of the pool that sweep-pool.ts starts. */
const data = workerData as SweepThreadData;
const places = data.places ? { roots: new Map(data.places.roots), resultsRoot: data.places.resultsRoot } : null;
const context = sweepRunContext(data.catalog, new Set(data.batchFormats), data.cacheDir, data.tag, places, data.workloads);
serveTasks<SweepTask, SweepTaskOutput>((task) => executeSweepTask(task, context));
