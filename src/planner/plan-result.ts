import type { PlanRackAnswer, PlanRackLimits } from './rack-limits.js';

/** What a plan ranks by first: purchase cost (the default) or carbon (needs the scenario's carbon field). */
export type PlanRankBy = 'cost' | 'carbon';

/**
 * plan.json, as the planner writes it and the plan page reads it. Two kinds: a capacity plan
 * (smallest host count per host model and growth factor) and a portfolio (candidates ranked by
 * cost, energy and risk). Plain data; units in the names.
 */
export type PlanResult = CapacityPlanResult | PortfolioResult;

export interface PlanFile {
  role: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** One simulation of a plan and what went into it. */
export interface PlanRunRecord {
  key: string;
  /** Host model id (capacity plan) or candidate id (portfolio). */
  candidate: string;
  /** `<count> x <model>` or the topology file. */
  topology: string;
  hosts: number;
  placement: string;
  growth: number;
  growthMode: string;
  /** `none`, or the failure model / trace it ran with. */
  failures: string;
  seed: number;
  /** The SLO held in this run. */
  pass: boolean;
  /**
   * The metrics the SLO reads, plus energyKWh, cpu.unmetFraction, vms.total, vms.unplaced,
   * cpu.demandMHzHours and cpu.unmetCauses.aboveSizeMHzHours, by summary path.
   */
  metrics: Record<string, number | null>;
}

/** The seeded runs of one host count. */
export interface PlanCountRow {
  hosts: number;
  runs: number;
  passFraction: number;
  holds: boolean;
  energyKWhMean: number;
  unmetFractionMean: number;
  /** Mean carbon of the runs, when the scenario has a carbon intensity (docs/facility.md). */
  carbonKgMean?: number;
  /** hosts x the model's cost, null when the model gives none. */
  costUsd: number | null;
}

export interface PlanViolation {
  hosts: number;
  passFraction: number;
  fewerHosts: number;
  fewerPassFraction: number;
  verdictFlips: boolean;
}

/** One host model at one growth factor. */
export interface PlanGroup {
  hostModel: string;
  hostModelName: string;
  growth: number;
  costPerHostUsd: number | null;
  /** Smallest count meeting the SLO, with the failures when given; null when maxHosts did not. */
  smallestPassing: number | null;
  /** Smallest count meeting the SLO without failures. */
  failureFreeHosts: number | null;
  /** smallestPassing + nPlus. */
  recommendedHosts: number | null;
  /** recommendedHosts - failureFreeHosts: host failures the recommended size absorbs. */
  headroomHosts: number | null;
  /** Counts evaluated, with the failures when given. */
  rows: PlanCountRow[];
  /** Counts evaluated without failures, when failures were given (else rows is that table). */
  failureFreeRows: PlanCountRow[] | null;
  monotonic: boolean;
  violations: PlanViolation[];
  /** The hosts against the plan's racks (power budget, slots, racks available); absent without rack limits. */
  racks?: PlanRackAnswer;
}

export interface CapacityPlanResult {
  kind: 'capacity-plan';
  rackplanVersion: string;
  inputs: {
    scenario: string | null;
    scenarioName: string;
    trace: { path: string; format: string; vms: number };
    slo: string;
    seeds: number[];
    /**
     * Seeds asked for; more than `seeds.length` when nothing in the scenario draws a random
     * number (no failures, no random VM selection, no replicated growth): every seed would give
     * the same run, so one is run.
     */
    seedsRequested?: number;
    confidence: number;
    growth: number[];
    growthMode: string;
    failures: { model?: string; trace?: string } | null;
    nPlus: number;
    maxHosts: number;
    hypervisor: string;
    placement: string;
    files: PlanFile[];
    /** How an OpenDC topology (the scenario's) was mapped (model/load-topology.ts topologyNotes); absent otherwise. */
    topologyNotes?: string[];
    /** Racks the hosts are laid into (--rack-power, --rack-slots, --racks); absent without. */
    racks?: PlanRackLimits;
    /** What the recommendation minimizes first among models that met the SLO; absent: cost. */
    rankBy?: PlanRankBy;
  };
  /** How headroomHosts is computed, in words. */
  headroomMethod: string;
  groups: PlanGroup[];
  recommendation: { hostModel: string; growth: number; hosts: number; costUsd: number | null; racks?: number; carbonKg?: number | null } | null;
  /** The recommendation in one sentence. */
  sentence: string;
  runs: PlanRunRecord[];
}

/** A candidate aggregated over growth x failures x seeds. */
export interface PortfolioCandidate {
  id: string;
  topology: string;
  hostModels: string[];
  hosts: number;
  placement: string;
  costUsd: number | null;
  energyKWhMean: number;
  /** Mean carbon per run, when the scenario has a carbon intensity. */
  carbonKgMean?: number;
  /** Fraction of runs that violated the SLO. */
  risk: number;
  runs: number;
  /** risk <= maxRisk. */
  acceptable: boolean;
  /** No other candidate is at least as good in cost, energy and risk and better in one. */
  pareto: boolean;
  rank: number;
  /** Per growth x failure scenario. */
  scenarios: { growth: number; failures: string; runs: number; risk: number; energyKWhMean: number; unmetFractionMean: number }[];
}

export interface PortfolioResult {
  kind: 'portfolio';
  rackplanVersion: string;
  inputs: {
    portfolio: string;
    name: string;
    description: string;
    scenario: string;
    trace: { path: string; format: string; vms: number };
    slo: string;
    seeds: number[];
    maxRisk: number;
    growth: number[];
    growthMode: string;
    failures: { id: string; model?: string; trace?: string }[];
    placement: string[];
    files: PlanFile[];
    /** How the OpenDC topologies among the candidates were mapped; absent when there are none. */
    topologyNotes?: string[];
    /** Present when the portfolio ranks by carbon. */
    rankBy?: PlanRankBy;
  };
  /** Ranked: acceptable candidates by cost (or carbon), energy, risk; then the others by risk, cost, energy. */
  candidates: PortfolioCandidate[];
  recommendation: string | null;
  sentence: string;
  runs: PlanRunRecord[];
}
