import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import { planCapacity, type CapacityPlanOptions } from '../../src/planner/capacity-plan.js';
import { createPlanRunner, type PlanRunner } from '../../src/planner/plan-runner.js';
import { runPortfolio } from '../../src/planner/portfolio.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';

const DEFAULT = join(BUILTIN_MODELS_DIR, 'scenarios', 'default.json');
const catalog = loadCatalog();
let runner: PlanRunner;

beforeAll(() => {
  runner = createPlanRunner({ workers: 1, catalogDir: BUILTIN_MODELS_DIR, cacheDir: null });
});
afterAll(() => runner.close());

function plan(overrides: Partial<CapacityPlanOptions> = {}, scenario = DEFAULT) {
  return planCapacity({ scenario: loadScenario(scenario), catalog, runner, cacheDir: null, slo: 'unmetFraction<=0.001', seeds: 1, ...overrides });
}

// The Dell PowerEdge R740 peaks at 457 W (SPECpower, 100% load; boot power defaults to that):
// a 5 kW rack holds floor(5000 / 457) = floor(10.94) = 10 of them at peak power.
describe('plan with rack power budgets on the default scenario', () => {
  const grown = { growth: [2.5], growthMode: 'replicate' as const };

  it('a 5 kW budget with one rack changes the answer, and says rack power is binding', async () => {
    const free = await plan(grown);
    const oneRack = await plan({ ...grown, racks: { powerBudgetW: 5000, slots: null, racks: 1 } });
    // Without racks: the smallest count that holds the SLO (13 at the time of writing), no rack words.
    const servers = free.recommendation!.hosts;
    expect(servers).toBeGreaterThan(10);
    expect(free.sentence).toMatch(new RegExp(`^Use ${servers} x dell-poweredge-r740 `));
    expect(free.sentence).not.toMatch(/rack/);
    // With one 5 kW rack: the same servers would hold the SLO, but 10 fit a rack: no answer, and why.
    expect(oneRack.recommendation).toBeNull();
    expect(oneRack.groups[0]!.smallestPassing).toBe(servers);
    expect(oneRack.groups[0]!.racks).toEqual({ hostsPerRack: 10, peakPowerW: 457, limit: 'power', racksNeeded: Math.ceil(servers / 10), racksAvailable: 1, fits: false });
    expect(oneRack.sentence).toBe(
      `No size fits 1 rack for 2.5x the workload (VMs replicated): the SLO held with ${servers} x dell-poweredge-r740, but a 5 kW rack holds only 10 x dell-poweredge-r740 at peak power (457 W each): ` +
        `${Math.ceil(servers / 10)} racks needed, 1 available; adding hosts does not help: rack power is binding.`,
    );
  });

  it('with racks to spare, the answer names the racks and that power sets their count', async () => {
    const racked = await plan({ ...grown, racks: { powerBudgetW: 5000, slots: 42, racks: null } });
    const hosts = racked.recommendation!.hosts;
    expect(racked.recommendation!.racks).toBe(Math.ceil(hosts / 10));
    expect(racked.sentence).toContain(`They need ${Math.ceil(hosts / 10)} racks: a 5 kW rack holds only 10 x dell-poweredge-r740 at peak power (457 W each), so rack power, not servers, sets the rack count.`);
    // Every run was laid out 10 to a rack with the budget on: no VM was refused for it.
    expect(racked.runs.every((r) => r.metrics['cpu.unmetFraction']! < 1)).toBe(true);
  });

  it('as traced, 5 hosts fit one 5 kW rack; 4-slot racks make space the limit', async () => {
    const power = await plan({ racks: { powerBudgetW: 5000, slots: null, racks: null } });
    expect(power.recommendation).toMatchObject({ hosts: 5, racks: 1 });
    expect(power.sentence).toContain('They fit one rack: a 5 kW rack holds 10 x dell-poweredge-r740 at peak power (457 W each).');
    const space = await plan({ racks: { powerBudgetW: 5000, slots: 4, racks: null } });
    expect(space.recommendation).toMatchObject({ hosts: 5, racks: 2 });
    expect(space.sentence).toContain('They need 2 racks: a 5 kW rack has 4 slots, so rack space, not servers, sets the rack count.');
  });

  it('a budget below one host peak is no answer, said so', async () => {
    const tiny = await plan({ racks: { powerBudgetW: 400, slots: null, racks: null } });
    expect(tiny.recommendation).toBeNull();
    expect(tiny.runs).toHaveLength(0);
    expect(tiny.sentence).toBe('No size fits the racks for the workload as traced: a 400 W rack cannot hold even one dell-poweredge-r740 at peak power (457 W each): rack power is binding.');
  });

  it('--racks without a budget or slots is refused', async () => {
    await expect(plan({ racks: { powerBudgetW: null, slots: null, racks: 2 } })).rejects.toThrow(InputError);
  });
});

