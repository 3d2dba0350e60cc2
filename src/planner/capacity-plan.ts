import { RACKPLAN_VERSION } from '../common/version.js';
import { loadFailureModel } from '../failures/failure-spec.js';
import { lookup, type Catalog } from '../model/catalog.js';
import { loadTopology, openDcNotesOf } from '../model/load-topology.js';
import { placementPolicy } from '../placement/registry.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import type { ResolvedScenario } from '../scenario/load-scenario.js';
import { loadScenarioTrace } from '../scenario/run-scenario.js';
import type { GrowthMode } from '../traces/workload-growth.js';
import { searchSmallestCount, type CountVerdict, type SearchResult } from './capacity-search.js';
import { checkFraction, checkGrowth, checkInteger } from './plan-checks.js';
import { HEADROOM_METHOD, recommend } from './plan-recommendation.js';
import type { CapacityPlanResult, PlanGroup, PlanRankBy } from './plan-result.js';
import { checkRackLimits, rackAnswer, rackFit, type PlanRackLimits } from './rack-limits.js';
import { InputError } from '../common/input-error.js';
import type { PlanScenarioSpec } from './plan-run.js';
import { failuresLabel, PlanRunLog } from './plan-run-log.js';
import type { PlanRunner } from './plan-runner.js';
import { countStats, judgeRun, planSeeds, requiredPasses, runScenarioFor } from './seeded-runs.js';
import { parseSlo, sloReadsIo, type Slo } from './slo.js';

type Failures = { model?: string; trace?: string } | null;

export interface CapacityPlanOptions {
  scenario: ResolvedScenario;
  catalog: Catalog;
  runner: PlanRunner;
  /** Trace cache for the one load in this thread (it also warms the cache for the workers). */
  cacheDir: string | null;
  slo: string;
  /** Default: the host models of the scenario's topology. */
  hostModels?: string[];
  growth?: number[];
  growthMode?: GrowthMode;
  /** Failure model and/or trace (absolute paths); default: the scenario's own, if any. */
  failures?: Failures;
  seeds?: number;
  confidence?: number;
  /** The SLO must also hold with this many hosts down for the whole run. */
  nPlus?: number;
  maxHosts?: number;
  /** Counts above each answer that also run, to check that more hosts never did worse. */
  checkAbove?: number;
  /** Lay the hosts into racks with a power budget and/or slots, and say when they bind. */
  racks?: PlanRackLimits;
  /** What the recommendation minimizes first (default cost; carbon needs the scenario's carbon field). */
  rankBy?: PlanRankBy;
}

interface PlanSettings {
  scenario: ResolvedScenario;
  runner: PlanRunner;
  slo: Slo;
  seeds: number[];
  confidence: number;
  growthMode: GrowthMode;
  hypervisor: string;
  placement: string;
  log: PlanRunLog;
  racks: PlanRackLimits | null;
  catalog: Catalog;
}

/**
 * For every host model x growth factor: the smallest host count whose SLO holds in at least
 * `confidence` of the seeded runs (searchSmallestCount), that plus nPlus as the recommended
 * size, and the smallest count without failures for the headroom. The result depends only on
 * the inputs, not on the number of workers or the order in which runs finish.
 */
