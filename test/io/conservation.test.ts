import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream } from '../../src/engine/random.js';
import type { ResourceAccounting } from '../../src/simulation/io-replay/io-accounting.js';
import { ConsolidationPlanner } from '../../src/migration/consolidation-planner.js';
import { overloadDetector } from '../../src/migration/detector-registry.js';
import { vmSelector } from '../../src/migration/selector-registry.js';
import { IoConsumers } from '../../src/scheduling/io-consumers.js';
import { IoChangeList, type IoSampleTimes } from '../../src/scheduling/io-change-list.js';
import { IoHostSweep } from '../../src/scheduling/io-host-sweep.js';
import { ioRateColumns, rateMBps, type IoRateColumns } from '../../src/scheduling/io-rates.js';
import { ioSettingsFrom } from '../../src/scheduling/io-sharing.js';
import { shareCapacity } from '../../src/scheduling/share-capacity.js';
import { DISK } from '../../src/scheduling/io-capacity.js';
import type { Workload } from '../../src/traces/workload.js';
import { tinyDatacenter } from '../helpers/tiny-world.js';
import { accounted, ioHostModel, ioWorkload, run, type IoVm } from './helpers/io-world.js';

/** Random VMs on a 300 s grid: start slot, length in slots, per-slot I/O in KB/s. */
const vmArb = fc.record({
  startSlot: fc.integer({ min: 0, max: 6 }),
  slots: fc.array(fc.tuple(fc.nat(150_000), fc.nat(150_000), fc.nat(150_000), fc.nat(150_000), fc.integer({ min: 0, max: 900 })), { minLength: 1, maxLength: 8 }),
  mhz: fc.constantFrom(500, 1000, 2000),
  memoryMiB: fc.constantFrom(512, 1024, 2048),
});

function workloadOf(vms: (typeof vmArb extends fc.Arbitrary<infer T> ? T : never)[]): Workload {
  const list: IoVm[] = vms.map((v, i) => ({
    id: `vm-${i}`,
    cpuCapacityMhz: v.mhz,
    memoryMiB: v.memoryMiB,
    samples: v.slots.map(([r, w, rx, tx, cpu], k) => [(v.startSlot + k) * 300, Math.min(cpu, v.mhz), r, w, rx, tx]),
    endSeconds: (v.startSlot + v.slots.length) * 300,
  }));
  return ioWorkload(list);
}

/**
 * The naive reference for one host: cut time at every start, end and sample time, find each
 * consumer's rate in every piece by search, share with shareCapacity, add rate x length.
 */
function naiveSweep(capacity: number, c: IoConsumers, samples: IoSampleTimes, columns: IoRateColumns | null): { demand: number[]; served: number[] } {
  const cuts = new Set<number>();
  for (let i = 0; i < c.count; i++) {
    cuts.add(c.fromMs[i]!);
    cuts.add(c.toMs[i]!);
    const vm = c.vm[i]!;
    for (let k = samples.sampleStart[vm]!; k < samples.sampleStart[vm + 1]!; k++) cuts.add(samples.sampleAtMs[k]!);
  }
  const times = [...cuts].sort((a, b) => a - b);
  const demand = new Array<number>(c.count).fill(0);
  const served = new Array<number>(c.count).fill(0);
  for (let p = 0; p + 1 < times.length; p++) {
    const [a, b] = [times[p]!, times[p + 1]!];
    const present: number[] = [];
    const rates: number[] = [];
    for (let i = 0; i < c.count; i++) {
      if (!(c.fromMs[i]! <= a && a < c.toMs[i]!)) continue;
      present.push(i);
      if (!Number.isNaN(c.streamMBps[i]!)) rates.push(c.streamMBps[i]!);
      else {
        let k = -1;
        const vm = c.vm[i]!;
        for (let j = samples.sampleStart[vm]!; j < samples.sampleStart[vm + 1]!; j++) if (samples.sampleAtMs[j]! <= a) k = j;
        rates.push(k >= 0 && columns ? rateMBps(columns, k) : 0);
      }
    }
    const out = new Float64Array(present.length);
    const pick = (a: Float64Array) => present.map((i) => a[i]!);
    shareCapacity(capacity, present.length, rates, pick(c.floorMBps), pick(c.capMBps), pick(c.weight), out, new Int32Array(present.length));
    present.forEach((i, j) => {
      demand[i] = demand[i]! + rates[j]! * (b - a);
      served[i] = served[i]! + out[j]! * (b - a);
    });
  }
  return { demand, served };
}

