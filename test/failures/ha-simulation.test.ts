import { describe, expect, it } from 'vitest';
import type { Outage } from '../../src/failures/failure-schedule.js';
import type { RunInputs, RunResult } from '../../src/metrics/run-result.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import type { Datacenter } from '../../src/model/datacenter.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate, type SimulationSettings } from '../../src/simulation/simulate.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';

const model = hostModel('h', 1, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });

function run(workload: Workload, dc: Datacenter, failures: Outage[], extra: Partial<SimulationSettings> = {}): RunResult {
  return summarizeRun(
    simulate(workload, dc, {
      rules: sharingRules(workload, 'fixed', DEFAULT_ELASTIC),
      policy: placementPolicy('first-fit'),
      failures,
      ha: { detectionMs: 60_000, bootMs: 30_000, restartLimit: 3 },
      initialBatchMs: 300_000,
      reportIntervalMs: 300_000,
      ...extra,
    }),
    {} as RunInputs,
  );
}

const outage = (hosts: number[], startS: number, endS: number): Outage => ({ hostIndices: hosts, startMs: startS * 1000, endMs: endS * 1000, cause: 'trace', source: 'test' });

describe('host failures and HA restarts', () => {
  it('2 hosts, 1 failure: availability, downtime and lost work by hand', () => {
    // VM (600 of 1000 MHz) on host 0 from 0 to 3600 s; host 0 down 1000..2000 s.
    // Detected after 60 s, restarted on host 1 at 1060 s, booted at 1090 s: down 90 s of 3600.
    // availability = 1 - 90/3600 = 0.975; lost = 600 MHz x 90 s = 15 MHz-h; restarts 1, failures 1.
    const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 600]], endSeconds: 3600 }]);
    const dc = tinyDatacenter(model, 2);
    const result = run(workload, dc, [outage([0], 1000, 2000)]);
    const s = result.summary;
    expect(s.availability).toBeCloseTo(0.975, 12);
    expect(s.vmDowntimeHours).toBeCloseTo(90 / 3600, 12);
    expect(s.lostMHzHours).toBeCloseTo((600 * 90) / 3600, 9);
    expect(s.cpu.unmetMHzHours).toBeCloseTo(s.lostMHzHours, 9);
    expect([s.hostFailures, s.vmRestarts, s.vmsFailed]).toEqual([1, 1, 0]);
    expect(result.vms[0]).toMatchObject({ hostId: dc.hostIds[1], restarts: 1 });
    expect(result.outages).toEqual([{ hostId: dc.hostIds[0], cause: 'trace', startSeconds: 1000, endSeconds: 2000 }]);
    // Energy: host 1 idle (100 W) all along; host 0 at 160 W for 1000 s, 0 W while down, idle 100 W from 2000 s;
    // host 1 booting VM 1060..1090 at idle 100 W, then 160 W to 3600 s.
    const joules = 1000 * 160 + 1600 * 100 + 1090 * 100 + (3600 - 1090) * 160;
    expect(s.energyKWh * 3.6e6).toBeCloseTo(joules, 4);
    expect(s.cpu.demandMHzHours).toBeCloseTo(s.cpu.servedMHzHours + s.cpu.unmetMHzHours, 9);
  });

  it('restarts waiting VMs first come, first served when capacity returns', () => {
    // 3 hosts, each fits one VM (600 of 1000 MHz reserved, no overcommit); a on host 0, b on 1, c on 2.
    // Host 1 fails at 100 s, host 0 at 150 s, both for good. b asks to restart at 160 s, a at 210 s: no room.
    // c leaves at 500 s: b (queued first) restarts, booted 530 s. b leaves at 800 s: a restarts, booted 830 s.
    const workload = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 1200 },
      { id: 'b', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 800 },
      { id: 'c', cpuCapacityMhz: 600, samples: [[0, 300]], endSeconds: 500 },
    ]);
    const dc = tinyDatacenter(model, 3);
    const result = run(workload, dc, [outage([1], 100, 5000), outage([0], 150, 5000)]);
    const [a, b] = result.vms;
    expect(b!.downtimeHours * 3600).toBeCloseTo(530 - 100, 6);
    expect(a!.downtimeHours * 3600).toBeCloseTo(830 - 150, 6);
    expect([a!.hostId, b!.hostId]).toEqual([dc.hostIds[2], dc.hostIds[2]]);
    expect(result.summary.vmRestarts).toBe(2);
    // The waiting series saw two VMs waiting from 210 s to 500 s.
    expect(result.timeseries.vmsWaiting[0]).toBeCloseTo(((210 - 160) * 1 + (300 - 210) * 2) / 300, 9);
  });

  it('reports a VM as failed after its restart limit', () => {
    // Restart limit 1: the VM's host fails at 100 s, it restarts on host 1 (booted 190 s); host 1 fails at 400 s => failed.
    const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 1000 }]);
    const result = run(workload, tinyDatacenter(model, 3), [outage([0], 100, 5000), outage([1], 400, 5000)], { ha: { restartLimit: 1 } });
    expect(result.summary.vmsFailed).toBe(1);
    expect(result.vms[0]).toMatchObject({ status: 'failed', reason: 'restart-limit', restarts: 1 });
    // Down 100..190 and 400..1000: availability = 1 - 690/1000.
    expect(result.summary.availability).toBeCloseTo(1 - 690 / 1000, 12);
  });
});

