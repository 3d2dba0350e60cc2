import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { ConsolidationPlanner } from '../../src/migration/consolidation-planner.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import type { OverloadDetector } from '../../src/migration/overload-detector.js';
import { vmSelector } from '../../src/migration/selector-registry.js';
import type { RunInputs, RunResult } from '../../src/metrics/run-result.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import { loadCatalog } from '../../src/model/catalog.js';
import { buildDatacenter, uniformTopology } from '../../src/model/datacenter.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { synthesizeWorkload } from '../../src/traces/synthetic-workload.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';
import type { Workload } from '../../src/traces/workload.js';
import type { Datacenter } from '../../src/model/datacenter.js';

const byUse = { minFraction: 0, maxFraction: 1, burstWeight: 'size' as const, memoryMinFraction: 1, memoryMaxFraction: 1 };

function consolidated(workload: Workload, dc: Datacenter, detector: string | OverloadDetector, safety: number, selection: string, seed = 1, underload = true, placement = 'first-fit'): RunResult {
  const planner = new ConsolidationPlanner(typeof detector === 'string' ? overloadDetector(detector) : detector, vmSelector(selection), { detectorSafety: safety, fallbackThreshold: 0.7, underload }, new RandomStream(seed).fork('vm-selection'));
  const record = simulate(workload, dc, {
    rules: sharingRules(workload, 'elastic', byUse),
    policy: placementPolicy(placement),
    power: { switchOffIdle: true },
    consolidation: { intervalMs: 300_000, planner, historyLength: 30 },
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
  });
  return summarizeRun(record, {} as RunInputs);
}

describe('a hand-computed migration', () => {
  it('moves the smaller VM off an overloaded host, with exact duration, degradation and energy', () => {
    // 2 hosts 1000 MHz, 4096 MiB, 1 Gbit/s, linear 100..200 W; idle hosts off. Both VMs land on host 0
    // (first fit; CPU is not reserved): a wants 400 MHz (2048 MiB), b 300 MHz (1024 MiB) for 900 s.
    // t = 300: host 0 at 0.7 > thr 0.6 => overloaded; mmt picks b (less memory); host 0 left at 0.4.
    // b goes to host 1 (off, no boot delay). Duration = 1024 MiB / (119.209/2 MiB/s) = 17.18 s.
    // While migrating b keeps 90%: 270 MHz; host 0 at 0.67 => 167 W, host 1 on and empty => 100 W.
    // Energy: 300 s x 170 W + 17.18 s x 267 W + 582.82 s x (140 + 130) W = 212 948.46 J.
    const workload = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 1000, memoryMiB: 2048, samples: [[0, 400]], endSeconds: 900 },
      { id: 'b', cpuCapacityMhz: 1000, memoryMiB: 1024, samples: [[0, 300]], endSeconds: 900 },
    ]);
    const dc = tinyDatacenter(hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 }), 2);
    const result = consolidated(workload, dc, 'thr', 0.6, 'mmt', 1, false);
    const s = result.summary;
    expect(s.migrations).toBe(1);
    expect(result.vms.map((v) => v.hostId)).toEqual([dc.hostIds[0], dc.hostIds[1]]);
    expect(s.energyKWh * 3.6e6).toBeCloseTo(300 * 170 + 17.18 * 267 + (900 - 317.18) * 270, 4);
    // b loses 30 MHz for 17.18 s: PDM = mean over VMs of lost / demand = (30 x 17.18 / (300 x 900) + 0) / 2
    expect(s.sla.pdm).toBeCloseTo((30 * 17.18) / (300 * 900) / 2, 12);
    expect(s.cpu.unmetMHzHours * 3600).toBeCloseTo(30 * 17.18, 6);
    expect(s.hostShutdowns).toBe(0);
  });
});

describe('consolidation on a contended synthetic workload', () => {
  const workload = synthesizeWorkload({ vms: 120, days: 1, seed: 5 });
  const dc = buildDatacenter(uniformTopology('generic-2s-64c', 30, 'cloudsim-classic'), loadCatalog(), 'test');

  it.each([
    ['lr', 1.2],
    ['lrr', 1.2],
    ['thr', 0.8],
  ])('%s plans the same when the planner sums the whole host history, not only its window', (name, safety) => {
    const windowed = overloadDetector(name as string);
    expect(windowed.window).toBeGreaterThan(0);
    const { window: _window, ...whole } = windowed;
    // Few hosts for the VMs, so that hosts are overloaded and relieved, not only emptied.
    const tight = tinyDatacenter(hostModel('small', 16, 2000, 262144, { kind: 'linear', idleW: 100, maxW: 200 }), 10);
    const a = consolidated(workload, tight, windowed, safety as number, 'mmt', 1, true, 'worst-fit');
    const b = consolidated(workload, tight, whole, safety as number, 'mmt', 1, true, 'worst-fit');
    expect(a.summary.migrations).toBeGreaterThan(0);
    expect(a).toStrictEqual(b);
  });

  it.each([
    ['lr', 1.2, 'mmt'],
    ['iqr', 1.5, 'mc'],
    ['mad', 2.5, 'mu'],
    ['lrr', 1.2, 'rs'],
  ])('%s-%s-%s conserves demand and energy with migrations in flight', (detector, safety, selection) => {
    const result = consolidated(workload, dc, detector as string, safety as number, selection as string, 1, true, 'worst-fit');
    const s = result.summary;
    expect(s.migrations).toBeGreaterThan(0);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
    // A migrating VM is served on its source only: host totals, VM totals and the cluster agree.
    close(sum(result.hosts.map((h) => h.servedMHzHours)), s.cpu.servedMHzHours);
    close(sum(result.vms.map((v) => v.servedMHzHours)), s.cpu.servedMHzHours);
    close(sum(result.vms.map((v) => v.demandMHzHours)), s.cpu.demandMHzHours);
    close(sum(result.hosts.map((h) => h.energyKWh)), s.energyKWh);
    expect(s.vms.placed).toBe(120);
    for (const host of result.hosts) expect(host.utilizationPeak).toBeLessThanOrEqual(1 + 1e-12);
    expect(s.sla.slav).toBeCloseTo(s.sla.slatah * s.sla.pdm, 15);
  });

  it('is deterministic, seeded random selection included', () => {
    const a = consolidated(workload, dc, 'thr', 0.3, 'rs', 7, true, 'worst-fit');
    const b = consolidated(workload, dc, 'thr', 0.3, 'rs', 7, true, 'worst-fit');
    const c = consolidated(workload, dc, 'thr', 0.3, 'rs', 8, true, 'worst-fit');
    expect(a.summary.migrations).toBeGreaterThan(10);
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    expect(JSON.stringify(c.summary)).not.toBe(JSON.stringify(a.summary));
  });

  it('saves energy against leaving VMs where they were placed', () => {
    const staying = summarizeRun(
      simulate(workload, dc, { rules: sharingRules(workload, 'elastic', byUse), policy: placementPolicy('worst-fit'), power: { switchOffIdle: true }, initialBatchMs: 300_000, reportIntervalMs: 300_000 }),
      {} as RunInputs,
    );
    const moving = consolidated(workload, dc, 'lr', 1.2, 'mmt', 1, true, 'worst-fit');
    expect(moving.summary.energyKWh).toBeLessThan(staying.summary.energyKWh);
    expect(moving.summary.hosts.activeMean).toBeLessThan(staying.summary.hosts.activeMean);
  });
});