const close = (actual: number, expected: number, scale = 1) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(scale, Math.abs(expected)));
const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('the host sweep against a naive reference', () => {
  it('gives every consumer the same demand and service integrals (random stays, streams, sharing)', () => {
    fc.assert(
      fc.property(
        fc.array(vmArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ vm: fc.nat(4), from: fc.nat(3000), length: fc.nat(3000), stream: fc.option(fc.double({ min: 0, max: 200, noNaN: true })), floor: fc.constantFrom(0, 20), cap: fc.constantFrom(Infinity, 60), weight: fc.constantFrom(1, 3) }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(50, 120, 400, Infinity),
        (vms, rows, capacity) => {
          const workload = workloadOf(vms);
          const samples: IoSampleTimes = { sampleStart: workload.sampleStart, sampleAtMs: workload.sampleAtMs };
          const columns = ioRateColumns(workload.io, DISK);
          const consumers = new IoConsumers();
          for (const r of rows) consumers.add(r.vm % vms.length, r.from * 1000, (r.from + r.length) * 1000, r.stream ?? Number.NaN, r.floor, r.cap, r.weight);
          const changes = new IoChangeList();
          changes.build(consumers, samples);
          const sweep = new IoHostSweep();
          const ticks = { intervalMs: 300_000, demand: new Float64Array(30), served: new Float64Array(30) };
          const totals = sweep.run(capacity, consumers, changes, samples, columns, true, ticks);
          const naive = naiveSweep(capacity, consumers, samples, columns);
          const scale = 1e6;
          for (let i = 0; i < consumers.count; i++) {
            close(sweep.demandInt[i]!, naive.demand[i]!, scale);
            close(sweep.servedInt[i]!, naive.served[i]!, scale);
            expect(sweep.servedInt[i]!).toBeLessThanOrEqual(sweep.demandInt[i]! + 1e-6);
          }
          close(totals.demandInt, sum(naive.demand), scale);
          close(totals.servedInt, sum(naive.served), scale);
          close(sum(ticks.demand), totals.demandInt, scale);
          close(sum(ticks.served), totals.servedInt, scale);
          if (Number.isFinite(capacity)) {
            expect(totals.servedInt).toBeLessThanOrEqual(capacity * totals.busyMs * (1 + 1e-12));
          }
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });
});

function checkResource(r: ResourceAccounting, intervalMs: number, durationMs: number): void {
  const hostDemand = sum(r.hostDemandInt);
  const hostServed = sum(r.hostServedInt);
  const migrationDemand = sum(r.hostMigrationDemandInt);
  const scale = Math.max(1, hostDemand);
  // Per host: VM stays + migration streams; per VM: served <= hosted demand <= life demand.
  close(hostDemand, sum(r.vmHostedDemandInt) + migrationDemand, scale);
  close(hostServed, sum(r.vmServedInt) + sum(r.hostMigrationServedInt), scale);
  for (let vm = 0; vm < r.vmDemandInt.length; vm++) {
    expect(r.vmServedInt[vm]!).toBeLessThanOrEqual(r.vmHostedDemandInt[vm]! + 1e-6 * scale);
    expect(r.vmHostedDemandInt[vm]!).toBeLessThanOrEqual(r.vmDemandInt[vm]! + 1e-6 * scale);
  }
  for (let h = 0; h < r.hostServedInt.length; h++) {
    expect(r.hostServedInt[h]!).toBeLessThanOrEqual(r.hostDemandInt[h]! + 1e-6 * scale);
    if (Number.isFinite(r.hostCapacityMBps[h]!)) expect(r.hostServedInt[h]!).toBeLessThanOrEqual(r.hostCapacityInt[h]! * (1 + 1e-12) + 1e-6);
  }
  // Intervals add up to the totals: cluster demand = life demand of VMs + migration streams.
  const length = (t: number) => Math.min(intervalMs, durationMs - t * intervalMs);
  const overIntervals = (a: Float64Array) => Array.from(a).reduce((acc, v, t) => acc + v * length(t), 0);
  close(overIntervals(r.intervalDemandMBps), sum(r.vmDemandInt) + migrationDemand, scale);
  close(overIntervals(r.intervalServedMBps), hostServed, scale);
  close(overIntervals(r.intervalMigrationMBps), migrationDemand, scale);
  // Per host and interval: each host's row adds up to its totals, and the hosts of an interval to
  // the cluster's served (demand: at most the cluster's, which also counts VMs on no host).
  const hosts = r.hostCapacityMBps.length;
  const n = r.intervalServedMBps.length;
  const demand = r.hostIntervalDemandMBps!;
  const served = r.hostIntervalServedMBps!;
  expect(served.length).toBe(hosts * n);
  for (let h = 0; h < hosts; h++) {
    close(overIntervals(demand.subarray(h * n, (h + 1) * n)), r.hostDemandInt[h]!, scale);
    close(overIntervals(served.subarray(h * n, (h + 1) * n)), r.hostServedInt[h]!, scale);
  }
  for (let t = 0; t < n; t++) {
    let hostServed = 0;
    let hostDemand = 0;
    for (let h = 0; h < hosts; h++) {
      hostServed += served[h * n + t]!;
      hostDemand += demand[h * n + t]!;
    }
    close(hostServed, r.intervalServedMBps[t]!, Math.max(1, r.intervalDemandMBps[t]!));
    expect(hostDemand).toBeLessThanOrEqual(r.intervalDemandMBps[t]! * (1 + 1e-9) + 1e-9);
  }
}

describe('conservation per resource, per host, per VM and for the cluster', () => {
  it('holds on random I/O workloads with consolidation migrations and unplaced VMs', () => {
    let migrations = 0;
    let unmet = 0;
    fc.assert(
      fc.property(fc.array(vmArb, { minLength: 2, maxLength: 14 }), fc.constantFrom('first-fit', 'best-fit', 'balanced-io'), (vms, policy) => {
        const workload = workloadOf(vms);
        // 3 small hosts: 2000 MHz, 4 GiB, disk 200 MB/s, NIC 1 Gbit/s (125 MB/s) - often full.
        const dc = tinyDatacenter(ioHostModel('small', 2, 1000, 4096, 200, 1), 3);
        const planner = new ConsolidationPlanner(overloadDetector('thr'), vmSelector('mmt'), { detectorSafety: 0.5, fallbackThreshold: 0.7, underload: true }, new RandomStream(3).fork('vm-selection'));
        const record = run(workload, dc, policy, { consolidation: { intervalMs: 300_000, planner, historyLength: 30 } });
        migrations += record.migrationLog.length;
        const settings = ioSettingsFrom({ disk: { mode: 'elastic', minMBps: 10, maxMBps: 150, weight: 'size' } });
        const { io, result } = accounted(workload, dc, record, settings, { perHostIntervals: true });
        // The per-host series are extra: the totals are the same without them.
        const plain = accounted(workload, dc, record, settings).io;
        expect(plain.disk.hostIntervalServedMBps).toBeUndefined();
        expect([...plain.network.hostServedInt, ...plain.disk.vmServedInt]).toEqual([...io.network.hostServedInt, ...io.disk.vmServedInt]);
        checkResource(io.disk, io.intervalMs, record.durationMs);
        checkResource(io.network, io.intervalMs, record.durationMs);
        for (const [s, rows] of [
          [result.summary.disk!, result.io!.vms.map((v) => [v.diskDemandMBpsHours, v.diskServedMBpsHours, v.diskUnmetMBpsHours])],
          [result.summary.network!, result.io!.vms.map((v) => [v.networkDemandGbpsHours, v.networkServedGbpsHours, v.networkUnmetGbpsHours])],
        ] as const) {
          const [demand, served, unmetTotal] = 'demandMBpsHours' in s ? [s.demandMBpsHours, s.servedMBpsHours, s.unmetMBpsHours] : [s.demandGbpsHours, s.servedGbpsHours, s.unmetGbpsHours];
          const migration = 'migrationDemandGbpsHours' in s ? s.migrationDemandGbpsHours : 0;
          const migrationServed = 'migrationServedGbpsHours' in s ? s.migrationServedGbpsHours : 0;
          close(demand, served + unmetTotal, Math.max(1, demand));
          close(sum(rows.map((r) => r[0]!)) + migration, demand, Math.max(1, demand));
          close(sum(rows.map((r) => r[1]!)) + migrationServed, served, Math.max(1, demand));
          for (const [d, sv, u] of rows) close(d!, sv! + u!, Math.max(1, d!));
          unmet += unmetTotal;
        }
      }),
      { numRuns: 40, seed: 21 },
    );
    // The generator must exercise what the identities are about.
    expect(migrations).toBeGreaterThan(0);
    expect(unmet).toBeGreaterThan(0);
  });
});
