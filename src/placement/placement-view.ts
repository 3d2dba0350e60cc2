/**
 * What placement may look at: per host, what it admits and what is reserved. Read-only for
 * policies; the scenario owns and updates the arrays.
 */
export interface PlacementView {
  readonly hostCount: number;
  /** 1 when the host may take a VM (powered or powerable, not failed, not draining). */
  readonly available: Uint8Array;
  /** Reservations admitted: guest CPU capacity x CPU overcommit, MHz. */
  readonly cpuLimitMhz: Float64Array;
  readonly cpuReservedMhz: Float64Array;
  /** Memory x memory overcommit, MiB. */
  readonly memoryLimitMiB: Float64Array;
  readonly memoryReservedMiB: Float64Array;
  /** Memory the hypervisor adds per VM on this host, MiB. */
  readonly memoryOverheadMiB: Float64Array;
  readonly gpuLimit: Float64Array;
  readonly gpusReserved: Float64Array;
  /** Guest-visible CPU, MHz (what use is measured against). */
  readonly cpuCapacityMhz: Float64Array;
  /** CPU in use now (or expected, for VMs placed but not yet sampled), MHz. */
  readonly cpuUsedMhz: Float64Array;
  /** 1 when the host is powered on. */
  readonly poweredOn: Uint8Array;
  /** Power in W of a host at a CPU utilization (0..1). */
  powerAt(host: number, utilization: number): number;
  /** Disk and network bandwidth and expected use; absent: I/O-aware plugins see no I/O. */
  readonly io?: PlacementIo;
  /** Rack power budgets (docs/facility.md); absent when the topology gives none. */
  readonly racks?: PlacementRacks;
}

/** Per-host I/O as placement sees it (MB/s; docs/io.md). */
export interface PlacementIo {
  /** Guest-visible bandwidth; Infinity when the host model gives none (never full). */
  readonly diskCapacityMBps: Float64Array;
  readonly networkCapacityMBps: Float64Array;
  /** Each VM's expected I/O (its mean over the trace), by VM index. */
  readonly vmDiskMBps: Float64Array;
  readonly vmNetworkMBps: Float64Array;
  /** Expected I/O of the VMs now on a host, summed on demand (O(VMs on the host)). */
  diskUsedMBps(host: number): number;
  networkUsedMBps(host: number): number;
}

/** A VM's reservation as placement sees it. */
export interface PlacementRequest {
  cpuMhz: number;
  /** Guest memory, without the hypervisor's per-VM overhead (added per host). */
  memoryMiB: number;
  gpus: number;
  /** CPU the VM is expected to use when it starts (its first sample), MHz. */
  expectedCpuMhz: number;
  /** Expected disk and network I/O, MB/s (absent = 0). */
  expectedDiskMBps?: number;
  expectedNetworkMBps?: number;
}

export function freeCpu(view: PlacementView, host: number): number {
  return view.cpuLimitMhz[host]! - view.cpuReservedMhz[host]!;
}

export function freeMemory(view: PlacementView, host: number): number {
  return view.memoryLimitMiB[host]! - view.memoryReservedMiB[host]!;
}

/**
 * Rack power budgets as placement sees them. `onPeakW` is the sum of the peak power of each
 * rack's powered-on hosts, refreshed by the simulation before every placement request.
 */
export interface PlacementRacks {
  readonly rackOf: Int32Array;
  /** Per rack, W; Infinity when the rack has no budget. */
  readonly budgetW: Float64Array;
  /** Per host: its peak power (full load or boot, the higher), W. */
  readonly hostPeakW: Float64Array;
  /** Per rack: peak power of its powered-on hosts, W. */
  readonly onPeakW: Float64Array;
}
