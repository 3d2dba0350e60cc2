import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { displayPath } from '../scenario/run-scenario.js';
import { withCarbon } from '../metrics/with-carbon.js';
import { carbonSettingsOf } from '../scenario/carbon-settings-of.js';
import { sha256File } from '../common/checksum.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import type { RunInputs, RunResult } from '../metrics/run-result.js';
import { summarizeRun } from '../metrics/summarize-run.js';
import type { Catalog } from '../model/catalog.js';
import { modelLabel } from '../model/cloudsim-compat.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import { placementPolicy } from '../placement/registry.js';
import { sharingRules } from '../simulation/sharing-rules.js';
import { simulationSettingsOf } from '../scenario/simulation-settings-of.js';
import { simulate, traceEndMs } from '../simulation/simulate.js';
import { loadTrace } from '../traces/load-trace.js';
import type { TraceReadOptions } from '../traces/trace-reader.js';
import { sampleCount, type Workload } from '../traces/workload.js';
import { describeVariant } from './compare-description.js';
import { variantFleet, type VariantFleet } from './compare-fleet.js';
import type { ComparePlan } from './compare-plan.js';
import type { CompareInputs, CompareResult, CompareScaling, CompareScenario, CompareSeries } from './compare-result.js';
import { spanningProbe } from './instance-spanning.js';
import { lostWhileBooting, withLostWhileBooting } from '../metrics/lost-while-booting.js';
import { scalingSummary, ServicesRuns } from './scaling-runs.js';
import { policyOf, type VariantPlan } from './compare-variants.js';
import { blastRadiusOf, rolloutCostOf, variantOperations, type VariantOperations } from './compare-operations.js';

export interface RunCompareOptions {
  /** Called now and then with the scenario being run and the fraction of its simulated time done. */
  onProgress?: (scenarioId: string, fraction: number) => void;
}

/** Loads the plan's trace once (through the parsed-trace cache unless `cacheDir` is null). */
export async function loadCompareTrace(plan: ComparePlan, cacheDir: string | null, onWarning?: (message: string) => void): Promise<Workload> {
  const loaded = await loadTrace(plan.tracePath, {
    ...(plan.spec.trace.format ? { format: plan.spec.trace.format } : {}),
    cacheDir,
    options: (plan.spec.trace.options ?? {}) as TraceReadOptions,
    ...(onWarning ? { onWarning } : {}),
  });
  return loaded.workload;
}

/** Replays one workload under every scenario of the plan. Pure: same inputs, same result. */
export function runCompare(plan: ComparePlan, workload: Workload, catalog: Catalog, options: RunCompareOptions = {}): CompareResult {
  const policy = placementPolicy(plan.spec.placement.policy, {}, plan.plugins.placement);
  // Parsed before any run, so a bad mapping fails fast and leaves no output.
  const services = plan.services ? new ServicesRuns(plan.services, workload) : null;
  const runs = plan.variants.map((variant) => runVariant(plan, variant, workload, catalog, policy, options, services));
  return {
    inputs: compareInputs(plan, workload, catalog, runs),
    scenarios: runs.map(({ variant, fleet, result, scaling, operations }) => ({
      ...compareScenario(plan, variant, fleet, result),
      ...(scaling ? { scaling } : {}),
      ...operationsFigures(plan, result, operations),
    })),
  };
}

interface VariantRun {
  variant: VariantPlan;
  fleet: VariantFleet;
  result: RunResult;
  scaling?: CompareScaling;
  operations: VariantOperations;
}

/** Blast radius and rollout figures, for specs that have failures or a rollout schedule. */
function operationsFigures(plan: ComparePlan, result: RunResult, operations: VariantOperations): Pick<CompareScenario, 'blastRadius' | 'rollout'> {
  const rollout = rolloutCostOf(result);
  return {
    ...(operations.restart ? { blastRadius: blastRadiusOf(result, operations.restart, plan.spec.ha.detectionSeconds) } : {}),
    ...(rollout ? { rollout } : {}),
  };
}

