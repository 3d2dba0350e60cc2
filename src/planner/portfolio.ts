import { dirname, resolve } from 'node:path';
import { InputError } from '../common/input-error.js';
import { RACKPLAN_VERSION } from '../common/version.js';
import { loadFailureModel } from '../failures/failure-spec.js';
import { lookup, type Catalog } from '../model/catalog.js';
import { loadSpec } from '../model/load-spec.js';
import { catalogWithTopologies, loadTopology, openDcNotesOf } from '../model/load-topology.js';
import { placementPolicy } from '../placement/registry.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import { fmt1, fmtInt, fmtPct1, fmtUsd } from '../common/number-format.js';
import { loadScenario, type ResolvedScenario } from '../scenario/load-scenario.js';
import { loadScenarioTrace } from '../scenario/run-scenario.js';
import { checkGrowth } from './plan-checks.js';
import type { PortfolioCandidate, PortfolioResult } from './plan-result.js';
import { planDatacenter } from './plan-datacenter.js';
import type { DatacenterChoice } from './datacenter-choice.js';
import { PlanRunLog } from './plan-run-log.js';
import type { PlanRunner } from './plan-runner.js';
import { countStats, judgeRun, planSeeds, runScenarioFor } from './seeded-runs.js';
import { PortfolioSpecSchema, type PortfolioSpec } from './portfolio-spec.js';
import { rankCandidates } from './portfolio-ranking.js';
import { parseSlo, sloReadsIo, type Slo } from './slo.js';

export interface PortfolioOptions {
  /** The portfolio JSON (models/portfolios/*.json). */
  file: string;
  catalog: Catalog;
  runner: PlanRunner;
  cacheDir: string | null;
}

interface Entity {
  id: string;
  topology: string;
  choice: DatacenterChoice;
  hostModels: string[];
  hosts: number;
  placement: string;
  costUsd: number | null;
}

/**
 * Everything `plan --portfolio` checks before it runs anything: the file, its scenario, SLO,
 * growth, failures, placements and candidates. `validate` calls it too, so the two agree.
 */
export async function checkPortfolio(portfolioFile: string, catalog: Catalog) {
  const file = resolve(portfolioFile);
  const spec = loadSpec(file, PortfolioSpecSchema);
  const dir = dirname(file);
  const scenario = loadScenario(resolve(dir, spec.scenario));
  const slo = withFile(file, () => parseSlo(spec.slo));
  const growth = withFile(file, () => checkGrowth(spec.growth));
  const failures = resolveFailures(spec, dir, file);
  const placements = spec.placement.length > 0 ? spec.placement : [scenario.spec.placement.policy];
  const plugins = await loadPlugins(scenario.spec.plugins);
  placements.forEach((name, i) => placementPolicy(name, { file, field: `placement[${i}]` }, plugins.placement));
  if (new Set(placements).size !== placements.length) throw new InputError('placement policies repeat', { file, field: 'placement' });
  const entities = resolveCandidates(spec, scenario, catalogWithTopologies(catalog, [scenario.topologyPath]), file, dir, placements);
  // How the OpenDC topologies among the candidates were mapped, once per file.
  const topologyNotes = [...new Set(entities.flatMap((e) => (e.choice.kind === 'topology' ? [e.choice.path] : [])))].flatMap((path) => openDcNotesOf(path));
  if (spec.rankBy === 'carbon' && !scenario.spec.carbon) {
    throw new InputError('rankBy "carbon" needs the scenario\'s "carbon" field (an intensity file; docs/facility.md)', { file, field: 'rankBy' });
  }
  return { file, spec, scenario, slo, growth, failures, placements, entities, topologyNotes };
}

