/** The seeded runs of a plan: their seeds and scenarios, and the SLO verdicts over them. */
import type { RunSummary } from '../metrics/run-result.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import type { PlanRunRecord } from './plan-result.js';
import { evaluateSlo, metricValue, type Slo } from './slo.js';
import type { PlanScenarioSpec } from './plan-run.js';

/** The seeds of a plan: the scenario's seed and the next ones. */
export function planSeeds(baseSeed: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => baseSeed + i);
}

/** The scenario one run uses: its seed, placement policy and failures (null: none). */
export function runScenarioFor(
  scenario: ResolvedScenario,
  seed: number,
  placement: string,
  failures: { model?: string; trace?: string } | null,
): ResolvedScenario {
  const { failures: _drop, ...rest } = scenario.spec as PlanScenarioSpec;
  const spec: PlanScenarioSpec = { ...rest, seed, placement: { ...rest.placement, policy: placement } };
  if (failures) spec.failures = { ...failures };
  return { ...scenario, spec };
}

/** The SLO verdict of one run and the metrics a plan records for it. */
export function judgeRun(slo: Slo, summary: RunSummary): { pass: boolean; metrics: Record<string, number | null> } {
  const verdict = evaluateSlo(slo, summary);
  const metrics: Record<string, number | null> = { ...verdict.values };
  // Beside the SLO's own metrics: what the plan's tables and its verdict (unplaced VMs, demand above the VMs' size) read.
  for (const path of ['energyKWh', 'cpu.unmetFraction', 'vms.total', 'vms.unplaced', 'cpu.demandMHzHours', 'cpu.unmetCauses.aboveSizeMHzHours']) {
    const value = metricValue(summary, path);
    metrics[path] = typeof value === 'number' ? value : null;
  }
  // Carbon only where the scenario gives an intensity, so plans without one keep their bytes.
  if (summary.carbon) metrics['carbon.carbonKg'] = summary.carbon.carbonKg;
  return { pass: verdict.holds, metrics };
}

/** Runs that must pass out of `runs` for a confidence (0.95 of 10 -> 10, of 20 -> 19). */
export function requiredPasses(confidence: number, runs: number): number {
  return Math.ceil(confidence * runs - 1e-9);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

/** The per-count figures of a set of runs at one count. */
export function countStats(records: readonly PlanRunRecord[]): { passFraction: number; energyKWhMean: number; unmetFractionMean: number; carbonKgMean?: number } {
  const carbon = records.length > 0 && records.every((r) => typeof r.metrics['carbon.carbonKg'] === 'number');
  return {
    passFraction: records.filter((r) => r.pass).length / Math.max(1, records.length),
    energyKWhMean: mean(records.map((r) => r.metrics['energyKWh'] ?? 0)),
    unmetFractionMean: mean(records.map((r) => r.metrics['cpu.unmetFraction'] ?? 0)),
    ...(carbon ? { carbonKgMean: mean(records.map((r) => r.metrics['carbon.carbonKg']!)) } : {}),
  };
}