function runVariant(
  plan: ComparePlan,
  variant: VariantPlan,
  workload: Workload,
  catalog: Catalog,
  policy: PlacementPolicy,
  options: RunCompareOptions,
  services: ServicesRuns | null,
): VariantRun {
  const spec = plan.spec;
  const rule = variant.scaling;
  // A scaling scenario places the services' instances (or, fixed, the trace's VMs) instead of the trace's VMs.
  const sw = rule !== undefined && services ? services.workloadFor(rule) : null;
  if (sw) workload = sw.workload;
  const spanningSettings = rule === 'vertical' ? (services?.plan.spanning ?? null) : null;
  const spanning = spanningSettings ? spanningProbe(spanningSettings) : null;
  const rules = sharingRules(workload, variant.sharing, variant.elastic);
  const fleet = variantFleet(variant, workload, rules, catalog);
  const onProgress = options.onProgress;
  // Read before the simulation: a bad intensity file fails at once, not after the run.
  const carbon = spec.carbon ? carbonSettingsOf({ carbon: { ...spec.carbon, pue: spec.pue } }, workload, plan.file, basename(spec.carbon.intensity)) : null;
  const durationMs = spec.durationSeconds ? Math.round(spec.durationSeconds * 1000) : traceEndMs(workload);
  const operations = variantOperations(spec, variant, fleet.dc, durationMs);
  const record = simulate(
    workload,
    fleet.dc,
    simulationSettingsOf(
      { ...spec, consolidation: variant.consolidation, ...operations.spec },
      {
        ...operations.parts,
        rules,
        policy,
        switchOffIdle: variant.switchOffIdle,
        plugins: plan.plugins,
        ...(onProgress ? { onProgress: (fraction: number) => onProgress(variant.id, fraction) } : {}),
        ...(fleet.pinnedHost ? { pinnedHost: fleet.pinnedHost } : {}),
      },
      { file: plan.file ?? '(flags)' },
    ),
    spanning ? { observe: spanning.observe } : {},
  );
  const inputs: RunInputs = {
    rackplanVersion: RACKPLAN_VERSION,
    seed: spec.seed,
    scenarioName: variant.id,
    trace: traceInputs(plan, workload),
    topology: fleet.dc.topologyId,
    placement: spec.placement.policy,
    sharing: variant.sharing,
    model: modelLabel(null),
    files: [],
    scenario: null,
  };
  const result = summarizeRun(record, inputs);
  const withCarbonIfAny = carbon ? withCarbon(result, carbon) : result;
  if (!sw || !services) return { variant, fleet, result: withCarbonIfAny, operations };
  const booting = lostWhileBooting(sw, rules, record);
  return { variant, fleet, result: withLostWhileBooting(withCarbonIfAny, booting), operations, scaling: scalingSummary(services, sw.rule, booting, spanning ? spanning.estimate() : null) };
}

function compareScenario(plan: ComparePlan, variant: VariantPlan, fleet: VariantFleet, result: RunResult): CompareScenario {
  const s = result.summary;
  // Dedicated servers are all bought and all on; a pool needs the hosts it has on nearly always.
  const serversNeeded = fleet.pinnedHost ? fleet.dc.hostCount : hostsOnForShare(result, plan.spec.serversShare);
  return {
    id: variant.id,
    family: variant.family,
    label: variant.label,
    description: describeVariant(plan, variant, fleet, result, serversNeeded),
    serversNeeded,
    serversPeak: s.hosts.activePeak,
    activeHostsMean: s.hosts.activeMean,
    utilizationMean: s.cpu.utilizationMean,
    utilizationP95: s.cpu.utilizationP95,
    energyKWh: s.energyKWh,
    energyCostUsd: s.energyKWh * plan.spec.pue * plan.spec.energyPriceUsdPerKWh,
    ...(s.carbon ? { carbonKg: s.carbon.carbonKg } : {}),
    demandMHzHours: s.cpu.demandMHzHours,
    unmetMHzHours: s.cpu.unmetMHzHours,
    unmetFraction: s.cpu.unmetFraction,
    unmetCauses: s.cpu.unmetCauses,
    vmsTotal: s.vms.total,
    vmsUnplaced: s.vms.unplaced,
    traceQuirks: s.warnings,
    consolidationRatio: s.consolidationRatio,
    costUsd: fleetCost(variant, fleet, serversNeeded),
    policy: policyOf(variant),
    migrations: s.migrations,
    slav: s.sla.slav,
    series: compareSeries(result),
  };
}

/**
 * The most hosts on for at least `share` of the simulated time: the smallest n such that the
 * intervals whose mean of hosts on is at most n cover `share` of the time, rounded up to whole
 * hosts. share 1 gives the highest interval mean (a spike shorter than an interval is averaged).
 */
