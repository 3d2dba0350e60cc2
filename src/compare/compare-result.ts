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
  /** IT power x pue x the grid's intensity, integrated; only when the comparison has a carbon intensity. */
  carbonKg?: number;
  demandMHzHours: number;
  unmetMHzHours: number;
  /** unmet / demand, 0..1 (RunSummary.cpu.unmetFraction). */
  unmetFraction: number;
  /** unmetMHzHours by cause (RunSummary.cpu.unmetCauses). */
  unmetCauses: UnmetCauses;
  /** VMs in the workload (RunSummary.vms.total). */
  vmsTotal: number;
  /** VMs never placed (RunSummary.vms.unplaced): all their demand counts as unmet. */
  vmsUnplaced: number;
  /** Trace quirks handled while reading, by code and count (RunSummary.warnings); the same trace for every scenario. */
  traceQuirks: Record<string, number>;
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
  /** The carbon intensity every scenario's carbonKg used (file name and mean gCO2/kWh); absent without one. */
  carbon?: { intensity: string; gco2PerKWhMean: number; startFrom: string };
  /** Every input file with its sha256. */
  files: RunInputs['files'];
  /** How an OpenDC topology (the spec's `topology`) was mapped; absent otherwise. */
  topologyNotes?: string[];
}

export interface CompareResult {
  inputs: CompareInputs;
  /** In display order; the baseline (`physical`) is expected among them. */
  scenarios: CompareScenario[];
}