describe('rolling maintenance', () => {
  it('drains each host by live migration, upgrades it and never strands a VM', () => {
    // 4 hosts, 3 VMs of 300 MHz spread by worst fit; batches of 1, 600 s upgrades, from t = 600 s.
    const workload = tinyWorkload([
      { id: 'a', cpuCapacityMhz: 400, memoryMiB: 1024, samples: [[0, 300]], endSeconds: 6 * 3600 },
      { id: 'b', cpuCapacityMhz: 400, memoryMiB: 1024, samples: [[0, 300]], endSeconds: 6 * 3600 },
      { id: 'c', cpuCapacityMhz: 400, memoryMiB: 1024, samples: [[0, 300]], endSeconds: 6 * 3600 },
    ]);
    const dc = tinyDatacenter(model, 4);
    const result = run(workload, dc, [], {
      policy: placementPolicy('worst-fit'),
      maintenance: { startMs: 600_000, batchSize: 1, upgradeMs: 600_000, checkIntervalMs: 60_000 },
    });
    const s = result.summary;
    expect(s.maintenance.hostsUpgraded).toBe(4);
    expect(s.maintenance.migrations).toBeGreaterThanOrEqual(3);
    expect(s.vmDowntimeHours).toBe(0);
    expect(s.vms.unplaced).toBe(0);
    expect(result.outages.filter((o) => o.cause === 'maintenance').map((o) => o.hostId)).toEqual(dc.hostIds);
    // Only migration degradation costs anything: 10% of 300 MHz while each VM copies its 1024 MiB.
    expect(s.cpu.unmetMHzHours).toBeGreaterThan(0);
    expect(s.cpu.unmetMHzHours).toBeLessThan(s.maintenance.migrations * 30 * (20 / 3600) + 1e-9);
    // Upgrades never overlap: batches of one.
    const windows = result.outages.map((o) => [o.startSeconds, o.endSeconds]).sort((x, y) => x[0]! - y[0]!);
    for (let i = 1; i < windows.length; i++) expect(windows[i]![0]!).toBeGreaterThanOrEqual(windows[i - 1]![1]!);
  });
});

describe('seeded failure models, end to end', () => {
  it('are reproducible per seed, differ across seeds, and conserve demand', async () => {
    const { loadScenario } = await import('../../src/scenario/load-scenario.js');
    const { runScenario } = await import('../../src/scenario/run-scenario.js');
    const file = new URL('../../models/scenarios/default-failures.json', import.meta.url).pathname;
    const [a, b, c] = await Promise.all([1, 1, 2].map((seed) => runScenario(loadScenario(file, { seed }), { cacheDir: null })));
    expect(JSON.stringify(b!.summary)).toBe(JSON.stringify(a!.summary));
    expect(JSON.stringify(c!.outages)).not.toBe(JSON.stringify(a!.outages));
    for (const r of [a!, c!]) {
      const s = r.summary;
      expect(s.cpu.demandMHzHours).toBeCloseTo(s.cpu.servedMHzHours + s.cpu.unmetMHzHours, 6);
      expect(s.lostMHzHours).toBeLessThanOrEqual(s.cpu.unmetMHzHours + 1e-6);
      expect(s.maintenance.hostsUpgraded).toBe(12);
      expect(r.outages.filter((o) => o.cause === 'host').length).toBe(s.hostFailures);
    }
    expect(c!.summary.vmRestarts).toBeGreaterThan(0);
    expect(c!.summary.availability).toBeLessThan(1);
    expect(c!.inputs.files.map((f) => f.role)).toContain('failure-model');
  });
});
