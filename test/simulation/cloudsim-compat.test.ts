import { describe, expect, it } from 'vitest';
import { gbpsToMiBps } from '../../src/migration/migration-time.js';
import { CloudsimPlanner } from '../../src/migration/cloudsim/cloudsim-planner.js';
import { ALL_CLOUDSIM_SWITCHES_ON, type CloudsimSwitches } from '../../src/model/cloudsim-compat.js';
import type { Datacenter } from '../../src/model/datacenter.js';
import { cloudsimInitialHosts } from '../../src/placement/cloudsim-initial-placement.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { DEFAULT_ELASTIC, sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate, type SimulationSettings } from '../../src/simulation/simulate.js';
import type { CompatOptions } from '../../src/simulation/simulation-options.js';
import type { Workload } from '../../src/traces/workload.js';
import { hostModel, tinyDatacenter, tinyWorkload } from '../helpers/tiny-world.js';

/** 2 cores x 1000 MIPS, 100 W idle to 200 W at full load: P(u) = 100 + 100 u. */
const host = hostModel('h', 2, 1000, 4096, { kind: 'linear', idleW: 100, maxW: 200 });

function run(workload: Workload, dc: Datacenter, durationSeconds: number, off: Partial<CloudsimSwitches> | null, planner = false) {
  const switches = { ...ALL_CLOUDSIM_SWITCHES_ON, ...off };
  const compat: CompatOptions = {
    mode: 'cloudsim-3.0.3',
    switches,
    intervalMs: 300_000,
    offsetMs: 100,
    planner: planner ? new CloudsimPlanner({ ...switches, name: 'thr', safety: 0.8, fallbackThreshold: 0.7, selection: 'mmt' }) : null,
    historyLength: 30,
    initialPlacement: planner ? 'power-aware' : 'first-fit',
  };
  const settings: SimulationSettings = {
    rules: sharingRules(workload, 'elastic', { ...DEFAULT_ELASTIC, minFraction: 0, memoryMinFraction: 0 }),
    policy: placementPolicy('first-fit'),
    power: { switchOffIdle: false, zeroUtilizationIsOff: true },
    initialBatchMs: 300_000,
    reportIntervalMs: 300_000,
    durationMs: durationSeconds * 1000,
    ...(off === null ? {} : { compat }),
  };
  return simulate(workload, dc, settings);
}

describe('CloudSim compatibility: VMs that vanish (switch vanishingVms)', () => {
  // a: 300, 0, 0, 200 MIPS at 0, 300, 600, 900 s. Read 0.1 s into the interval at 300 s:
  // 0 + (0 - 0) x 0.1 / 300 = 0 exactly, so CloudSim destroys it there. At 0 s it reads 299.9.
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 1000, samples: [[0, 300], [300, 0], [600, 0], [900, 200]], endSeconds: 1200 },
    { id: 'b', cpuCapacityMhz: 1000, samples: [[0, 500]], endSeconds: 1200 },
  ]);
  const stayOfA = (record: ReturnType<typeof run>) => record.assignments.find((stay) => stay.vm === 0)!.toMs;

  it('destroys a VM requesting exactly 0 MIPS, only in compatibility mode', () => {
    expect(stayOfA(run(workload, tinyDatacenter(host, 1), 1200, {}))).toBe(300_000);
    expect(stayOfA(run(workload, tinyDatacenter(host, 1), 1200, { vanishingVms: false }))).toBe(1_200_000);
    expect(stayOfA(run(workload, tinyDatacenter(host, 1), 1200, null))).toBe(1_200_000);
  });
});

describe('CloudSim compatibility: energy (switch trapezoidEnergy)', () => {
  // One VM at 500, 500, 1000, 1000, 1000 MIPS (samples read as they are) on a 2000-MIPS host.
  // CloudSim processes at 300.1, 600.1, 900.1 s: utilization 0.25, 0.5, 0.5 (125, 150, 150 W).
  // [0, 300.1]: previous utilization 0 => 0 W. Trapezoids: (125 + 150) / 2 x 300 + 150 x 300 = 86 250 J.
  // Switch off, each step at the power of its start: 125 x 300 + 150 x 300 = 82 500 J.
  const workload = tinyWorkload([{ id: 'vm', cpuCapacityMhz: 1000, samples: [[0, 500], [300, 500], [600, 1000], [900, 1000], [1200, 1000]], endSeconds: 1500 }]);
  const energyJ = (off: Partial<CloudsimSwitches>) => run(workload, tinyDatacenter(host, 1), 1200, { vanishingVms: false, ...off }).meter.powerInt / 1000;

  it('integrates trapezoids between processings, from 0 W after a step at 0%', () => {
    expect(energyJ({})).toBeCloseTo(86_250, 6);
    expect(energyJ({ trapezoidEnergy: false })).toBeCloseTo(82_500, 6);
  });
});

