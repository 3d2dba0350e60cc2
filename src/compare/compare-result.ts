import type { RunInputs, UnmetCauses } from '../metrics/run-result.js';

/**
 * What a scenario comparison produces, as plain data (no rendering): the same trace replayed
 * under several consolidation scenarios, each reduced to the figures a capacity planner compares.
 * Series are plain number arrays (JSON-friendly), one value per report interval.
 */

/** The scenario families; variants carry the family as a prefix (`virtual-minimal`). */
export const SCENARIO_FAMILIES = ['physical', 'virtual', 'elastic', 'containers'] as const;
export type ScenarioFamily = (typeof SCENARIO_FAMILIES)[number];

/** The id of the scenario every other one is measured against (the report states savings against it). */
export type BaselineScenarioId = 'physical';

/** Interval-mean series of one scenario's run; all arrays have the same length. */
export interface CompareSeries {
  intervalSeconds: number;
  /** Start of each report interval, seconds from t = 0. */
  startSeconds: number[];
  /** Mean powered-on hosts over the interval. */
  activeHosts: number[];
  /** Served / capacity of powered-on hosts, 0..1. */
  utilization: number[];
}

export interface CompareScenario {
  /** Stable kebab-case id: a family (`physical`) or a variant (`virtual-minimal`). */
  id: string;
  family: ScenarioFamily;
  /** Short human name, e.g. `Virtual, minimal hosts`. */
  label: string;
  /** One or two sentences: what this scenario assumes. */
  description: string;
  /**
   * Servers the scenario needs: dedicated servers, all of them; a pool, the most hosts on for at
   * least CompareInputs.serversShare of the time (from the report intervals' means, rounded up).
   */
  serversNeeded: number;
  /** The most hosts ever on at once (RunSummary.hosts.activePeak). */
  serversPeak: number;
  /** Time-weighted mean of powered-on hosts (RunSummary.hosts.activeMean). */
  activeHostsMean: number;
  /** RunSummary.cpu.utilizationMean, 0..1. */
  utilizationMean: number;
  /** RunSummary.cpu.utilizationP95, 0..1. */
  utilizationP95: number;
  energyKWh: number;
  /** energyKWh x pue x energyPriceUsdPerKWh (CompareInputs). */
  energyCostUsd: number;
  demandMHzHours: number;
  unmetMHzHours: number;
  /** unmet / demand, 0..1 (RunSummary.cpu.unmetFraction). */
  unmetFraction: number;
  /** unmetMHzHours by cause (RunSummary.cpu.unmetCauses). */
  unmetCauses: UnmetCauses;
  /** Mean VMs (or containers) per powered-on host. */
  consolidationRatio: number;
  /** Total host cost, null when the host models give none. */
  costUsd: number | null;
  /** Dynamic-consolidation policy: `none`, or `<detector>-<selection>-<safety>` (`lr-mmt-1.2`). */
  policy: string;
  /** Live migrations (RunSummary.migrations); 0 without dynamic consolidation. */
  migrations: number;
  /** SLA violation, slatah x pdm (RunSummary.sla.slav, Beloglazov & Buyya, CCPE 2012). */
  slav: number;
  series: CompareSeries;
  /** Only when the spec has failures: how this scenario fared under them. */
  blastRadius?: CompareBlastRadius;
  /** Only when the spec has a rollout schedule: what it cost this scenario. */
  rollout?: CompareRollout;
}

/**
 * A scenario under the spec's host failures: its workloads restart after detectionSeconds plus
 * restartSeconds (its guest model's bootSeconds, or the physical reprovisioning assumption).
 */
export interface CompareBlastRadius {
  restartSeconds: number;
  /** Where restartSeconds comes from, in words: `guest model <id>` or the physical reprovisioning assumption. */
  restartSource: string;
  detectionSeconds: number;
  hostFailures: number;
  /** Host failures that stopped at least one workload (a failure of a host that is off stops none). */
  failuresWithWorkloads: number;
  /** Workloads stopped per such failure: the blast radius of one failure (null when none stopped any). */
  workloadsPerFailure: number | null;
  vmRestarts: number;
  vmsFailed: number;
  /** 1 - workload downtime / workload lifetime; null when no workload ran. */
  availability: number | null;
  vmDowntimeHours: number;
  /** Demand lost while workloads were down (host down, waiting, restarting), MHz-hours. */
  lostMHzHours: number;
  /** lostMHzHours / demand. */
  lostFraction: number;
}

/** A scenario under the spec's rollout schedule (physical: patched in place). */
export interface CompareRollout {
  mode: 'immutable' | 'in-place';
  bootSeconds: number;
  rollouts: number;
  rolloutsCompleted: number;
  replaced: number;
  replacedInPlace: number;
  peakSurgeHosts: number;
  instanceDownHours: number;
  lostMHzHours: number;
}

/** What every scenario ran on. */
export interface CompareInputs {
  rackplanVersion: string;
  seed: number;
  trace: RunInputs['trace'];
  simulatedSeconds: number;
  /** Share of the time the servers needed cover (0.99: the most hosts on for at least 99% of it). */
  serversShare: number;
  energyPriceUsdPerKWh: number;
  pue: number;
  /** Every input file with its sha256. */
  files: RunInputs['files'];
  /** Only when the spec has failures: what every scenario ran under. */
  failures?: { detectionSeconds: number; restartLimit: number; physicalReprovisionSeconds: number };
}

export interface CompareResult {
  inputs: CompareInputs;
  /** In display order; the baseline (`physical`) is expected among them. */
  scenarios: CompareScenario[];
}
