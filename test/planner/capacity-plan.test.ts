import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { stableStringify } from '../../src/common/stable-json.js';
import { planCapacity, type CapacityPlanOptions } from '../../src/planner/capacity-plan.js';
import { createPlanRunner, type PlanRunner } from '../../src/planner/plan-runner.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { planWorld, type PlanWorld } from './helpers/plan-world.js';

const WORKER = join(import.meta.dirname, '..', '..', 'dist', 'planner', 'plan-worker.js');

let world: PlanWorld;
let inline: PlanRunner;

beforeAll(() => {
  world = planWorld();
  inline = createPlanRunner({ workers: 1, catalogDir: world.catalogDir, cacheDir: world.cacheDir });
});

afterAll(() => inline.close());

function plan(overrides: Partial<CapacityPlanOptions> = {}) {
  return planCapacity({
    scenario: loadScenario(world.scenario),
    catalog: world.catalog,
    runner: inline,
    cacheDir: world.cacheDir,
    slo: 'unmetFraction<=0.001',
    seeds: 3,
    maxHosts: 64,
    ...overrides,
  });
}

describe('planCapacity on a hand-computed world', () => {
  it('finds exactly 7 hosts: 14 VMs of 2000 MHz, two per 4000 MHz host', async () => {
    // 7 hosts: all 14 VMs placed, 1000 of 2000 MHz used each => unmet 0.
    // 6 hosts: 12 placed, 2 unplaced => unmet = 2 x 1000 MHz / (14 x 1000 MHz) = 1/7.
    // Nothing in this world is random (no failures): the 3 seeds asked for collapse to 1.
    const result = await plan();
    expect(result.inputs.seeds).toEqual([1]);
    expect(result.inputs.seedsRequested).toBe(3);
    const [group] = result.groups;
    expect(group).toMatchObject({ hostModel: 'box', growth: 1, smallestPassing: 7, failureFreeHosts: 7, recommendedHosts: 7, headroomHosts: 0, monotonic: true });
    const byHosts = new Map(group!.rows.map((r) => [r.hosts, r]));
    // Doubling 1, 2, 4, 8; binary search 6, 7 between 4 and 8; 9 checks monotonicity above 7.
    expect([...byHosts.keys()]).toEqual([1, 2, 4, 6, 7, 8, 9]);
    expect(byHosts.get(6)!.unmetFractionMean).toBeCloseTo(1 / 7, 12);
    expect(byHosts.get(6)!.passFraction).toBe(0);
    expect(byHosts.get(7)!).toMatchObject({ passFraction: 1, holds: true, unmetFractionMean: 0, costUsd: 7000 });
    // 7 hosts with 2 VMs each at 1000 MHz: 50% load => 150 W x 7 x 1 h = 1.05 kWh.
    expect(byHosts.get(7)!.energyKWhMean).toBeCloseTo(1.05, 9);
    expect(result.recommendation).toEqual({ hostModel: 'box', growth: 1, hosts: 7, costUsd: 7000 });
    expect(result.sentence).toBe('Use 7 x box for the workload as traced, about $7,000: the SLO "unmetFraction<=0.001" held in 1 of 1 seeded runs at that size (1 required).');
    expect(result.runs).toHaveLength(7);
    expect(result.runs.map((r) => r.seed)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('adds the N+1 host and reports it as headroom', async () => {
    // Any one host down for the whole run leaves N - 1; the SLO needs 7 => 8 hosts.
    const result = await plan({ nPlus: 1 });
    expect(result.groups[0]).toMatchObject({ smallestPassing: 7, recommendedHosts: 8, headroomHosts: 1 });
    expect(result.sentence).toMatch(/^Use 8 x box .*; 7 would do without failures, so N\+1 headroom\.$/);
  });

  it('grows by replication and by scaling, per host model, and picks the cheapest', async () => {
    // Replicate x1.5: 14 + 7 VMs = 21 => ceil(21 / 2) = 11 boxes, or ceil(21 / 4) = 6 big boxes.
    // Cost: 11 x $1000 = $11,000 < 6 x $2500 = $15,000 => box.
    const result = await plan({ hostModels: ['box', 'big-box'], growth: [1, 1.5], growthMode: 'replicate', seeds: 2 });
    const answer = (model: string, growth: number) => result.groups.find((g) => g.hostModel === model && g.growth === growth)!.recommendedHosts;
    expect([answer('box', 1), answer('box', 1.5), answer('big-box', 1), answer('big-box', 1.5)]).toEqual([7, 11, 4, 6]);
    expect(result.recommendation).toEqual({ hostModel: 'box', growth: 1.5, hosts: 11, costUsd: 11_000 });

    // Scale x2: 2000 MHz per VM, exactly its size => still 7 hosts. x2.5: 2500 MHz is capped at
    // the 2000 MHz size, so 20% of demand is unmet with any number of hosts.
    const scaled = await plan({ growth: [2, 2.5], seeds: 1, maxHosts: 16 });
    expect(scaled.groups.map((g) => g.recommendedHosts)).toEqual([7, null]);
    expect(scaled.groups[1]!.rows.at(-1)).toMatchObject({ hosts: 16, holds: false });
    expect(scaled.groups[1]!.rows.at(-1)!.unmetFractionMean).toBeCloseTo(0.2, 6);
    expect(scaled.recommendation).toBeNull();
    // The answer that exists (7 boxes at x2) is in the sentence too.
    expect(scaled.sentence).toBe('No host model met the SLO "unmetFraction<=0.001" in 1 of 1 seeded runs for 2.5x the workload (demand scaled) within 16 hosts. For 2x the workload (demand scaled), use 7 x box.');
  });

  it('runs with a failure model and reports both searches', async () => {
    const model = join(import.meta.dirname, '..', '..', 'models', 'failures', 'exponential-baseline.json');
    const result = await plan({ failures: { model }, seeds: 2 });
    const [group] = result.groups;
    expect(group!.failureFreeRows).not.toBeNull();
    expect(group!.failureFreeHosts).toBe(7);
    expect(result.runs.some((r) => r.failures === model)).toBe(true);
    expect(result.runs.some((r) => r.failures === 'none')).toBe(true);
    // Failures are drawn from the seed: both seeds run.
    expect(result.inputs.seeds).toEqual([1, 2]);
    expect(result.inputs.seedsRequested).toBeUndefined();
  });

  it('gives the same plan.json with 1 and 2 worker threads', async () => {
    if (!existsSync(WORKER)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
    const pool = createPlanRunner({ workers: 2, catalogDir: world.catalogDir, cacheDir: world.cacheDir, workerUrl: pathToFileURL(WORKER) });
    try {
      const options = { hostModels: ['box', 'big-box'], growth: [1, 1.5], growthMode: 'replicate' as const, seeds: 3 };
      const [one, two] = await Promise.all([plan(options), plan({ ...options, runner: pool })]);
      expect(stableStringify(two)).toBe(stableStringify(one));
    } finally {
      await pool.close();
    }
  });

  it('gives the same plan whatever order the runs finish in', async () => {
    // Each run finishes after a pseudo-random delay, so completion order differs from submission order.
    let state = 12345;
    const shuffled: PlanRunner = {
      workers: 4,
      run: async (task) => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        await new Promise((resolve) => setTimeout(resolve, state % 7));
        return inline.run(task);
      },
      close: async () => {},
    };
    const options = { hostModels: ['box', 'big-box'], growth: [1, 1.5], growthMode: 'replicate' as const, seeds: 3 };
    const [ordered, disordered] = await Promise.all([plan(options), plan({ ...options, runner: shuffled })]);
    expect(stableStringify(disordered)).toBe(stableStringify(ordered));
  });

  it('rejects an SLO over a metric the summary does not have, listing the valid keys', async () => {
    const error = await plan({ slo: 'unmetFraction<=0.001 and uptimeNines>=3' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^slo: "uptimeNines" is not a metric of the run summary; valid: .*cpu\.unmetFraction.*energyKWh/);
  });

  it('rejects unknown host models with the valid ones', async () => {
    await expect(plan({ hostModels: ['nope'] })).rejects.toThrow(/unknown host model "nope"; valid: big-box, box/);
  });
});
