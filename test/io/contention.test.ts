import { describe, expect, it } from 'vitest';
import { hostIoCapacityMBps } from '../../src/scheduling/io-capacity.js';
import { ioSettingsFrom } from '../../src/scheduling/io-sharing.js';
import { hypervisor, tinyDatacenter } from '../helpers/tiny-world.js';
import { accounted, ioHostModel, ioWorkload, run } from './helpers/io-world.js';

// One host (8 x 1000 MHz, disk 100 MB/s, NIC 1 Gbit/s = 125 MB/s), two VMs for 600 s, both on it.
// a: CPU size 3000 MHz, disk 60 000 + 20 000 KB/s = 80 MB/s, receives 100 000 KB/s = 100 MB/s.
// b: CPU size 1000 MHz, disk read 30 000 KB/s = 30 MB/s, then from 300 s 25 000 + 25 000 KB/s
//    = 50 MB/s; transmits 50 000 KB/s = 50 MB/s throughout.
const workload = ioWorkload([
  { id: 'a', cpuCapacityMhz: 3000, samples: [[0, 100, 60_000, 20_000, 100_000, 0]], endSeconds: 600 },
  {
    id: 'b',
    cpuCapacityMhz: 1000,
    samples: [
      [0, 100, 30_000, 0, 0, 50_000],
      [300, 100, 25_000, 25_000, 0, 50_000],
    ],
    endSeconds: 600,
  },
]);
const dc = tinyDatacenter(ioHostModel('io', 8, 1000, 65_536, 100, 1), 1);
const record = run(workload, dc);
const MBs = 1000; // MB/s x ms per MB