export async function planCapacity(options: CapacityPlanOptions): Promise<CapacityPlanResult> {
  const { scenario } = options;
  // rackplan's format or an OpenDC file, whose host types join the catalog as host models.
  const { topology, catalog } = loadTopology(scenario.topologyPath, options.catalog);
  const topologyNotes = openDcNotesOf(scenario.topologyPath);
  const hostModels = options.hostModels ?? [...new Set(topology.clusters.flatMap((c) => c.racks.flatMap((r) => r.hosts.map((h) => h.model))))];
  for (const id of hostModels) lookup(catalog.hosts, id, 'host model', { field: 'host-models' });
  const growth = checkGrowth(options.growth ?? [1]);
  const failures = options.failures ?? (scenario.spec as PlanScenarioSpec).failures ?? null;
  if (failures?.model) loadFailureModel(failures.model);
  const nPlus = checkInteger(options.nPlus ?? 0, 0, 1000, 'n-plus');
  const maxHosts = checkInteger(options.maxHosts ?? 1024, 1, 1_000_000, 'max-hosts');
  const seedsRequested = checkInteger(options.seeds ?? 10, 1, 100_000, 'seeds');
  const random = drawsRandomNumbers(scenario, failures, options.growthMode ?? 'scale', growth);
  const s: PlanSettings = {
    scenario,
    runner: options.runner,
    slo: parseSlo(options.slo),
    seeds: planSeeds(scenario.spec.seed, random ? seedsRequested : 1),
    confidence: checkFraction(options.confidence ?? 0.95, 'confidence'),
    growthMode: options.growthMode ?? 'scale',
    hypervisor: scenario.spec.hypervisor ?? topology.hypervisor,
    placement: scenario.spec.placement.policy,
    log: new PlanRunLog(),
    racks: options.racks ? checkRackLimits(options.racks) : null,
    catalog,
  };
  const rankBy = options.rankBy ?? 'cost';
  if (rankBy === 'carbon' && !scenario.spec.carbon) {
    throw new InputError('ranking by carbon needs the scenario\'s "carbon" field (an intensity file; docs/facility.md)', { field: '--rank-by' });
  }
  lookup(catalog.hypervisors, s.hypervisor, 'hypervisor', { file: scenario.topologyPath, field: 'hypervisor' });
  placementPolicy(s.placement, { file: scenario.file ?? '(flags)', field: 'placement.policy' }, (await loadPlugins(scenario.spec.plugins)).placement);
  const workload = await loadScenarioTrace(scenario, options.cacheDir);

  const search = { maxHosts, checkAbove: Math.max(options.checkAbove ?? 2, nPlus) };
  const combos = hostModels.flatMap((model) => growth.map((factor) => ({ model, factor })));
  const groups = await Promise.all(
    combos.map(async ({ model, factor }): Promise<PlanGroup> => {
      // A model whose single host is over the rack budget is not searched: no count could run.
      const fit = s.racks ? rackFit(s.racks, model, catalog) : null;
      const none: SearchResult = { smallest: null, verdicts: [], violations: [] };
      const [main, free] = fit?.hostsPerRack === 0
        ? [none, failures ? none : null]
        : await Promise.all([
            searchSmallestCount(countEvaluator(s, model, factor, failures), search),
            failures ? searchSmallestCount(countEvaluator(s, model, factor, null), search) : null,
          ]);
      return planGroup(s, catalog, model, factor, failures, nPlus, main, free);
    }),
  );

  const inputs: CapacityPlanResult['inputs'] = {
    scenario: scenario.file,
    scenarioName: scenario.spec.name,
    trace: { path: scenario.tracePath, format: workload.format, vms: workload.vmCount },
    slo: options.slo,
    seeds: s.seeds,
    ...(seedsRequested !== s.seeds.length ? { seedsRequested } : {}),
    confidence: s.confidence,
    growth,
    growthMode: s.growthMode,
    failures,
    nPlus,
    maxHosts,
    hypervisor: s.hypervisor,
    placement: s.placement,
    files: s.log.files(),
    ...(topologyNotes.length > 0 ? { topologyNotes } : {}),
    ...(s.racks ? { racks: s.racks } : {}),
    ...(options.rankBy ? { rankBy } : {}),
  };
  const { recommendation, sentence } = recommend(groups, inputs);
  return {
    kind: 'capacity-plan',
    rackplanVersion: RACKPLAN_VERSION,
    inputs,
    headroomMethod: HEADROOM_METHOD,
    groups,
    recommendation,
    sentence,
    runs: s.log.records(hostModels),
  };
}

/**
 * Whether two seeds can give different runs: a failure model or trace, a random VM selection
 * in dynamic consolidation, or growth by replicating VMs (seeded subsets and start jitter).
 * Everything else is deterministic whatever the seed.
 */
