import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/model/catalog.js';
import { loadComparePlan, type CompareOverrides } from '../../src/compare/compare-plan.js';
import { hostsOnForShare, runCompare } from '../../src/compare/run-compare.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { tinyWorkload } from '../helpers/tiny-world.js';

/**
 * Four workloads, constant demand, one hour (the trace's end), with the shipped catalog:
 *   A  1 core,   1 860 MHz,   2 048 MiB, demand   930 MHz, 0..3600 s
 *   B  4 cores, 10 400 MHz,   8 192 MiB, demand 5 866 MHz, 0..1800 s
 *   C 64 cores, 166 400 MHz,  1 024 MiB, demand 1 000 MHz, 0..3600 s
 *   E  8 cores, 20 000 MHz, 190 000 MiB, demand 14 000 MHz, 0..3600 s
 * Candidate models by CPU: ML110 G4 (3 720 MHz, 4 GiB), ML110 G5 (5 320, 4 GiB), x3250 (11 732,
 * 8 GiB), x3550 X5670 (35 196, 12 GiB), x3550 X5675 (36 804, 16 GiB), R740 (140 000, 192 GiB),
 * generic (153 600, 512 GiB).
 */
const workload = tinyWorkload([
  { id: 'a', cores: 1, cpuCapacityMhz: 1860, memoryMiB: 2048, samples: [[0, 930]], endSeconds: 3600 },
  { id: 'b', cores: 4, cpuCapacityMhz: 10400, memoryMiB: 8192, samples: [[0, 5866]], endSeconds: 1800 },
  { id: 'c', cores: 64, cpuCapacityMhz: 166400, memoryMiB: 1024, samples: [[0, 1000]], endSeconds: 3600 },
  { id: 'e', cores: 8, cpuCapacityMhz: 20000, memoryMiB: 190000, samples: [[0, 14000]], endSeconds: 3600 },
]);

/** Physical on the smallest catalog model each workload fits, as these tests were written for. */
function compareOf(scenarios?: string[], overrides: CompareOverrides = { physicalModel: 'smallest-fit' }) {
  const catalog = loadCatalog();
  const plan = loadComparePlan(null, { trace: 'tiny.csv', ...(scenarios ? { scenarios } : {}), ...overrides }, catalog);
  const result = runCompare(plan, workload, catalog);
  return Object.fromEntries(result.scenarios.map((s) => [s.id, s]));
}

