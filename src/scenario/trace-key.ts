import type { ResolvedScenario } from './load-scenario.js';

/** Runs whose scenarios give the same key read the same workload (trace, format and reader options). */
export function traceKey(scenario: ResolvedScenario): string {
  return `${scenario.tracePath}\u0000${scenario.spec.trace.format ?? ''}\u0000${JSON.stringify(scenario.spec.trace.options ?? {})}`;
}