describe('CloudSim compatibility: migrations (switch migrationAccounting)', () => {
  // Two hosts, one VM each at 400 of 1000 MIPS (utilization 0.2), 870 MB of RAM. At 300.1 s the
  // underload pass moves host 0's VM to host 1 (0.4 after, under 0.8). CloudSim: counted at once,
  // 870 MB / (125 MB/s / 2) = 13.92 s. Host 0 is then idle: its state history goes from active
  // (300.1 s) to inactive (after the move at 314.02 s): one shutdown.
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 1000, memoryMiB: 870, samples: [[0, 400]], endSeconds: 900 },
    { id: 'b', cpuCapacityMhz: 1000, memoryMiB: 870, samples: [[0, 400]], endSeconds: 900 },
  ]);

  it('lasts RAM / 62.5 s and is counted when it starts', () => {
    const record = run(workload, tinyDatacenter(host, 2), 900, {}, true);
    expect(record.migrationLog.map((m) => [m.vm, m.from, m.to, m.startMs, m.endMs])).toEqual([[0, 0, 1, 300_100, 314_020]]);
    expect(record.meter.migrations).toBe(1);
    expect(record.meter.hostShutdowns).toBe(1);
  });

  it('with the switch off, takes rackplan own copy time over the MiB/s link', () => {
    const record = run(workload, tinyDatacenter(host, 2), 900, { migrationAccounting: false }, true);
    const m = record.migrationLog[0]!;
    expect(m.endMs - m.startMs).toBe(Math.ceil((870 / (gbpsToMiBps(1) / 2)) * 1000));
    expect(record.meter.migrations).toBe(1);
  });

  it('counts a migration still copying at the end only when it starts', () => {
    // Ends at 314.02 s, after a 310 s run: CloudSim has counted it, rackplan has not.
    expect(run(workload, tinyDatacenter(host, 2), 310, {}, true).meter.migrations).toBe(1);
    expect(run(workload, tinyDatacenter(host, 2), 310, { migrationAccounting: false }, true).meter.migrations).toBe(0);
  });
});

describe('CloudSim compatibility: initial placement (switches initialPlacement, coreCap)', () => {
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 500, samples: [[0, 100]], endSeconds: 300 },
    { id: 'b', cpuCapacityMhz: 500, samples: [[0, 100]], endSeconds: 300 },
    { id: 'big', cpuCapacityMhz: 1500, samples: [[0, 100]], endSeconds: 300 },
  ]);
  const dc = tinyDatacenter(host, 2);

  it('spreads VMs over empty hosts for the migration policies, first fit for dvfs', () => {
    // Each VM at full MIPS; an empty host raises power least: a -> 0, b -> 1.
    expect(Array.from(cloudsimInitialHosts(dc, workload, 'power-aware', false))).toEqual([0, 1, 0]);
    expect(Array.from(cloudsimInitialHosts(dc, workload, 'first-fit', false))).toEqual([0, 0, 1]);
  });

  it('refuses a VM larger than one core (1500 > 1000 MIPS) with coreCap on', () => {
    expect(cloudsimInitialHosts(dc, workload, 'first-fit', true)[2]).toBe(-1);
  });
});

describe('CloudSim compatibility: SLA metrics (switches destinationSlatah, pooledPdm)', () => {
  // a (400 MIPS) on host 0, b (200) on host 1; at 300.1 s the underload pass moves b to host 0
  // for 13.92 s. During the copy host 0 requests 400 + 200 and is allocated 400 + 20: it violates.
  // Active host time: both hosts for 13.92 s, then host 0 alone until 600.1 s (286.08 s); the
  // last entry (600.1 s) is never closed. SLATAH = 13.92 / 313.92.
  // PDM: b gets 180 of 200 for 13.92 s = 278.4 MIPS s under-allocated; requested over
  // [300.1, 600.1]: 400 x 300 + 200 x 300 = 180 000 MIPS s. Pooled: 278.4 / 180 000;
  // rackplan's mean over VMs: (278.4 / 60 000 + 0) / 2.
  const workload = tinyWorkload([
    { id: 'a', cpuCapacityMhz: 1000, memoryMiB: 870, samples: [[0, 400]], endSeconds: 900 },
    { id: 'b', cpuCapacityMhz: 1000, memoryMiB: 870, samples: [[0, 200]], endSeconds: 900 },
  ]);
  const sla = (off: Partial<CloudsimSwitches>) => run(workload, tinyDatacenter(host, 2), 900, off, true).meter.cloudsimSla!;

  it('counts the destination as violating for the whole copy, and pools PDM', () => {
    expect(sla({}).slatah).toBeCloseTo(13.92 / 313.92, 12);
    expect(sla({}).pdm).toBeCloseTo(278.4 / 180_000, 12);
  });

  it('with the switches off, the destination does not violate and PDM is a mean over VMs', () => {
    expect(sla({ destinationSlatah: false }).slatah).toBe(0);
    expect(sla({ pooledPdm: false }).pdm).toBeCloseTo((278.4 / 60_000 + 0) / 2, 12);
  });
});
