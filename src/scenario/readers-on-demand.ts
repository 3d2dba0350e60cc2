import type { RunReaders } from './run-on-datacenter.js';
import type { ResolvedScenario } from './load-scenario.js';

/**
 * The readers of a run on a worker thread: the failure-schedule reader (and with it the failure
 * model schema and the schema library) is imported by the first run that has failures; whether a
 * trace format is batch work comes from `batchFormats`, which the process reads from the trace
 * registry (batchTraceFormats of run-scenario.ts), so the thread does not load every reader.
 */
export async function readersOnDemand(scenario: ResolvedScenario, batchFormats: ReadonlySet<string>): Promise<RunReaders> {
  const batchWork = (format: string) => batchFormats.has(format);
  if (!scenario.spec.failures) return { batchWork, failureSchedule: () => [] };
  const { loadFailureSchedule } = await import('../failures/load-failure-schedule.js');
  return { batchWork, failureSchedule: loadFailureSchedule };
}
