import type { FilterPlugin, ScorePlugin } from './plugins.js';
import { freeCpu, freeMemory, type PlacementRequest, type PlacementView } from './placement-view.js';

/**
 * Plugins over any subset of a host's resources. Each resource is seen as placement admits it:
 * CPU and memory by reservation against their limits (as the cpu and memory filters do), disk
 * and network by expected use (the VMs' mean I/O) against bandwidth, since I/O is not reserved.
 * A resource a host has no limit for (unrated I/O, or a view without I/O) is left out for it.
 */
export const PLACEMENT_RESOURCES = ['cpu', 'memory', 'disk', 'network'] as const;
export type PlacementResource = (typeof PLACEMENT_RESOURCES)[number];

// A tiny slack so that expected use that fits exactly is not refused for rounding.
const EPSILON = 1e-9;

/** What a request asks of one resource on a host, what is taken, and the limit. */
interface ResourceState {
  request: number;
  used: number;
  limit: number;
}

const scratch: ResourceState = { request: 0, used: 0, limit: 0 };

/** Fills `scratch` for (host, resource); false when the host has no limit for it. */
function stateOf(view: PlacementView, host: number, request: PlacementRequest, resource: PlacementResource): boolean {
  if (resource === 'cpu') {
    scratch.request = request.cpuMhz;
    scratch.limit = view.cpuLimitMhz[host]!;
    scratch.used = scratch.limit - freeCpu(view, host);
  } else if (resource === 'memory') {
    scratch.request = request.memoryMiB + view.memoryOverheadMiB[host]!;
    scratch.limit = view.memoryLimitMiB[host]!;
    scratch.used = scratch.limit - freeMemory(view, host);
  } else {
    const io = view.io;
    if (!io) return false;
    const disk = resource === 'disk';
    scratch.request = (disk ? request.expectedDiskMBps : request.expectedNetworkMBps) ?? 0;
    scratch.limit = disk ? io.diskCapacityMBps[host]! : io.networkCapacityMBps[host]!;
    if (!Number.isFinite(scratch.limit)) return false;
    scratch.used = disk ? io.diskUsedMBps(host) : io.networkUsedMBps(host);
  }
  return scratch.limit > 0;
}

function checkResources(kind: string, resources: readonly PlacementResource[]): string {
  if (resources.length === 0) throw new Error(`${kind}: give at least one resource`);
  for (const [i, r] of resources.entries()) {
    if (!PLACEMENT_RESOURCES.includes(r)) throw new Error(`${kind}: unknown resource "${r}"; valid: ${PLACEMENT_RESOURCES.join(', ')}`);
    if (resources.indexOf(r) !== i) throw new Error(`${kind}: resource "${r}" listed twice`);
  }
  return resources.join('-');
}

/**
 * The dot product of Tetris (Grandl et al., SIGCOMM 2014) over the given resources: request
 * and free capacity, each as a fraction of the host's limit. Named `alignment-<resources>`.
 */
export function alignmentScoreOver(resources: readonly PlacementResource[]): ScorePlugin {
  const name = `alignment-${checkResources('alignment', resources)}`;
  return {
    name,
    score: (view, host, request) => {
      let dot = 0;
      for (const r of resources) {
        if (!stateOf(view, host, request, r)) continue;
        dot += (scratch.request / scratch.limit) * (Math.max(0, scratch.limit - scratch.used) / scratch.limit);
      }
      return dot;
    },
  };
}

/**
 * Minus the overflow the VM would cause, summed over the resources as fractions of each limit:
 * 0 on every host where it fits, lower the more a host would be oversubscribed. Named
 * `headroom-<resources>`.
 */
export function headroomScoreOver(resources: readonly PlacementResource[]): ScorePlugin {
  const name = `headroom-${checkResources('headroom', resources)}`;
  return {
    name,
    score: (view, host, request) => {
      let overflow = 0;
      for (const r of resources) {
        if (!stateOf(view, host, request, r)) continue;
        overflow += Math.max(0, scratch.used + scratch.request - scratch.limit) / scratch.limit;
      }
      return -overflow;
    },
  };
}

/** Only hosts where the request fits under every given limit; reason `no-<resources>-headroom`. */
export function headroomFilterOver(resources: readonly PlacementResource[]): FilterPlugin {
  const list = checkResources('headroom filter', resources);
  return {
    name: `headroom-${list}`,
    reason: `no-${list}-headroom`,
    passes: (view, host, request) => {
      for (const r of resources) {
        if (stateOf(view, host, request, r) && scratch.used + scratch.request > scratch.limit + EPSILON) return false;
      }
      return true;
    },
  };
}

/** CPU, memory, disk and network together. */
export const alignmentAllScore = alignmentScoreOver(PLACEMENT_RESOURCES);
/** Disk and network overflow by expected use. */
export const ioHeadroomScore = headroomScoreOver(['disk', 'network']);