describe('two VMs contend on one host', () => {
  it('disk, max-min fair: b keeps its 30 then 50 MB/s, a gets the rest', () => {
    // [0, 300): wants 80 + 30 = 110 > 100; fair share 50 each, b needs only 30 => b 30, a 70.
    // [300, 600): wants 80 + 50 = 130; fair share 50 each => b 50, a 50.
    // a: demand 80 x 600 = 48 000 MB, served 70 x 300 + 50 x 300 = 36 000 MB.
    // b: demand = served = 30 x 300 + 50 x 300 = 24 000 MB.
    // host: demand 72 000 MB = 20 MB/s-h, served 100 x 600 = 60 000 MB = 16.667 MB/s-h.
    const { io, result } = accounted(workload, dc, record);
    const disk = io.disk;
    expect(disk.vmDemandInt[0]! / MBs).toBeCloseTo(48_000, 9);
    expect(disk.vmServedInt[0]! / MBs).toBeCloseTo(36_000, 9);
    expect(disk.vmDemandInt[1]! / MBs).toBeCloseTo(24_000, 9);
    expect(disk.vmServedInt[1]! / MBs).toBeCloseTo(24_000, 9);
    expect(disk.hostServedInt[0]! / MBs).toBeCloseTo(60_000, 9);
    const s = result.summary.disk!;
    expect(s.source).toBe('trace');
    expect(s.demandMBpsHours).toBeCloseTo(72_000 / 3600, 12);
    expect(s.servedMBpsHours).toBeCloseTo(60_000 / 3600, 12);
    expect(s.unmetMBpsHours).toBeCloseTo(12_000 / 3600, 12);
    // Capacity 100 MB/s x 600 s while on; the host is full the whole time.
    expect(s.capacityMBpsHours).toBeCloseTo(60_000 / 3600, 12);
    expect(s.utilizationMean).toBeCloseTo(1, 12);
    expect(s.utilizationPeak).toBeCloseTo(1, 12);
    expect(result.io!.hosts[0]!.bottleneck).toBe('disk');
    // Disk demand / capacity = 72 000 / 60 000 = 1.2; network 90 000 / 75 000 = 1.2 as well,
    // CPU (100 + 100) / 8000 = 0.025: the tie goes to disk, listed first.
    expect(result.io!.hosts[0]!.diskDemandRatio).toBeCloseTo(1.2, 12);
    expect(result.io!.hosts[0]!.networkDemandRatio).toBeCloseTo(1.2, 12);
    expect(result.io!.hosts[0]!.cpuDemandRatio).toBeCloseTo(0.025, 12);
    expect(result.io!.hosts[0]!.diskUtilizationPeak).toBeCloseTo(1, 12);
  });

  it('network, max-min fair: 150 MB/s wanted of 125, b keeps 50, a gets 75', () => {
    // fair share 62.5 each; b needs 50 => b 50, a 75 for 600 s.
    // a: demand 100 x 600 = 60 000 MB, served 45 000 MB; unmet 15 000 MB = 15 000 x 8 / 1000
    //    = 120 Gbit = 120 / 3600 Gbit/s-h. Cluster demand (100 + 50) x 600 = 90 000 MB.
    const { io, result } = accounted(workload, dc, record);
    expect(io.network.vmServedInt[0]! / MBs).toBeCloseTo(45_000, 9);
    expect(io.network.vmServedInt[1]! / MBs).toBeCloseTo(30_000, 9);
    const s = result.summary.network!;
    expect(s.demandGbpsHours).toBeCloseTo((90_000 * 8) / 1000 / 3600, 12);
    expect(s.unmetGbpsHours).toBeCloseTo((15_000 * 8) / 1000 / 3600, 12);
    expect(s.migrationDemandGbpsHours).toBe(0);
    expect(result.io!.vms[0]!.networkUnmetGbpsHours).toBeCloseTo((15_000 * 8) / 1000 / 3600, 12);
    expect(result.io!.vms[1]!.networkUnmetGbpsHours).toBe(0);
  });

  it('disk, elastic: min 40 and max 60 MB/s per VM', () => {
    // [0, 300): a wants min(80, 60) = 60, b 30; 90 <= 100 => a 60, b 30.
    // [300, 600): a 60, b 50 => 110 > 100: guarantees 40 + 40, the last 20 water-filled
    //   equally: b needs 10 (gets it), a the other 10 => a 50, b 50.
    // a: served 60 x 300 + 50 x 300 = 33 000 MB (the cap alone leaves 20 x 600 unmet).
    const settings = ioSettingsFrom({ disk: { mode: 'elastic', minMBps: 40, maxMBps: 60 } });
    const { io } = accounted(workload, dc, record, settings);
    expect(io.disk.vmServedInt[0]! / MBs).toBeCloseTo(33_000, 9);
    expect(io.disk.vmServedInt[1]! / MBs).toBeCloseTo(24_000, 9);
  });

  it('disk, fair by CPU size: a weighs 3, b 1', () => {
    // Both halves: a 80/3 = 26.7 per unit of weight, below b's 30 or 50 => a's share first:
    // 100 x 3/4 = 75 < 80 => level 25 per weight: a 75, b 25.
    // a: 75 x 600 = 45 000 MB; b: 25 x 600 = 15 000 MB.
    const settings = ioSettingsFrom({ disk: { weight: 'size' } });
    const { io } = accounted(workload, dc, record, settings);
    expect(io.disk.vmServedInt[0]! / MBs).toBeCloseTo(45_000, 9);
    expect(io.disk.vmServedInt[1]! / MBs).toBeCloseTo(15_000, 9);
  });

  it('hypervisor I/O overhead shrinks guest bandwidth: 100 MB/s / 1.25 = 80 MB/s', () => {
    // 80 MB/s of guest disk; [0, 300): 110 wanted => b 30, a 50; [300, 600): b 40, a 40.
    // Host served 80 x 600 = 48 000 MB.
    const slow = tinyDatacenter(ioHostModel('io', 8, 1000, 65_536, 100, 1), 1, hypervisor('kvm-io', { diskOverheadFraction: 0.25, networkOverheadFraction: 0.25 }));
    const [disk, network] = hostIoCapacityMBps(slow);
    expect(disk[0]).toBeCloseTo(80, 12);
    expect(network[0]).toBeCloseTo(100, 12);
    const { io } = accounted(workload, slow, run(workload, slow));
    expect(io.disk.hostServedInt[0]! / MBs).toBeCloseTo(48_000, 9);
    expect(io.disk.vmServedInt[0]! / MBs).toBeCloseTo(50 * 300 + 40 * 300, 9);
  });

  it('a trace without I/O columns demands nothing and says so', () => {
    const plain = ioWorkload([{ id: 'a', cpuCapacityMhz: 3000, samples: [[0, 100, 0, 0, 0, 0]], endSeconds: 600 }], false);
    const { result } = accounted(plain, dc, run(plain, dc));
    expect(result.summary.disk!.source).toBe('none');
    expect(result.summary.network!.source).toBe('none');
    expect(result.summary.disk!.demandMBpsHours).toBe(0);
    // The host was on with bandwidth all along: capacity counts, utilization is 0.
    expect(result.summary.disk!.capacityMBpsHours).toBeCloseTo((100 * 600) / 3600, 12);
    expect(result.io!.hosts[0]!.bottleneck).toBe('cpu');
  });

  it('no I/O columns on an unrated disk: disk all zeros, network as on a rated disk', () => {
    const plain = ioWorkload([{ id: 'a', cpuCapacityMhz: 3000, samples: [[0, 100, 0, 0, 0, 0]], endSeconds: 600 }], false);
    const unrated = tinyDatacenter(ioHostModel('io', 8, 1000, 65_536, undefined, 1), 1);
    const { io } = accounted(plain, unrated, run(plain, unrated));
    const { io: rated } = accounted(plain, dc, run(plain, dc));
    for (const column of [io.disk.hostCapacityInt, io.disk.hostDemandInt, io.disk.hostServedInt, io.disk.vmHostedDemandInt, io.disk.vmServedInt, io.disk.intervalServedMBps]) {
      expect([...column].every((x) => Object.is(x, 0))).toBe(true);
    }
    expect(io.network).toStrictEqual(rated.network);
  });

  it('an unrated disk is never contended and left out of capacity', () => {
    const unrated = tinyDatacenter(ioHostModel('io', 8, 1000, 65_536, undefined, 1), 1);
    const { io, result } = accounted(workload, unrated, run(workload, unrated));
    expect(io.disk.vmServedInt[0]! / MBs).toBeCloseTo(48_000, 9);
    expect(result.summary.disk!.hostsUnrated).toBe(1);
    expect(result.summary.disk!.capacityMBpsHours).toBe(0);
    expect(result.summary.disk!.unmetMBpsHours).toBeCloseTo(0, 12);
    expect(Number.isNaN(result.io!.hosts[0]!.diskCapacityMBps)).toBe(true);
    expect(result.io!.hosts[0]!.bottleneck).toBe('network');
  });

  it('an unplaced VM\'s I/O demand is all unmet, and counts in the cluster totals', () => {
    // One host of 2000 MHz: a (3000 MHz reserved) does not fit, b (1000 MHz) does.
    // a's disk demand 80 x 600 = 48 000 MB is all unmet; b alone is served in full (24 000 MB).
    const small = tinyDatacenter(ioHostModel('small', 2, 1000, 65_536, 100, 1), 1);
    const { io, result } = accounted(workload, small, run(workload, small));
    expect(result.summary.vms.unplaced).toBe(1);
    expect(io.disk.vmDemandInt[0]! / MBs).toBeCloseTo(48_000, 9);
    expect(io.disk.vmHostedDemandInt[0]).toBe(0);
    expect(result.io!.vms[0]!.diskUnmetMBpsHours).toBeCloseTo(48_000 / 3600, 9);
    expect(result.summary.disk!.demandMBpsHours).toBeCloseTo(72_000 / 3600, 9);
    expect(result.summary.disk!.unmetMBpsHours).toBeCloseTo(48_000 / 3600, 9);
    expect(io.disk.hostDemandInt[0]! / MBs).toBeCloseTo(24_000, 9);
  });

  it('per-interval series: disk demand 110 then 130 MB/s, served 100', () => {
    const { result } = accounted(workload, dc, record);
    const ts = result.io!.timeseries;
    expect(Array.from(ts.diskDemandMBps)).toEqual([110, 130].map((v) => expect.closeTo(v, 9)));
    expect(Array.from(ts.diskServedMBps)).toEqual([100, 100].map((v) => expect.closeTo(v, 9)));
    expect(Array.from(ts.diskCapacityMBps)).toEqual([100, 100]);
    expect(Array.from(ts.networkServedGbps)).toEqual([1, 1].map((v) => expect.closeTo(v, 9)));
  });
});
