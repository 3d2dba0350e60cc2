import { accountCarbon, type CarbonSettings } from './carbon.js';
import type { RunResult } from './run-result.js';

/** A run's result with its carbon: `summary.carbon` and the per-interval `carbon` series. */
export function withCarbon(result: RunResult, settings: CarbonSettings): RunResult {
  const { summary, series } = accountCarbon(result.timeseries, result.summary.simulatedSeconds, settings);
  return { ...result, summary: { ...result.summary, carbon: summary }, carbon: series };
}
