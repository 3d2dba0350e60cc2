import { shareWorkload } from '../traces/shared-workload.js';
import type { Workload } from '../traces/workload.js';
import type { ResolvedScenario } from './load-scenario.js';
import { loadScenarioTrace, traceKey } from './run-scenario.js';

/**
 * Loads each distinct workload of `scenarios` once, in this thread, on shared memory: worker
 * threads given the map (by traceKey) read the same samples instead of each loading the trace.
 */
export async function loadSharedWorkloads(scenarios: Iterable<ResolvedScenario>, cacheDir: string | null): Promise<Map<string, Workload>> {
  const workloads = new Map<string, Workload>();
  for (const scenario of scenarios) {
    const key = traceKey(scenario);
    if (workloads.has(key)) continue;
    // From the cache the arrays are read into shared memory directly; a parsed or selected
    // workload is copied there once.
    const workload = await loadScenarioTrace(scenario, cacheDir, undefined, true);
    workloads.set(key, workload.sampleAtMs.buffer instanceof SharedArrayBuffer ? workload : shareWorkload(workload));
  }
  return workloads;
}
