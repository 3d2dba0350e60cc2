import { describe, expect, it } from 'vitest';
import { alignmentScoreOver, headroomFilterOver, headroomScoreOver } from '../../src/placement/io-plugins.js';
import { chooseHost, PlacementScratch } from '../../src/placement/place.js';
import type { PlacementView } from '../../src/placement/placement-view.js';
import { placementPolicy, placementPolicyNames } from '../../src/placement/registry.js';
import { tinyDatacenter } from '../helpers/tiny-world.js';
import { accounted, ioHostModel, ioWorkload, run, type IoVm } from './helpers/io-world.js';

// Two hosts of 4 x 1000 MHz, 16 GiB, disk 1000 MB/s, NIC 1 Gbit/s (125 MB/s). "net" VMs receive
// 100 000 KB/s = 100 MB/s each: two of them on one host want 200 of 125 MB/s.
const dc = tinyDatacenter(ioHostModel('io', 4, 1000, 16_384, 1000, 1), 2);
const net = (id: string, mhz: number): IoVm => ({ id, cpuCapacityMhz: mhz, samples: [[0, mhz / 2, 0, 0, 100_000, 0]], endSeconds: 3600 });
const cpu = (id: string, mhz: number): IoVm => ({ id, cpuCapacityMhz: mhz, samples: [[0, mhz / 2, 0, 0, 0, 0]], endSeconds: 3600 });

function place(vms: IoVm[], policy: string) {
  const workload = ioWorkload(vms);
  const record = run(workload, dc, policy);
  const { result } = accounted(workload, dc, record);
  return { hosts: result.vms.map((v) => v.hostId), network: result.summary.network!, placed: result.summary.vms.placed };
}

describe('multi-resource placement', () => {
  it('registers balanced-io next to balanced', () => {
    expect(placementPolicyNames()).toEqual(expect.arrayContaining(['balanced', 'balanced-io']));
  });

  it('CPU-only packing puts both network VMs on one host; balanced-io does not', () => {
    // Arrival order n0, n1 (1000 MHz, 100 MB/s each), c0, c1 (2000 MHz, no I/O).
    // first-fit and best-fit: n0, n1, c0 all fit host 0 (4000 MHz) => 200 MB/s on a 125 MB/s NIC,
    // 75 MB/s unmet for the hour: 75 x 3600 MB = 270 000 MB = 2160 Gbit = 0.6 Gbit/s-h.
    // balanced-io: n1 would overflow host 0's NIC by 75/125 and fits host 1 => host 1.
    const vms = [net('n0', 1000), net('n1', 1000), cpu('c0', 2000), cpu('c1', 2000)];
    for (const policy of ['first-fit', 'best-fit']) {
      const packed = place(vms, policy);
      expect(packed.hosts.slice(0, 2)).toEqual([dc.hostIds[0], dc.hostIds[0]]);
      expect(packed.network.unmetGbpsHours).toBeCloseTo(0.6, 9);
    }
    const io = place(vms, 'balanced-io');
    expect(io.placed).toBe(4);
    expect(io.hosts).toEqual([dc.hostIds[0], dc.hostIds[1], dc.hostIds[0], dc.hostIds[1]]);
    expect(io.network.unmetGbpsHours).toBe(0);
  });

  it('CPU+memory balance pairs the network VMs; the four-resource scorer does not', () => {
    // n0 (2000 MHz) -> host 0; c0 (2000 MHz) -> host 1 (more free CPU); n1 (1000 MHz) sees two
    // hosts with 2000 MHz free each: balanced ties and takes host 0 => 200 MB/s there.
    // balanced-io: host 0 would overflow its NIC, host 1 would not => host 1.
    const vms = [net('n0', 2000), cpu('c0', 2000), net('n1', 1000)];
    const balanced = place(vms, 'balanced');
    expect(balanced.hosts).toEqual([dc.hostIds[0], dc.hostIds[1], dc.hostIds[0]]);
    expect(balanced.network.unmetGbpsHours).toBeCloseTo(0.6, 9);
    const io = place(vms, 'balanced-io');
    expect(io.hosts).toEqual([dc.hostIds[0], dc.hostIds[1], dc.hostIds[1]]);
    expect(io.network.unmetGbpsHours).toBe(0);
    expect(io.network.utilizationPeak).toBeCloseTo(100 / 125, 9);
  });
});

