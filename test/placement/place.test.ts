import { describe, expect, it } from 'vitest';
import { chooseHost, PlacementScratch } from '../../src/placement/place.js';
import type { PlacementView } from '../../src/placement/placement-view.js';
import { placementPolicy, placementPolicyNames } from '../../src/placement/registry.js';
import { InputError } from '../../src/common/input-error.js';

/** Four hosts with CPU limits 1000 each and memory 4096, reserved as given. */
function view(cpuReserved: number[], memoryReserved: number[], available = [1, 1, 1, 1]): PlacementView {
  const n = cpuReserved.length;
  return {
    hostCount: n,
    available: Uint8Array.from(available),
    cpuLimitMhz: new Float64Array(n).fill(1000),
    cpuReservedMhz: Float64Array.from(cpuReserved),
    memoryLimitMiB: new Float64Array(n).fill(4096),
    memoryReservedMiB: Float64Array.from(memoryReserved),
    memoryOverheadMiB: new Float64Array(n),
    gpuLimit: new Float64Array(n),
    gpusReserved: new Float64Array(n),
    cpuCapacityMhz: new Float64Array(n).fill(1000),
    cpuUsedMhz: new Float64Array(n),
    poweredOn: new Uint8Array(n).fill(1),
    powerAt: (_host, u) => 100 + 100 * u,
  };
}

const scratch = new PlacementScratch();
const request = { cpuMhz: 200, memoryMiB: 512, gpus: 0, expectedCpuMhz: 0 };

describe('placement policies', () => {
  // free CPU: 600, 100, 900, 300 ; free memory: 2048, 4096, 3072, 1024
  const v = view([400, 900, 100, 700], [2048, 0, 1024, 3072]);

  it('first-fit takes the lowest-index host with room', () => {
    // host 1 has only 100 MHz free, so host 0 (600 free) is first with room
    expect(chooseHost(v, request, placementPolicy('first-fit'), scratch)).toEqual({ host: 0, reason: '' });
  });

  it('best-fit takes the host left with the least free CPU and memory', () => {
    // remaining after (cpu, mem fractions): h0 (0.4, 0.375) => 0.3875; h2 (0.7, 0.625) => 0.6625; h3 (0.1, 0.125) => 0.1125
    expect(chooseHost(v, request, placementPolicy('best-fit'), scratch).host).toBe(3);
  });

  it('worst-fit spreads onto the host left with the most free capacity', () => {
    expect(chooseHost(v, request, placementPolicy('worst-fit'), scratch).host).toBe(2);
  });

  it('balanced prefers the host whose free resources point the way the request does', () => {
    // A memory-heavy request: 100 MHz, 2048 MiB. Alignment = r_cpu*f_cpu + r_mem*f_mem:
    // h0: 0.1*0.6 + 0.5*0.5 = 0.31; h2: 0.1*0.9 + 0.5*0.75 = 0.465; h3 fails memory (1024 free).
    // Host 1 (0.1 cpu free, 1.0 mem free): 0.1*0.1 + 0.5*1.0 = 0.51 - the memory-rich host wins.
    expect(chooseHost(v, { cpuMhz: 100, memoryMiB: 2048, gpus: 0, expectedCpuMhz: 0 }, placementPolicy('balanced'), scratch).host).toBe(1);
  });

  it('breaks score ties by the lowest host index', () => {
    const even = view([0, 0, 0, 0], [0, 0, 0, 0]);
    expect(chooseHost(even, request, placementPolicy('best-fit'), scratch).host).toBe(0);
    expect(chooseHost(even, request, placementPolicy('worst-fit'), scratch).host).toBe(0);
  });

  it('says why nothing fits', () => {
    expect(chooseHost(v, { cpuMhz: 1500, memoryMiB: 1, gpus: 0, expectedCpuMhz: 0 }, placementPolicy('first-fit'), scratch).reason).toBe('larger-than-any-host-cpu');
    expect(chooseHost(v, { cpuMhz: 950, memoryMiB: 1, gpus: 0, expectedCpuMhz: 0 }, placementPolicy('best-fit'), scratch).reason).toBe('no-free-cpu');
    expect(chooseHost(v, { cpuMhz: 150, memoryMiB: 3500, gpus: 0, expectedCpuMhz: 0 }, placementPolicy('first-fit'), scratch).reason).toBe('no-free-memory');
    expect(chooseHost(view([0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]), request, placementPolicy('first-fit'), scratch).reason).toBe('no-host-available');
    expect(chooseHost(v, { cpuMhz: 1, memoryMiB: 1, gpus: 1, expectedCpuMhz: 0 }, placementPolicy('first-fit'), scratch).reason).toBe('larger-than-any-host-gpu');
  });

  it('fails loudly on an unknown policy, listing the valid ones', () => {
    expect(() => placementPolicy('random-fit', { file: 's.json', field: 'placement.policy' })).toThrow(InputError);
    expect(() => placementPolicy('random-fit')).toThrow(placementPolicyNames().join(', '));
  });
});
