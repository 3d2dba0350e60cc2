import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { BUILTIN_MODELS_DIR } from '../../src/model/catalog.js';
import { loadSpec } from '../../src/model/load-spec.js';
import { createPlanRunner, type PlanRunner } from '../../src/planner/plan-runner.js';
import { runPortfolio } from '../../src/planner/portfolio.js';
import { rankCandidates } from '../../src/planner/portfolio-ranking.js';
import { PortfolioSpecSchema } from '../../src/planner/portfolio-spec.js';
import { renderPlanReport } from '../../src/report/plan-report.js';
import { planWorld, type PlanWorld } from './helpers/plan-world.js';

let world: PlanWorld;
let runner: PlanRunner;

beforeAll(() => {
  world = planWorld();
  runner = createPlanRunner({ workers: 1, catalogDir: world.catalogDir, cacheDir: world.cacheDir });
});
afterAll(() => runner.close());

function portfolio(name: string, value: object): string {
  const path = join(world.dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ name, scenario: 'scenario.json', slo: 'unmetFraction<=0.001', seeds: 2, ...value }));
  return path;
}

describe('runPortfolio', () => {
  it('ranks acceptable candidates by cost, then the risky ones by risk', async () => {
    // The hand-computed world: 14 VMs need 7 boxes (see plan-world.ts).
    // 6 boxes: 2 VMs unplaced at growth 1 => every run violates; risk 1.
    // 7 boxes ($7,000): meets the SLO at growth 1, but replicated x1.5 needs 11 => risk 1/2.
    // 11 boxes ($11,000) and 6 big boxes ($15,000): both growth factors fit => risk 0.
    const file = portfolio('tiny', {
      candidates: [{ model: 'box', count: 6 }, { model: 'box', count: 7 }, { model: 'box', count: 11 }, { id: 'big', model: 'big-box', count: 6 }],
      growth: [1, 1.5],
      growthMode: 'replicate',
      maxRisk: 0.1,
    });
    const result = await runPortfolio({ file, catalog: world.catalog, runner, cacheDir: world.cacheDir });
    expect(result.candidates.map((c) => [c.id, c.rank, c.risk, c.acceptable, c.costUsd])).toEqual([
      ['box-x11', 1, 0, true, 11_000],
      ['big', 2, 0, true, 15_000],
      ['box-x7', 3, 0.5, false, 7000],
      ['box-x6', 4, 1, false, 6000],
    ]);
    expect(result.candidates.every((c) => c.runs === 4)).toBe(true);
    expect(result.runs).toHaveLength(4 * 2 * 2);
    expect(result.recommendation).toBe('box-x11');
    expect(result.sentence).toMatch(/^Choose box-x11 \(11 hosts, best-fit placement\): the cheapest candidate within the 10\.0% risk limit; risk 0\.0% \(0 of 4 runs violated/);
    const box7 = result.candidates.find((c) => c.id === 'box-x7')!;
    expect(box7.scenarios.map((s) => [s.growth, s.risk])).toEqual([[1, 0], [1.5, 1]]);
    const html = renderPlanReport(result);
    expect(html).toContain('data-candidate="box-x11" data-rank="1"');
    expect(html).not.toMatch(/<script/i);
  });

  it('runs every placement policy as its own candidate', async () => {
    const file = portfolio('policies', { candidates: [{ model: 'box', count: 7 }], placement: ['best-fit', 'worst-fit'], seeds: 1 });
    const result = await runPortfolio({ file, catalog: world.catalog, runner, cacheDir: world.cacheDir });
    expect(result.candidates.map((c) => c.id).sort()).toEqual(['box-x7/best-fit', 'box-x7/worst-fit']);
  });

  it('fails on bad input with the file and field named', async () => {
    const bad = (name: string, value: object) => runPortfolio({ file: portfolio(name, value), catalog: world.catalog, runner, cacheDir: null });
    await expect(bad('bad-policy', { candidates: [{ model: 'box', count: 1 }], placement: ['nope'] })).rejects.toThrow(/bad-policy\.json: placement\[0\]: unknown placement policy "nope"; valid: /);
    await expect(bad('bad-model', { candidates: [{ model: 'nope', count: 1 }] })).rejects.toThrow(/bad-model\.json: candidates\[0\]\.model: unknown host model "nope"/);
    await expect(bad('dup', { candidates: [{ model: 'box', count: 1 }, { model: 'box', count: 1 }] })).rejects.toThrow(/candidate id "box-x1" repeats/);
    await expect(bad('bad-slo', { candidates: [{ model: 'box', count: 1 }], slo: 'unmetFraction=<1' })).rejects.toThrow(InputError);
  });
});

describe('rankCandidates', () => {
  const base = { topology: 't', hostModels: ['m'], hosts: 1, placement: 'p', runs: 10, scenarios: [] };
  it('marks the Pareto front over cost, energy and risk', () => {
    const ranked = rankCandidates([
      { ...base, id: 'cheap-risky', costUsd: 1, energyKWhMean: 5, risk: 0.5, acceptable: false },
      { ...base, id: 'safe', costUsd: 3, energyKWhMean: 5, risk: 0, acceptable: true },
      { ...base, id: 'dominated', costUsd: 3, energyKWhMean: 6, risk: 0, acceptable: true },
      { ...base, id: 'no-cost', costUsd: null, energyKWhMean: 1, risk: 0, acceptable: true },
    ]);
    expect(ranked.map((c) => [c.id, c.rank, c.pareto])).toEqual([
      ['safe', 1, true],
      ['dominated', 2, false],
      ['no-cost', 3, true],
      ['cheap-risky', 4, true],
    ]);
  });
});

describe('shipped portfolios', () => {
  it('validate', () => {
    const dir = join(BUILTIN_MODELS_DIR, 'portfolios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(() => loadSpec(join(dir, file), PortfolioSpecSchema)).not.toThrow();
  });
});
