import type { Workload } from '../traces/workload.js';

/**
 * How each VM shares its host, as arrays the simulation reads on the hot path: the sharing
 * floor/cap/weight for CPU, the reservation placement checks, and the memory footprint bounds.
 */
export interface SharingRules {
  readonly mode: 'fixed' | 'elastic';
  readonly cpuFloorMhz: Float64Array;
  readonly cpuCapMhz: Float64Array;
  readonly cpuWeight: Float64Array;
  /** What placement reserves on a host, MHz and MiB (guest memory, without hypervisor overhead). */
  readonly reserveCpuMhz: Float64Array;
  readonly reserveMemoryMiB: Float64Array;
  /** Memory footprint bounds; fixed VMs have min = max = provisioned. */
  readonly memoryMinMiB: Float64Array;
  readonly memoryMaxMiB: Float64Array;
}

export interface ElasticSettings {
  /** Guaranteed CPU as a fraction of the provisioned size. */
  minFraction: number;
  /** CPU cap as a fraction of the provisioned size (> 1 lets a VM burst past its size). */
  maxFraction: number;
  /** Spare capacity is shared by provisioned size or equally. */
  burstWeight: 'size' | 'equal';
  memoryMinFraction: number;
  memoryMaxFraction: number;
}

export const DEFAULT_ELASTIC: ElasticSettings = {
  minFraction: 0.25,
  maxFraction: 1.5,
  burstWeight: 'size',
  memoryMinFraction: 0.5,
  memoryMaxFraction: 1,
};

/**
 * Fixed VMs: no guarantee beyond fair share, capped at their size, weighted by size; they
 * reserve their full size and memory. Elastic VMs: guaranteed min, capped at max, weighted by
 * burst share; they reserve only the min, and their memory follows use between its bounds.
 */
export function sharingRules(workload: Workload, mode: 'fixed' | 'elastic', elastic: ElasticSettings): SharingRules {
  const n = workload.vmCount;
  const size = workload.cpuCapacityMhz;
  const memory = workload.memoryMiB;
  if (mode === 'fixed') {
    return {
      mode,
      cpuFloorMhz: new Float64Array(n),
      cpuCapMhz: Float64Array.from(size),
      cpuWeight: Float64Array.from(size, (s) => Math.max(s, 1e-9)),
      reserveCpuMhz: Float64Array.from(size),
      reserveMemoryMiB: Float64Array.from(memory),
      memoryMinMiB: Float64Array.from(memory),
      memoryMaxMiB: Float64Array.from(memory),
    };
  }
  return {
    mode,
    cpuFloorMhz: Float64Array.from(size, (s) => s * elastic.minFraction),
    cpuCapMhz: Float64Array.from(size, (s) => s * elastic.maxFraction),
    cpuWeight: Float64Array.from(size, (s) => (elastic.burstWeight === 'size' ? Math.max(s, 1e-9) : 1)),
    reserveCpuMhz: Float64Array.from(size, (s) => s * elastic.minFraction),
    reserveMemoryMiB: Float64Array.from(memory, (m) => m * elastic.memoryMinFraction),
    memoryMinMiB: Float64Array.from(memory, (m) => m * elastic.memoryMinFraction),
    memoryMaxMiB: Float64Array.from(memory, (m) => m * elastic.memoryMaxFraction),
  };
}
