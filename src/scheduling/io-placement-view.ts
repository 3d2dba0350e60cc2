import type { Datacenter } from '../model/datacenter.js';
import type { PlacementIo } from '../placement/placement-view.js';
import type { Workload } from '../traces/workload.js';
import { DISK, hostIoCapacityMBps, NETWORK } from './io-capacity.js';
import { vmExpectedIoMBps } from './io-rates.js';

/**
 * Placement's view of disk and network for a run: host bandwidth, each VM's expected I/O (its
 * mean over the trace), and the expected use of a host summed over the VMs on it. The host's VMs
 * are read from the simulation's own lists (`hostHead` and `vmNext`, -1 terminated), so the sums
 * follow arrivals, departures, migrations and failures without any bookkeeping of their own.
 */
export function placementIoView(dc: Datacenter, workload: Workload, hostHead: Int32Array, vmNext: Int32Array): PlacementIo {
  const [diskCapacityMBps, networkCapacityMBps] = hostIoCapacityMBps(dc);
  const vmDiskMBps = vmExpectedIoMBps(workload, DISK);
  const vmNetworkMBps = vmExpectedIoMBps(workload, NETWORK);
  const used = (host: number, perVm: Float64Array): number => {
    let total = 0;
    for (let vm = hostHead[host]!; vm >= 0; vm = vmNext[vm]!) total += perVm[vm]!;
    return total;
  };
  const none = (): number => 0;
  return {
    diskCapacityMBps,
    networkCapacityMBps,
    vmDiskMBps,
    vmNetworkMBps,
    diskUsedMBps: workload.io ? (host) => used(host, vmDiskMBps) : none,
    networkUsedMBps: workload.io ? (host) => used(host, vmNetworkMBps) : none,
  };
}
