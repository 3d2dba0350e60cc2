import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlanRun, planRunContext } from '../../src/planner/plan-run.js';
import { batchTraceFormats } from '../../src/scenario/run-scenario.js';
import { parseSlo, sloReadsIo } from '../../src/planner/slo.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { planCapacity } from '../../src/planner/capacity-plan.js';
import { createPlanRunner, type PlanRunner } from '../../src/planner/plan-runner.js';
import { planWorld, type PlanWorld } from './helpers/plan-world.js';

let world: PlanWorld;
let runner: PlanRunner;
beforeAll(() => {
  world = planWorld();
  runner = createPlanRunner({ workers: 1, catalogDir: world.catalogDir, cacheDir: world.cacheDir });
});
afterAll(() => runner.close());

describe('plan runs replay disk and network only when the verdict reads them', () => {
  it('knows which SLOs read I/O figures', () => {
    expect(sloReadsIo(parseSlo('unmetFraction<=0.001'))).toBe(false);
    expect(sloReadsIo(parseSlo('unmetFraction<=0.001 and cpu.utilizationPeak<0.9'))).toBe(false);
    expect(sloReadsIo(parseSlo('unmetFraction<=0.001 and disk.unmetFraction<=0.01'))).toBe(true);
    expect(sloReadsIo(parseSlo('network.unmetFraction<0.5'))).toBe(true);
  });

  it('a run without I/O has the same CPU figures and no disk or network block', async () => {
    const context = planRunContext(world.catalog, batchTraceFormats(), world.cacheDir);
    const task = { key: 'k', scenario: loadScenario(world.scenario), datacenter: { kind: 'uniform' as const, model: 'box', count: 7, hypervisor: 'none' }, growth: { factor: 1, mode: 'scale' as const } };
    const withIo = await executePlanRun({ ...task, io: true }, context);
    const without = await executePlanRun({ ...task, io: false }, context);
    expect(withIo.summary.disk).toBeDefined();
    expect(without.summary.disk).toBeUndefined();
    expect(without.summary.network).toBeUndefined();
    expect({ ...without.summary }).toEqual((({ disk: _d, network: _n, ...rest }) => rest)(withIo.summary));
  });

  it('a disk SLO is judged on the replayed disk figures', async () => {
    const plan = await planCapacity({ scenario: loadScenario(world.scenario), catalog: world.catalog, runner, cacheDir: world.cacheDir, slo: 'unmetFraction<=0.001 and disk.unmetFraction<=0', seeds: 1, maxHosts: 16 });
    const metrics = plan.runs.map((run) => run.metrics);
    expect(metrics.length).toBeGreaterThan(0);
    for (const m of metrics) expect(m['disk.unmetFraction']).toBe(0);
  });
});
