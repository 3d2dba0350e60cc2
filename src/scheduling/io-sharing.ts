import { MBPS_PER_GBPS } from './io-capacity.js';
import type { IoConsumers } from './io-consumers.js';

/**
 * How one I/O resource is shared on a host, with the same rule as CPU (shareCapacity):
 *
 * - `fair` (the default): weighted max-min fairness, no guarantee, no cap;
 * - `elastic`: each VM is guaranteed `minMBps` (when it wants that much) and capped at `maxMBps`,
 *   and spare bandwidth goes by weight (the burst share).
 *
 * Weights are `equal` (plain max-min fairness) or by the VM's provisioned CPU (`size`). A live
 * migration's copy stream is one more consumer on both hosts: no guarantee, no cap, the weight
 * of the VM it moves.
 */
export interface IoSharing {
  mode: 'fair' | 'elastic';
  weight: 'equal' | 'size';
  /** Guarantee per VM, MB/s (0 unless elastic). */
  minMBps: number;
  /** Cap per VM, MB/s (Infinity unless elastic with a max). */
  maxMBps: number;
}

export interface IoSettings {
  disk: IoSharing;
  network: IoSharing;
}

export const FAIR_IO: IoSharing = { mode: 'fair', weight: 'equal', minMBps: 0, maxMBps: Infinity };
export const DEFAULT_IO_SETTINGS: IoSettings = { disk: FAIR_IO, network: FAIR_IO };

/** The scenario's `io` section as validated (units in the names: disk MB/s, network Gbit/s). */
export interface IoSharingSpec {
  disk?: { mode?: 'fair' | 'elastic'; weight?: 'equal' | 'size'; minMBps?: number; maxMBps?: number } | undefined;
  network?: { mode?: 'fair' | 'elastic'; weight?: 'equal' | 'size'; minGbps?: number; maxGbps?: number } | undefined;
}

/** Settings from a scenario's `io` section; absent parts are fair sharing. */
export function ioSettingsFrom(spec: IoSharingSpec | undefined): IoSettings {
  const disk = spec?.disk;
  const network = spec?.network;
  return {
    disk: sharing(disk?.mode, disk?.weight, disk?.minMBps ?? 0, disk?.maxMBps ?? Infinity),
    network: sharing(network?.mode, network?.weight, (network?.minGbps ?? 0) * MBPS_PER_GBPS, (network?.maxGbps ?? Infinity) * MBPS_PER_GBPS),
  };
}

function sharing(mode: IoSharing['mode'] | undefined, weight: IoSharing['weight'] | undefined, minMBps: number, maxMBps: number): IoSharing {
  const elastic = mode === 'elastic';
  return { mode: elastic ? 'elastic' : 'fair', weight: weight ?? 'equal', minMBps: elastic ? minMBps : 0, maxMBps: elastic ? maxMBps : Infinity };
}

/** Sharing weight of a VM (or of its migration stream) under `sharing`. */
export function ioWeight(sharing: IoSharing, vmCpuCapacityMhz: number): number {
  return sharing.weight === 'size' ? Math.max(vmCpuCapacityMhz, 1e-9) : 1;
}

/**
 * Sets every consumer row's floor, cap and weight for one resource: VM stays by `sharing`,
 * streams (migration copies) no floor, no cap, the weight of the VM they move.
 */
export function applySharing(consumers: IoConsumers, sharing: IoSharing, vmCpuCapacityMhz: Float64Array): void {
  for (let i = 0; i < consumers.count; i++) {
    const stream = !Number.isNaN(consumers.streamMBps[i]!);
    consumers.floorMBps[i] = stream ? 0 : sharing.minMBps;
    consumers.capMBps[i] = stream ? Infinity : sharing.maxMBps;
    consumers.weight[i] = ioWeight(sharing, vmCpuCapacityMhz[consumers.vm[i]!]!);
  }
}