/** Runs every candidate x placement x growth x failures x seed of a portfolio and ranks the candidates. */
export async function runPortfolio(options: PortfolioOptions): Promise<PortfolioResult> {
  const { file, spec, scenario, slo, growth, failures, placements, entities, topologyNotes } = await checkPortfolio(options.file, options.catalog);
  const seeds = planSeeds(scenario.spec.seed, spec.seeds);
  const workload = await loadScenarioTrace(scenario, options.cacheDir);

  const log = new PlanRunLog();
  const jobs = entities.flatMap((entity) =>
    growth.flatMap((factor) => failures.flatMap((f) => seeds.map((seed) => ({ entity, factor, f, seed })))),
  );
  await Promise.all(jobs.map((job) => runOne(job, scenario, spec, slo, options.runner, log)));

  const candidates = rankCandidates(entities.map((e) => aggregate(e, growth, failures, spec.maxRisk, log)), spec.rankBy);
  const best = candidates[0]!;
  return {
    kind: 'portfolio',
    rackplanVersion: RACKPLAN_VERSION,
    inputs: {
      portfolio: file,
      name: spec.name,
      description: spec.description ?? '',
      scenario: scenario.file ?? '',
      trace: { path: scenario.tracePath, format: workload.format, vms: workload.vmCount },
      slo: spec.slo,
      seeds,
      maxRisk: spec.maxRisk,
      growth,
      growthMode: spec.growthMode,
      failures,
      placement: placements,
      files: log.files(),
      ...(topologyNotes.length > 0 ? { topologyNotes } : {}),
      ...(spec.rankBy === 'carbon' ? { rankBy: spec.rankBy } : {}),
    },
    candidates,
    recommendation: best.acceptable ? best.id : null,
    sentence: portfolioSentence(best, spec),
    runs: log.records(entities.map((e) => e.id)),
  };
}

async function runOne(
  job: { entity: Entity; factor: number; f: PortfolioResult['inputs']['failures'][number]; seed: number },
  scenario: ResolvedScenario,
  spec: PortfolioSpec,
  slo: Slo,
  runner: PlanRunner,
  log: PlanRunLog,
): Promise<void> {
  const { entity, factor, f, seed } = job;
  const key = `${entity.id}/growth-${factor}/failures-${f.id}/seed-${seed}`;
  const files = f.model || f.trace ? { ...(f.model ? { model: f.model } : {}), ...(f.trace ? { trace: f.trace } : {}) } : null;
  const output = await runner.run({
    key,
    scenario: runScenarioFor(scenario, seed, entity.placement, files),
    datacenter: entity.choice,
    growth: { factor, mode: spec.growthMode },
    io: sloReadsIo(slo),
  });
  const { pass, metrics } = judgeRun(slo, output.summary);
  const record = { key, candidate: entity.id, topology: entity.topology, hosts: entity.hosts, placement: entity.placement };
  log.add({ ...record, growth: factor, growthMode: spec.growthMode, failures: f.id, seed, pass, metrics }, output.files);
}

function aggregate(e: Entity, growth: number[], failures: { id: string }[], maxRisk: number, log: PlanRunLog): Omit<PortfolioCandidate, 'rank' | 'pareto'> {
  const scenarios = growth.flatMap((g) =>
    failures.map((f) => {
      const runs = log.at(e.id, g, f.id, e.placement, e.hosts);
      const stats = countStats(runs);
      return { growth: g, failures: f.id, runs: runs.length, risk: violationShare(runs), energyKWhMean: stats.energyKWhMean, unmetFractionMean: stats.unmetFractionMean };
    }),
  );
  const all = scenarios.flatMap((s) => log.at(e.id, s.growth, s.failures, e.placement, e.hosts));
  const stats = countStats(all);
  const risk = violationShare(all);
  const { choice: _choice, ...described } = e;
  const carbon = stats.carbonKgMean !== undefined ? { carbonKgMean: stats.carbonKgMean } : {};
  return { ...described, energyKWhMean: stats.energyKWhMean, ...carbon, risk, runs: all.length, acceptable: risk <= maxRisk + 1e-12, scenarios };
}

function violationShare(runs: readonly { pass: boolean }[]): number {
  return runs.length === 0 ? 0 : runs.filter((r) => !r.pass).length / runs.length;
}

