import type { IoAccounting } from '../simulation/io-replay/io-accounting.js';
import type { RunRecord } from '../simulation/run-record.js';

/** Resources in the order ties are broken: the first with the highest ratio binds. */
export const BOTTLENECK_RESOURCES = ['cpu', 'disk', 'network'] as const;

/** Demand / capacity of each resource on one host, and the one that binds first. */
export interface HostBottleneck {
  cpuDemandRatio: number;
  diskDemandRatio: number;
  networkDemandRatio: number;
  /** `cpu`, `disk`, `network`, or `none` when the host saw no demand. */
  bottleneck: string;
}

/**
 * Which resource binds first on each host: the one with the highest mean demand / capacity over
 * the host's time on (CPU: demand against guest CPU while on, from hosts.csv; disk and network:
 * against their capacity integrals). An unrated resource never binds. Memory is not compared.
 */
export function hostBottlenecks(record: RunRecord, io: IoAccounting): HostBottleneck[] {
  const h = record.hosts;
  return h.ids.map((_, host) => {
    const cpuCapacity = h.cpuCapacityMhz[host]! * h.onInt[host]!;
    const ratios = [
      cpuCapacity > 0 ? h.demandInt[host]! / cpuCapacity : 0,
      ratio(io.disk.hostDemandInt[host]!, io.disk.hostCapacityInt[host]!),
      ratio(io.network.hostDemandInt[host]!, io.network.hostCapacityInt[host]!),
    ];
    let best = -1;
    for (let r = 0; r < ratios.length; r++) if (ratios[r]! > 0 && (best < 0 || ratios[r]! > ratios[best]!)) best = r;
    return {
      cpuDemandRatio: ratios[0]!,
      diskDemandRatio: ratios[1]!,
      networkDemandRatio: ratios[2]!,
      bottleneck: best < 0 ? 'none' : BOTTLENECK_RESOURCES[best]!,
    };
  });
}

function ratio(demand: number, capacity: number): number {
  return capacity > 0 ? demand / capacity : 0;
}
