import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadComparePlan } from '../../src/compare/compare-plan.js';
import { runCompare } from '../../src/compare/run-compare.js';
import { loadCatalog } from '../../src/model/catalog.js';
import { operationsLines, operationsSections } from '../../src/report/compare-operations.js';
import { tinyWorkload } from '../helpers/tiny-world.js';

/**
 * Two workloads of 2 000 MHz and 2 048 MiB, each wanting 1 000 MHz for one hour, on R740s
 * (120 s boot). One host fails at 600 s for the rest of the hour; HA notices after 60 s.
 */
const workload = tinyWorkload([
  { id: 'a', cores: 1, cpuCapacityMhz: 2000, memoryMiB: 2048, samples: [[0, 1000]], endSeconds: 3600 },
  { id: 'b', cores: 1, cpuCapacityMhz: 2000, memoryMiB: 2048, samples: [[0, 1000]], endSeconds: 3600 },
]);
const dir = mkdtempSync(join(tmpdir(), 'rackplan-blast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function compareWith(name: string, failedHost: string, spec: Record<string, unknown>) {
  writeFileSync(join(dir, `${name}.csv`), `host_or_domain,start,end\n${failedHost},600,3600\n`);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, trace: { path: 'tiny.csv' }, failures: { trace: `${name}.csv` }, ha: { detectionSeconds: 60 }, ...spec }));
  const catalog = loadCatalog();
  return runCompare(loadComparePlan(file, {}, catalog), workload, catalog);
}

describe('blast radius: restart times from each scenario guest model', () => {
  it('physical: one workload down from 600 s to 660 s + 1 800 s of reprovisioning', () => {
    // a's own server fails; after 60 s detection a is put on b's server (room to spare) and
    // comes back after the 1 800 s reprovisioning: down 600..2 460 s = 1 860 s.
    // Lost = 1 000 MHz x 1 860 s = 516.667 MHz-h; availability = 1 - 1 860 / (2 x 3 600).
    const compare = compareWith('physical', 'dell-poweredge-r740-0001', { physicalReprovisionSeconds: 1800, scenarios: [{ id: 'physical', family: 'physical' }] });
    const b = compare.scenarios[0]!.blastRadius!;
    expect(b.restartSeconds).toBe(1800);
    expect(b.restartSource).toBe('physical reprovisioning (an assumption)');
    expect(b).toMatchObject({ hostFailures: 1, failuresWithWorkloads: 1, workloadsPerFailure: 1, vmRestarts: 1, vmsFailed: 0 });
    expect(b.lostMHzHours).toBeCloseTo((1000 * 1860) / 3600, 9);
    expect(b.availability).toBeCloseTo(1 - 1860 / 7200, 12);
    expect(compare.inputs.failures).toEqual({ detectionSeconds: 60, restartLimit: 3, physicalReprovisionSeconds: 1800 });
  });

  it('virtual: both VMs on the failed host, back after 60 s + 30 s (full-os boot), served once the new host has booted', () => {
    // Best fit puts a and b on rack-0001. At 660 s both restart on rack-0002, which is off and
    // boots for 120 s (ready at 780 s); the guests boot 30 s (full-os): down 600..690 s each.
    // Lost = 2 x 1 000 MHz x 90 s = 50 MHz-h; availability = 1 - 180 / 7 200. From 690 to 780 s
    // the VMs run on a host still booting: 2 x 1 000 MHz x 90 s more unmet, as contention.
    const compare = compareWith('virtual', 'rack-0001', { scenarios: [{ id: 'virtual', family: 'virtual' }] });
    const s = compare.scenarios[0]!;
    const b = s.blastRadius!;
    expect(b.restartSeconds).toBe(30);
    expect(b.restartSource).toBe('guest model full-os');
    expect(b).toMatchObject({ failuresWithWorkloads: 1, workloadsPerFailure: 2, vmRestarts: 2 });
    expect(b.lostMHzHours).toBeCloseTo(50, 9);
    expect(b.availability).toBeCloseTo(1 - 180 / 7200, 12);
    expect(s.unmetMHzHours).toBeCloseTo(100, 9);
    expect(s.unmetCauses.contentionMHzHours).toBeCloseTo(50, 9);
  });

  it('containers restart in their guest model boot time: 1 s', () => {
    // down 600..661 s each: lost = 2 x 1 000 x 61 s.
    const compare = compareWith('containers', 'rack-0001', { scenarios: [{ id: 'containers', family: 'containers' }] });
    const b = compare.scenarios[0]!.blastRadius!;
    expect(b.restartSeconds).toBe(1);
    expect(b.lostMHzHours).toBeCloseTo((2 * 1000 * 61) / 3600, 9);
    const lines = operationsLines(compare).join('\n');
    expect(lines).toContain('1 of 1    failures hit workloads');
    expect(lines).toContain('WARNING: few failures hit hosts with workloads (containers 1)');
    expect(operationsSections(compare)).toContain('data-warning="few-failures"');
  });

  it('refuses bad failure files and a rollout boot time before anything runs', () => {
    const catalog = loadCatalog();
    const spec = join(dir, 'plain.json');
    writeFileSync(spec, JSON.stringify({ name: 'plain', trace: { path: 'tiny.csv' } }));
    expect(() => loadComparePlan(spec, { failures: join(dir, 'missing.csv') }, catalog)).toThrow(/missing\.csv: --failures: cannot read file/);
    const booted = join(dir, 'booted.json');
    writeFileSync(booted, JSON.stringify({ name: 'booted', trace: { path: 'tiny.csv' }, rollout: { mode: 'immutable', everyDays: 1, bootSeconds: 5 } }));
    expect(() => loadComparePlan(booted, {}, catalog)).toThrow(/rollout\.bootSeconds: not used by a comparison/);
  });

  it('a rollout in compare: pools boot their guest, physical patches in place', () => {
    const file = join(dir, 'rollout.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'rollout',
        trace: { path: 'tiny.csv' },
        rollout: { mode: 'immutable', atSeconds: [600], waveSize: 1, overlapSeconds: 60, patchSeconds: 60 },
        scenarios: [
          { id: 'physical', family: 'physical' },
          { id: 'virtual', family: 'virtual' },
          { id: 'containers', family: 'containers' },
        ],
      }),
    );
    const catalog = loadCatalog();
    const compare = runCompare(loadComparePlan(file, {}, catalog), workload, catalog);
    const [physical, virtual, containers] = compare.scenarios;
    // physical: 2 patches of 60 s at 1 000 MHz = 2 x 60 000 MHz-s.
    expect(physical!.rollout).toMatchObject({ mode: 'in-place', replaced: 2, peakSurgeHosts: 0 });
    expect(physical!.rollout!.lostMHzHours).toBeCloseTo(120_000 / 3600, 9);
    // virtual: both VMs share one R740 with room for their new instances: no surge, nothing lost.
    expect(virtual!.rollout).toMatchObject({ mode: 'immutable', bootSeconds: 30, replaced: 2, replacedInPlace: 0, peakSurgeHosts: 0, lostMHzHours: 0 });
    expect(containers!.rollout).toMatchObject({ mode: 'immutable', bootSeconds: 1 });
    expect(compare.scenarios.every((s) => s.blastRadius === undefined)).toBe(true);
  });
});