function resolveCandidates(spec: PortfolioSpec, scenario: ResolvedScenario, catalog: Catalog, file: string, dir: string, placements: string[]): Entity[] {
  const hypervisor = scenario.spec.hypervisor ?? loadTopology(scenario.topologyPath, catalog).topology.hypervisor;
  const seen = new Set<string>();
  return spec.candidates.flatMap((c, i) => {
    if ('model' in c) {
      lookup(catalog.hosts, c.model, 'host model', { file, field: `candidates[${i}].model` });
      lookup(catalog.hypervisors, c.hypervisor ?? hypervisor, 'hypervisor', { file, field: `candidates[${i}].hypervisor` });
    }
    const choice: DatacenterChoice =
      'model' in c ? { kind: 'uniform', model: c.model, count: c.count, hypervisor: c.hypervisor ?? hypervisor } : { kind: 'topology', path: resolve(dir, c.topology) };
    const dc = withFile(file, () => planDatacenter(scenario, choice, catalog), `candidates[${i}]`);
    const base = c.id ?? ('model' in c ? `${c.model}-x${c.count}` : dc.topologyId);
    if (seen.has(base)) throw new InputError(`candidate id "${base}" repeats; give each candidate a distinct "id"`, { file, field: `candidates[${i}].id` });
    seen.add(base);
    const costs = Array.from(dc.modelOf, (m) => dc.models[m]!.costUsd);
    const costUsd = costs.every((x) => x !== undefined) ? costs.reduce((s: number, x) => s + x!, 0) : null;
    const topology = choice.kind === 'uniform' ? `${choice.count} x ${choice.model}` : choice.path;
    return placements.map((placement) => ({
      id: placements.length > 1 ? `${base}/${placement}` : base,
      topology,
      choice,
      hostModels: dc.models.map((m) => m.id),
      hosts: dc.hostCount,
      placement,
      costUsd,
    }));
  });
}

function resolveFailures(spec: PortfolioSpec, dir: string, file: string): PortfolioResult['inputs']['failures'] {
  const ids = new Set<string>();
  return spec.failures.map((f, i) => {
    if (ids.has(f.id)) throw new InputError(`failure id "${f.id}" repeats`, { file, field: `failures[${i}].id` });
    ids.add(f.id);
    const model = f.model ? resolve(dir, f.model) : undefined;
    if (model) loadFailureModel(model);
    return { id: f.id, ...(model ? { model } : {}), ...(f.trace ? { trace: resolve(dir, f.trace) } : {}) };
  });
}

/** Runs `f`; an InputError without a file gets the portfolio file (and field) attached. */
function withFile<T>(file: string, f: () => T, field?: string): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof InputError && error.file === undefined) {
      throw new InputError(error.detail, { file, ...(field ?? error.field ? { field: field ?? error.field! } : {}) });
    }
    throw error;
  }
}

function portfolioSentence(best: PortfolioCandidate, spec: PortfolioSpec): string {
  const carbon = best.carbonKgMean === undefined ? '' : `, ${fmt1(best.carbonKgMean)} kg CO2 per run`;
  const figures = `risk ${fmtPct1(best.risk)} (${fmtInt(Math.round(best.risk * best.runs))} of ${fmtInt(best.runs)} runs violated "${spec.slo}"), ${fmt1(best.energyKWhMean)} kWh${carbon} per run${best.costUsd === null ? '' : `, ${fmtUsd(best.costUsd)}`}`;
  const what = `${best.id} (${fmtInt(best.hosts)} hosts, ${best.placement} placement)`;
  const by = spec.rankBy === 'carbon' ? 'lowest-carbon' : 'cheapest';
  if (best.acceptable) return `Choose ${what}: the ${by} candidate within the ${fmtPct1(spec.maxRisk)} risk limit; ${figures}.`;
  return `No candidate stays within the ${fmtPct1(spec.maxRisk)} risk limit; the least risky is ${what}: ${figures}.`;
}
