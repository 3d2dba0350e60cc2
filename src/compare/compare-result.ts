import type { RunInputs, UnmetCauses } from '../metrics/run-result.js';
import type { ScalingRule } from '../services/scaling-rule.js';

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
  /** Scenarios of the scaling axis only: what the services' instances did. */
  scaling?: CompareScaling;
  /** Only when the spec has failures: how this scenario fared under them. */
  blastRadius?: CompareBlastRadius;
  /** Only when the spec has a rollout schedule: what it cost this scenario. */
  rollout?: CompareRollout;
}

/** One scaling rule's run of the services (docs/compare.md, "Services and scaling rules"). */
export interface CompareScaling {
  rule: ScalingRule;
  services: number;
  /** VMs the run placed: the trace's own (fixed) or the services' instances. */
  vms: number;
  /** Instances started after their service's start, each waiting its guest's boot time. */
  instanceBoots: number;
  /** Demand above serving instances' size while another instance booted (also in unmetCauses). */
  lostWhileBootingMHzHours: number;
  /** Vertical with spanning settings: the estimate of instance-spanning.ts; null otherwise. */
  spanning: SpanningEstimate | null;
  /** What a reader must know to read these figures (how decisions were made, what is estimated), in words. */
  notes: string[];
}

/**
 * What spanning would have recovered in the run, measured at every time step (instance-spanning.ts;
 * not fed back: the remote hosts' power and the migrations are those of the run).
 */
export interface SpanningEstimate {
  /** MHz of demand served per remote MHz (an assumption unless measured). */
  efficiency: number;
  hostsPerRack: number;
  /** Instance-hours on a host, and how many of them on a short host that spanned its rack. */
  instanceHours: number;
  spanningInstanceHours: number;
  /** Remote CPU the spanning instances used, MHz-hours. */
  remoteMHzHours: number;
  /** Demand the remote CPU served (remote x efficiency), MHz-hours: the capacity recovered against no spanning. */
  recoveredMHzHours: number;
  /** Demand beyond the capacity of the instances' hosts (within the instances' caps), MHz-hours, before spanning. */
  contentionMHzHours: number;
  /** Largest remote share of one host's served CPU in one interval, 0..1. */
  peakRemoteShare: number;
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
  /** The carbon intensity every scenario's carbonKg used (file name and mean gCO2/kWh); absent without one. */
  carbon?: { intensity: string; gco2PerKWhMean: number; startFrom: string };
  /** Every input file with its sha256. */
  files: RunInputs['files'];
  /** How an OpenDC topology (the spec's `topology`) was mapped; absent otherwise. */
  topologyNotes?: string[];
  /** Only when the spec has failures: what every scenario ran under. */
  failures?: { detectionSeconds: number; restartLimit: number; physicalReprovisionSeconds: number };
}

export interface CompareResult {
  inputs: CompareInputs;
  /** In display order; the baseline (`physical`) is expected among them. */
  scenarios: CompareScenario[];
}
