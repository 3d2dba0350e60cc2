import type { Datacenter } from '../model/datacenter.js';
import { powerAt } from '../model/power-curve.js';
import type { Workload } from '../traces/workload.js';

/** CloudSim's examples: a 1 Gbit/s host link shared at 100 Mbit/s per VM (Constants.HOST_BW, VM_BW). */
const VM_LINK_GBPS = 0.1;
const DEFAULT_NIC_GBPS = 1;

/**
 * Where CloudSim 3.0.3 places the VMs at creation (Datacenter.processVmCreate, in VM order),
 * each at its full MIPS: a VM being instantiated requests all of its MIPS, and once created it
 * requests 0 until its first processing. Host.isSuitableForVm: one core's MIPS, free MIPS (as
 * allocated: requests capped at one core), RAM and link.
 * - `power-aware` (the migration policies: PowerVmAllocationPolicyMigrationAbstract.findHostForVm):
 *   the host whose power rises least, P((allocated + MIPS) / capacity) - P(0), since no host has
 *   been processed yet; every empty host looks cheaper than a used one, so VMs spread out. Its
 *   overload check cannot fire here: only the new VM requests anything.
 * - `first-fit` (dvfs and npa: PowerVmAllocationPolicySimple): the first suitable host.
 * Returns the host index per VM (-1: no host fits).
 */
export function cloudsimInitialHosts(dc: Datacenter, w: Workload, kind: 'power-aware' | 'first-fit', coreCap: boolean): Int32Array {
  const hosts = dc.hostCount;
  const allocated = new Float64Array(hosts);
  const ram = new Float64Array(hosts);
  const count = new Int32Array(hosts);
  const peMips = Float64Array.from(dc.modelOf, (m) => dc.models[m]!.mhzPerCore);
  const slots = Int32Array.from(dc.modelOf, (m) => Math.floor((dc.models[m]!.nicGbps ?? DEFAULT_NIC_GBPS) / VM_LINK_GBPS + 1e-9));
  const chosen = new Int32Array(w.vmCount).fill(-1);
  for (let vm = 0; vm < w.vmCount; vm++) {
    const mips = w.cpuCapacityMhz[vm]!;
    let best = -1;
    let bestIncrease = Number.MAX_VALUE;
    for (let host = 0; host < hosts; host++) {
      const capacity = dc.cpuCapacityMhz[host]!;
      if (coreCap && peMips[host]! < mips) continue;
      if (capacity - allocated[host]! < mips) continue;
      if (dc.memoryMiB[host]! - ram[host]! < w.memoryMiB[vm]!) continue;
      if (count[host]! >= slots[host]!) continue;
      if (kind === 'first-fit') {
        best = host;
        break;
      }
      const after = (allocated[host]! + mips) / capacity;
      if (after > 1) continue;
      const curve = dc.powerCurves[dc.modelOf[host]!]!;
      const increase = powerAt(curve, after) - powerAt(curve, 0);
      if (increase < bestIncrease) {
        bestIncrease = increase;
        best = host;
      }
    }
    if (best < 0) continue;
    chosen[vm] = best;
    allocated[best] = allocated[best]! + (coreCap ? Math.min(mips, peMips[best]!) : mips);
    ram[best] = ram[best]! + w.memoryMiB[vm]!;
    count[best]!++;
  }
  return chosen;
}