export function hostsOnForShare(result: RunResult, share: number): number {
  const ts = result.timeseries;
  const total = result.summary.simulatedSeconds;
  const n = ts.activeHosts.length;
  if (n === 0 || total <= 0) return 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ts.activeHosts[a]! - ts.activeHosts[b]! || a - b);
  const length = (i: number) => Math.min(ts.intervalSeconds, total - ts.startSeconds[i]!);
  let covered = 0;
  for (const i of order) {
    covered += length(i);
    // A relative tolerance, so share 1 ends at the last interval despite rounding in the sum.
    if (covered >= share * total * (1 - 1e-12)) return Math.ceil(ts.activeHosts[i]! - 1e-9);
  }
  return Math.ceil(ts.activeHosts[order[n - 1]!]! - 1e-9);
}

/** Cost of the servers needed; null unless every model among them gives a cost. */
export function fleetCost(variant: VariantPlan, fleet: VariantFleet, serversNeeded: number): number | null {
  const groups = variant.hostModel ? [{ model: variant.hostModel, count: serversNeeded }] : fleet.dedicatedModels;
  let total = 0;
  for (const { model, count } of groups) {
    if (count === 0) continue;
    if (model.costUsd === undefined) return null;
    total += model.costUsd * count;
  }
  return total;
}

function compareSeries(result: RunResult): CompareSeries {
  const ts = result.timeseries;
  return {
    intervalSeconds: ts.intervalSeconds,
    startSeconds: Array.from(ts.startSeconds),
    activeHosts: Array.from(ts.activeHosts),
    utilization: Array.from(ts.servedMhz, (served, t) => (ts.capacityMhz[t]! > 0 ? served / ts.capacityMhz[t]! : 0)),
  };
}

function traceInputs(plan: ComparePlan, workload: Workload): RunInputs['trace'] {
  return { path: shownPath(plan, plan.tracePath, true), format: workload.format, vms: workload.vmCount, samples: sampleCount(workload) };
}

/**
 * A path as compare.json records it: relative to the spec's folder (or, without a spec, by its
 * own name; a trace relative to its parent), as a run's inputs are, so that the same comparison
 * writes the same bytes from any checkout.
 */
function shownPath(plan: ComparePlan, path: string, isTrace = false): string {
  const base = plan.file ? dirname(plan.file) : isTrace ? dirname(plan.tracePath) : undefined;
  return displayPath(path, base);
}

/** Every file the comparison read, once each, in the order first used, with its sha256. */
function compareInputs(plan: ComparePlan, workload: Workload, catalog: Catalog, runs: VariantRun[]): CompareInputs {
  const files: CompareInputs['files'] = [];
  const seen = new Set<string>();
  const add = (role: string, path: string | undefined, sha256?: string) => {
    if (!path || seen.has(path)) return;
    seen.add(path);
    files.push({ role, path: shownPath(plan, path, role === 'trace'), bytes: statSync(path).size, sha256: sha256 ?? sha256File(path) });
  };
  if (plan.file) add('compare-spec', plan.file);
  if (plan.spec.topology) add('topology', plan.spec.topology);
  for (const { variant, fleet } of runs) {
    for (const model of fleet.dc.models) add('host-model', catalog.files.get(`hosts/${model.id}`));
    add('hypervisor', catalog.files.get(`hypervisors/${variant.hypervisor.id}`));
    if (variant.guest) add('guest', catalog.files.get(`guests/${variant.guest.id}`));
  }
  workload.sources.forEach((source, i) => add('trace', source, workload.sourceSha256?.[i]));
  if (plan.spec.carbon) add('carbon-intensity', plan.spec.carbon.intensity);
  const carbon = runs[0]?.result.summary.carbon;
  add('failure-model', plan.spec.failures?.model);
  add('failure-trace', plan.spec.failures?.trace);
  return {
    rackplanVersion: RACKPLAN_VERSION,
    seed: plan.spec.seed,
    trace: traceInputs(plan, workload),
    simulatedSeconds: runs[0]?.result.summary.simulatedSeconds ?? 0,
    serversShare: plan.spec.serversShare,
    energyPriceUsdPerKWh: plan.spec.energyPriceUsdPerKWh,
    pue: plan.spec.pue,
    ...(carbon ? { carbon: { intensity: carbon.intensity, gco2PerKWhMean: carbon.gco2PerKWhMean, startFrom: carbon.startFrom } } : {}),
    files,
    ...(plan.topologyNotes.length > 0 ? { topologyNotes: plan.topologyNotes } : {}),
    ...(plan.spec.failures
      ? { failures: { detectionSeconds: plan.spec.ha.detectionSeconds, restartLimit: plan.spec.ha.restartLimit, physicalReprovisionSeconds: plan.spec.physicalReprovisionSeconds } }
      : {}),
  };
}