describe('plan ranked by carbon', () => {
  it('needs a carbon intensity in the scenario', async () => {
    await expect(plan({ rankBy: 'carbon' })).rejects.toThrow('ranking by carbon needs the scenario\'s "carbon" field');
  });

  it('picks the host model with the least carbon at its recommended size, and reports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-plan-carbon-'));
    const scenario = join(dir, 'default-carbon.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        name: 'default-carbon',
        trace: { path: join(BUILTIN_MODELS_DIR, '..', 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz'), format: 'csv' },
        topology: join(BUILTIN_MODELS_DIR, 'topologies', 'default.json'),
        power: { switchOffIdle: true },
        carbon: { intensity: 'illustrative-grid', pue: 1.4 },
      }),
    );
    const models = ['dell-poweredge-r740', 'generic-2s-64c'];
    const byCarbon = await plan({ hostModels: models, rankBy: 'carbon' }, scenario);
    const carbonAt = (i: number) => byCarbon.groups[i]!.rows.find((r) => r.hosts === byCarbon.groups[i]!.recommendedHosts)!.carbonKgMean!;
    const least = carbonAt(0) <= carbonAt(1) ? 0 : 1;
    expect(byCarbon.recommendation!.hostModel).toBe(models[least]);
    expect(byCarbon.recommendation!.carbonKg).toBe(carbonAt(least));
    expect(byCarbon.inputs.rankBy).toBe('carbon');
    expect(byCarbon.runs.every((r) => typeof r.metrics['carbon.carbonKg'] === 'number')).toBe(true);
    expect(byCarbon.sentence).toContain(' kg CO2 per run: ');
  });
});

describe('portfolio ranked by carbon', () => {
  function portfolioFiles(withCarbon: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-portfolio-carbon-'));
    writeFileSync(
      join(dir, 'scenario.json'),
      JSON.stringify({
        name: 'default-carbon',
        trace: { path: join(BUILTIN_MODELS_DIR, '..', 'traces', 'default', 'bitbrains-like-100vms-3d.csv.gz'), format: 'csv' },
        topology: join(BUILTIN_MODELS_DIR, 'topologies', 'default.json'),
        power: { switchOffIdle: true },
        ...(withCarbon ? { carbon: { intensity: 'illustrative-grid', pue: 1.2 } } : {}),
      }),
    );
    const file = join(dir, 'portfolio.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'by-carbon',
        scenario: 'scenario.json',
        slo: 'unmetFraction<=0.01',
        seeds: 1,
        rankBy: 'carbon',
        candidates: [{ model: 'dell-poweredge-r740', count: 6 }, { model: 'generic-2s-64c', count: 6 }, { model: 'dell-poweredge-r740', count: 8 }],
      }),
    );
    return file;
  }

  it('ranks acceptable candidates by mean carbon per run and names it in the sentence', async () => {
    const result = await runPortfolio({ file: portfolioFiles(true), catalog, runner, cacheDir: null });
    const acceptable = result.candidates.filter((c) => c.acceptable);
    expect(acceptable.length).toBeGreaterThan(1);
    const carbon = acceptable.map((c) => c.carbonKgMean!);
    expect(carbon).toEqual([...carbon].sort((a, b) => a - b));
    expect(result.inputs.rankBy).toBe('carbon');
    expect(result.sentence).toMatch(/^Choose .*: the lowest-carbon candidate within the 5.0% risk limit; .* kg CO2 per run/);
  });

  it('refuses rankBy carbon when the scenario has no intensity, naming the field', async () => {
    await expect(runPortfolio({ file: portfolioFiles(false), catalog, runner, cacheDir: null })).rejects.toThrow(/portfolio\.json: rankBy: rankBy "carbon" needs the scenario's "carbon" field/);
  });
});