/** Two hosts with free CPU and memory; host 0's network is 100 of 125 MB/s used, host 1's idle. */
function ioView(): PlacementView {
  const h = 2;
  return {
    hostCount: h,
    available: new Uint8Array(h).fill(1),
    cpuLimitMhz: new Float64Array([1000, 1000]),
    cpuReservedMhz: new Float64Array([0, 500]),
    memoryLimitMiB: new Float64Array([4096, 4096]),
    memoryReservedMiB: new Float64Array([0, 0]),
    memoryOverheadMiB: new Float64Array(h),
    gpuLimit: new Float64Array(h),
    gpusReserved: new Float64Array(h),
    cpuCapacityMhz: new Float64Array([1000, 1000]),
    cpuUsedMhz: new Float64Array(h),
    poweredOn: new Uint8Array(h).fill(1),
    powerAt: () => 0,
    io: {
      diskCapacityMBps: new Float64Array([Infinity, Infinity]),
      networkCapacityMBps: new Float64Array([125, 125]),
      vmDiskMBps: new Float64Array(0),
      vmNetworkMBps: new Float64Array(0),
      diskUsedMBps: () => 0,
      networkUsedMBps: (host) => (host === 0 ? 100 : 0),
    },
  };
}

describe('resource-subset plugins', () => {
  const request = { cpuMhz: 250, memoryMiB: 512, gpus: 0, expectedCpuMhz: 0, expectedDiskMBps: 1000, expectedNetworkMBps: 50 };

  it('alignment over CPU alone prefers host 0; adding network flips it to host 1', () => {
    const view = ioView();
    // cpu: 0.25 x 1.0 (host 0) > 0.25 x 0.5 (host 1). With network: + 0.4 x 0.2 = 0.33 vs 0.125 + 0.4 x 1 = 0.525.
    expect(alignmentScoreOver(['cpu']).score(view, 0, request)).toBeCloseTo(0.25, 12);
    expect(alignmentScoreOver(['cpu']).score(view, 1, request)).toBeCloseTo(0.125, 12);
    expect(alignmentScoreOver(['cpu', 'network']).score(view, 0, request)).toBeCloseTo(0.33, 12);
    expect(alignmentScoreOver(['cpu', 'network']).score(view, 1, request)).toBeCloseTo(0.525, 12);
    // An unrated disk is no constraint, however large the request.
    expect(alignmentScoreOver(['disk']).score(view, 0, request)).toBe(0);
  });

  it('headroom: host 0 would overflow by 25/125 MB/s; the filter excludes it', () => {
    const view = ioView();
    expect(headroomScoreOver(['network']).score(view, 0, request)).toBeCloseTo(-0.2, 12);
    expect(headroomScoreOver(['network']).score(view, 1, request)).toBeCloseTo(0, 12);
    const filter = headroomFilterOver(['disk', 'network']);
    expect(filter.passes(view, 0, request)).toBe(false);
    expect(filter.passes(view, 1, request)).toBe(true);
    expect(filter.reason).toBe('no-disk-network-headroom');
    expect(chooseHost(view, request, placementPolicy('balanced-io'), new PlacementScratch()).host).toBe(1);
    expect(chooseHost(view, request, placementPolicy('balanced'), new PlacementScratch()).host).toBe(0);
  });

  it('a view without I/O leaves disk and network out', () => {
    const { io: _io, ...plain } = ioView();
    expect(alignmentScoreOver(['network']).score(plain, 0, request)).toBe(0);
    expect(headroomFilterOver(['network']).passes(plain, 0, request)).toBe(true);
  });

  it('validates resource lists when a plugin is built', () => {
    expect(() => alignmentScoreOver([])).toThrow(/at least one/);
    expect(() => alignmentScoreOver(['cpu', 'cpu'])).toThrow(/listed twice/);
    expect(() => headroomScoreOver(['gpu' as never])).toThrow(/unknown resource "gpu"; valid: cpu, memory, disk, network/);
  });
});
