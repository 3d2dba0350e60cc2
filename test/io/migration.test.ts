import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import { ConsolidationPlanner } from '../../src/migration/consolidation-planner.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import { vmSelector } from '../../src/migration/selector-registry.js';
import { placementPolicy } from '../../src/placement/registry.js';
import { sharingRules } from '../../src/simulation/sharing-rules.js';
import { simulate } from '../../src/simulation/simulate.js';
import { tinyDatacenter } from '../helpers/tiny-world.js';
import { accounted, ioHostModel, ioWorkload } from './helpers/io-world.js';

const byUse = { minFraction: 0, maxFraction: 1, burstWeight: 'size' as const, memoryMinFraction: 1, memoryMaxFraction: 1 };

describe('live migrations use both hosts\' network', () => {
  it('a hand-computed migration squeezes the traffic of a VM left on the source', () => {
    // As test/migration's hand-computed case: 2 hosts of 1000 MHz, 4096 MiB, NIC 1 Gbit/s;
    // a (400 MHz, 2048 MiB) and b (300 MHz, 1024 MiB) start on host 0; at 300 s host 0 is above
    // thr 0.6 and b moves to host 1: 1024 MiB over 119.209/2 MiB/s = 17.18 s.
    // The copy: 1024 MiB = 1073.741824 MB over 17.18 s => r = 62.4995 MB/s on both NICs.
    // a receives 100 MB/s on host 0 (NIC 125 MB/s): 100 + r > 125; the fair share is 62.5 each,
    // the copy needs r < 62.5 and gets it, a gets 125 - r. a's unmet: (100 - (125 - r)) x 17.18
    // = 1073.741824 - 25 x 17.18 = 644.241824 MB. Host 1 has only the copy: all served.
    const workload = ioWorkload([
      { id: 'a', cpuCapacityMhz: 1000, memoryMiB: 2048, samples: [[0, 400, 0, 0, 100_000, 0]], endSeconds: 900 },
      { id: 'b', cpuCapacityMhz: 1000, memoryMiB: 1024, samples: [[0, 300, 0, 0, 0, 0]], endSeconds: 900 },
    ]);
    const dc = tinyDatacenter(ioHostModel('h', 1, 1000, 4096, 1000, 1), 2);
    const planner = new ConsolidationPlanner(overloadDetector('thr'), vmSelector('mmt'), { detectorSafety: 0.6, fallbackThreshold: 0.7, underload: false }, new RandomStream(1).fork('vm-selection'));
    const record = simulate(workload, dc, {
      rules: sharingRules(workload, 'elastic', byUse),
      policy: placementPolicy('first-fit'),
      power: { switchOffIdle: true },
      consolidation: { intervalMs: 300_000, planner, historyLength: 30 },
      initialBatchMs: 300_000,
      reportIntervalMs: 300_000,
    });
    expect(record.migrationLog).toHaveLength(1);
    const m = record.migrationLog[0]!;
    expect([m.from, m.to, m.startMs, m.endMs, m.transferredMiB]).toEqual([0, 1, 300_000, 317_180, 1024]);

    const { io, result } = accounted(workload, dc, record);
    const copyMB = 1024 * 1.048576;
    const n = io.network;
    // MB/s x ms: 1000 per MB.
    expect(n.hostMigrationDemandInt[0]! / 1000).toBeCloseTo(copyMB, 9);
    expect(n.hostMigrationDemandInt[1]! / 1000).toBeCloseTo(copyMB, 9);
    expect(n.hostMigrationServedInt[0]! / 1000).toBeCloseTo(copyMB, 9);
    expect(n.hostMigrationServedInt[1]! / 1000).toBeCloseTo(copyMB, 9);
    const aUnmetMB = (n.vmDemandInt[0]! - n.vmServedInt[0]!) / 1000;
    expect(aUnmetMB).toBeCloseTo(copyMB - 25 * 17.18, 6);
    // Disk is untouched by migrations.
    expect(io.disk.hostMigrationDemandInt[0]).toBe(0);
    // Summary: the copy counts on both NICs: 2 x 1073.741824 MB x 8 / 1000 Gbit, in Gbit/s-h.
    const s = result.summary.network!;
    expect(s.migrationDemandGbpsHours).toBeCloseTo((2 * copyMB * 8) / 1000 / 3600, 9);
    expect(s.demandGbpsHours).toBeCloseTo(((100 * 900 + 2 * copyMB) * 8) / 1000 / 3600, 9);
    expect(result.io!.hosts[1]!.migrationDemandGbpsHours).toBeCloseTo((copyMB * 8) / 1000 / 3600, 9);
    // The interval holding the copy shows it: (2 x copy) / 300 s, in Gbit/s.
    expect(result.io!.timeseries.migrationGbps[1]).toBeCloseTo((2 * copyMB * 8) / 1000 / 300, 9);
    expect(result.io!.timeseries.migrationGbps[0]).toBe(0);
  });
});