function drawsRandomNumbers(scenario: ResolvedScenario, failures: Failures, growthMode: GrowthMode, growth: number[]): boolean {
  if (failures !== null) return true;
  const consolidation = (scenario.spec as { consolidation?: { selection?: string } }).consolidation;
  if (consolidation && consolidation.selection === 'rs') return true;
  return growthMode === 'replicate' && growth.some((factor) => factor !== 1);
}

function planGroup(
  s: PlanSettings,
  catalog: Catalog,
  model: string,
  factor: number,
  failures: Failures,
  nPlus: number,
  main: SearchResult,
  free: SearchResult | null,
): PlanGroup {
  const spec = catalog.hosts.get(model)!;
  const cost = spec.costUsd ?? null;
  const failureFree = (free ?? main).smallest;
  const needed = main.smallest === null ? null : main.smallest + nPlus;
  const racks = s.racks ? rackAnswer(rackFit(s.racks, model, s.catalog), s.racks, needed) : undefined;
  // A size whose racks are not there is no answer: the group says why (racks.fits false).
  const recommended = racks && !racks.fits ? null : needed;
  const rows = (withFailures: Failures, verdicts: CountVerdict[]) =>
    verdicts.map((v) => {
      const stats = countStats(s.log.at(model, factor, failuresLabel(withFailures), s.placement, v.hosts));
      const carbon = stats.carbonKgMean !== undefined ? { carbonKgMean: stats.carbonKgMean } : {};
      return { ...v, runs: s.seeds.length, energyKWhMean: stats.energyKWhMean, unmetFractionMean: stats.unmetFractionMean, ...carbon, costUsd: cost === null ? null : cost * v.hosts };
    });
  return {
    hostModel: model,
    hostModelName: spec.name,
    growth: factor,
    costPerHostUsd: cost,
    smallestPassing: main.smallest,
    failureFreeHosts: failureFree,
    recommendedHosts: recommended,
    headroomHosts: recommended !== null && failureFree !== null ? recommended - failureFree : null,
    rows: rows(failures, main.verdicts),
    failureFreeRows: free ? rows(null, free.verdicts) : null,
    monotonic: main.violations.length === 0 && (free?.violations.length ?? 0) === 0,
    violations: [...main.violations, ...(free?.violations ?? [])],
    ...(racks ? { racks } : {}),
  };
}

/** With rack limits, the hosts go into racks of as many as one holds (each carrying the limits). */
function rackLayout(s: PlanSettings, model: string): { racks?: { limits: PlanRackLimits; hostsPerRack: number } } {
  if (!s.racks) return {};
  return { racks: { limits: s.racks, hostsPerRack: rackFit(s.racks, model, s.catalog).hostsPerRack } };
}

/** Runs every seed at one count, judges the SLO on each, and logs every run. */
function countEvaluator(s: PlanSettings, model: string, factor: number, failures: Failures): (hosts: number) => Promise<CountVerdict> {
  const label = failuresLabel(failures);
  return async (hosts) => {
    const passes = await Promise.all(
      s.seeds.map(async (seed) => {
        const key = `${model}/growth-${factor}/failures-${label === 'none' ? 'none' : 'on'}/hosts-${hosts}/seed-${seed}`;
        const output = await s.runner.run({
          key,
          scenario: runScenarioFor(s.scenario, seed, s.placement, failures),
          datacenter: { kind: 'uniform', model, count: hosts, hypervisor: s.hypervisor, ...rackLayout(s, model) },
          growth: { factor, mode: s.growthMode },
          io: sloReadsIo(s.slo),
        });
        const { pass, metrics } = judgeRun(s.slo, output.summary);
        const topology = `${hosts} x ${model}`;
        s.log.add({ key, candidate: model, topology, hosts, placement: s.placement, growth: factor, growthMode: s.growthMode, failures: label, seed, pass, metrics }, output.files);
        return pass;
      }),
    );
    const passed = passes.filter(Boolean).length;
    return { hosts, passFraction: passed / passes.length, holds: passed >= requiredPasses(s.confidence, passes.length) };
  };
}