describe('compare on a hand-computed workload', () => {
  const byId = compareOf();

  it('gives physical one smallest fitting server per workload and reports the one nothing fits', () => {
    // A -> ML110 G4 (1 860 <= 3 720 MHz, 2 048 <= 4 096 MiB); B -> x3250 (10 400 <= 11 732 MHz,
    // 8 192 <= 8 192 MiB; both ML110s are too small); E -> R740 (the X5670/X5675 have the CPU but
    // not 190 000 MiB); C needs 166 400 MHz, more than any model (generic: 153 600) => 3 servers.
    const physical = byId.physical!;
    expect(physical.serversNeeded).toBe(3);
    expect(physical.activeHostsMean).toBe(3);
    expect(physical.description).toContain('1 x hp-proliant-ml110-g4, 1 x ibm-x3250-x3470, 1 x dell-poweredge-r740');
    expect(physical.description).toContain('1 of 4 workloads was not placed (1 larger-than-any-host-cpu)');
    // The ML110 G4 has no costUsd, so the fleet's cost is unknown rather than understated.
    expect(physical.costUsd).toBeNull();
  });

  it('integrates the energy of physical by hand, idle servers staying on', () => {
    // G4 at 930 / 3 720 = 25%: between 92.6 W (20%) and 96 W (30%) => 94.3 W x 1 h = 94.3 Wh
    // x3250 at 5 866 / 11 732 = 50% => 73 W x 0.5 h = 36.5 Wh, then idle 41.6 W x 0.5 h = 20.8 Wh
    // R740 at 14 000 / 140 000 = 10% => 129 W x 1 h = 129 Wh
    // total 94.3 + 36.5 + 20.8 + 129 = 280.6 Wh = 0.2806 kWh
    expect(byId.physical!.energyKWh).toBeCloseTo(0.2806, 9);
    // demand 930 x 1 + 5 866 x 0.5 + 1 000 x 1 + 14 000 x 1 = 18 863 MHz-h; C's 1 000 MHz-h is unmet
    expect(byId.physical!.demandMHzHours).toBeCloseTo(18863, 6);
    expect(byId.physical!.unmetMHzHours).toBeCloseTo(1000, 6);
    expect(byId.physical!.unmetFraction).toBeCloseTo(1000 / 18863, 12);
    // running VM-hours 1 + 0.5 + 1 = 2.5 over 3 server-hours
    expect(byId.physical!.consolidationRatio).toBeCloseTo(2.5 / 3, 12);
  });

  it('needs 2 R740s for virtual: memory, not CPU, opens the second host', () => {
    // kvm + full-os: 712 MiB per VM. Best fit in trace order: A, B, C on host 1
    // (2 760 + 8 904 + 1 736 = 13 400 MiB; CPU 178 660 <= 140 000 / 1.05 x 2 = 266 667 MHz);
    // E needs 190 712 MiB > 196 608 - 13 400 => host 2.
    const virtual = byId.virtual!;
    expect(virtual.serversNeeded).toBe(2);
    expect(virtual.unmetMHzHours).toBeCloseTo(0, 9);
    // running VM-hours 1 + 0.5 + 1 + 1 = 3.5 over 2 host-hours
    expect(virtual.consolidationRatio).toBeCloseTo(1.75, 12);
    expect(virtual.costUsd).toBe(30000);
  });

  it('needs 1 host for elastic (placed on reservations) and 2 for containers', () => {
    // elastic reserves 50% of memory: 1 024 + 4 096 + 512 + 95 000 + 4 x 712 = 103 480 <= 196 608
    expect(byId.elastic!.serversNeeded).toBe(1);
    expect(byId.elastic!.costUsd).toBe(15000);
    // containers: 8 MiB each; 2 056 + 8 200 + 1 032 = 11 288, and E's 190 008 no longer fits
    expect(byId.containers!.serversNeeded).toBe(2);
  });

  it('runs only the scenarios asked for, in the spec order', () => {
    const some = compareOf(['containers', 'physical']);
    expect(Object.keys(some)).toEqual(['physical', 'containers']);
    expect(some.containers!.serversNeeded).toBe(2);
  });

  it('by default runs physical on the pools\' host model, so a saving is not a hardware refresh', () => {
    // A, B and E each fit an R740 (140 000 MHz, 192 GiB); C (166 400 MHz) fits none => 3 R740s,
    // 3 x $15,000 = $45,000 (with smallest-fit the 2007 ML110 G4 has no price: n/a).
    const same = compareOf(['physical', 'virtual'], {});
    expect(same.physical!.serversNeeded).toBe(3);
    expect(same.physical!.description).toContain('3 x dell-poweredge-r740');
    expect(same.physical!.costUsd).toBe(45_000);
    const other = compareOf(['physical'], { physicalModel: 'generic-2s-64c' });
    expect(other.physical!.description).toContain('x generic-2s-64c');
  });

  it('prices energy at a PUE and a price per kWh: defaults 1.58 and $0.12, or as given', () => {
    const v = byId.virtual!;
    expect(v.energyCostUsd).toBeCloseTo(v.energyKWh * 1.58 * 0.12, 12);
    const priced = compareOf(['virtual'], { physicalModel: 'smallest-fit', pue: 1.2, energyPriceUsdPerKWh: 0.3 });
    expect(priced.virtual!.energyCostUsd).toBeCloseTo(v.energyKWh * 1.2 * 0.3, 12);
  });
});

describe('servers needed: the most hosts on for at least a share of the time', () => {
  // 100 intervals of 300 s: 3 hosts on in 99 of them, a spike of 19 in one.
  const activeHosts = Float64Array.from({ length: 100 }, (_, i) => (i === 40 ? 19 : 3));
  const run = {
    summary: { simulatedSeconds: 30_000 },
    timeseries: { intervalSeconds: 300, startSeconds: Float64Array.from({ length: 100 }, (_, i) => i * 300), activeHosts },
  } as unknown as RunResult;

  it('a spike in 1% of the time does not buy 16 servers at 99%; it does at 100% (the peak)', () => {
    expect(hostsOnForShare(run, 0.99)).toBe(3);
    expect(hostsOnForShare(run, 0.995)).toBe(19);
    expect(hostsOnForShare(run, 1)).toBe(19);
  });

  it('rounds an interval mean up to whole hosts', () => {
    const half = { ...run, timeseries: { ...run.timeseries, activeHosts: activeHosts.map((h) => h - 0.5) } } as unknown as RunResult;
    expect(hostsOnForShare(half, 0.99)).toBe(3);
  });
});
