import type { Datacenter } from '../model/datacenter.js';

/**
 * Units of the I/O resources. Everything inside the I/O accounting is in MB/s with decimal
 * megabytes (10^6 bytes), as disk datasheets give them: traces' KB/s are divided by 1000, a NIC's
 * Gbit/s is 125 MB/s, a migration's MiB is 1.048576 MB.
 */
export const KB_PER_MB = 1000;
export const MBPS_PER_GBPS = 125;
export const MB_PER_MIB = 1.048576;

/** The shared I/O resources of a host, in the order every I/O array uses. */
export const IO_RESOURCES = ['disk', 'network'] as const;
export type IoResource = (typeof IO_RESOURCES)[number];
export const DISK = 0;
export const NETWORK = 1;

/**
 * Guest-visible I/O bandwidth per host, MB/s: the model's disk bandwidth (read and write
 * combined) and NIC bandwidth (receive and transmit share one pool), each divided by
 * 1 + the hypervisor's overhead fraction for that resource, as CPU capacity is. A model that
 * gives no figure for a resource is unrated: Infinity (never contended, left out of capacity).
 */
export function hostIoCapacityMBps(dc: Datacenter): [disk: Float64Array, network: Float64Array] {
  const disk = new Float64Array(dc.hostCount);
  const network = new Float64Array(dc.hostCount);
  for (let host = 0; host < dc.hostCount; host++) {
    const model = dc.models[dc.modelOf[host]!]!;
    const hypervisor = dc.hypervisors[dc.hypervisorOf[host]!]!;
    disk[host] = model.diskMBps === undefined ? Infinity : model.diskMBps / (1 + (hypervisor.diskOverheadFraction ?? 0));
    network[host] = model.nicGbps === undefined ? Infinity : (model.nicGbps * MBPS_PER_GBPS) / (1 + (hypervisor.networkOverheadFraction ?? 0));
  }
  return [disk, network];
}
