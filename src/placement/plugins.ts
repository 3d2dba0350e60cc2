import { freeCpu, freeMemory, type PlacementRequest, type PlacementView } from './placement-view.js';

/** A host either passes or is excluded, with a reason code for unplaced reports. */
export interface FilterPlugin {
  readonly name: string;
  /** Reason code when no host passes this filter. */
  readonly reason: string;
  passes(view: PlacementView, host: number, request: PlacementRequest): boolean;
  /**
   * Listed after the resource filters, it refuses only hosts that would otherwise fit: when it
   * refused any, its reason is the reason a VM stayed unplaced, whichever filter refused more.
   */
  readonly decisive?: boolean;
}

/** Raw score of a feasible host; higher is better. Normalized to 0..100 across hosts later. */
export interface ScorePlugin {
  readonly name: string;
  score(view: PlacementView, host: number, request: PlacementRequest): number;
  /**
   * Optional: `score` of `hosts[0..count)` into `out`, the same arithmetic in one loop. Built-in
   * scorers give it because placement scores every feasible host for every VM, and a call per
   * host through the plug-in interface was most of a 100,000-VM initial placement.
   */
  scoreHosts?(view: PlacementView, hosts: Int32Array, count: number, request: PlacementRequest, out: Float64Array): void;
}

// A tiny slack so that reservations that fit exactly are not refused for rounding.
const EPSILON = 1e-9;

export const availableFilter: FilterPlugin = {
  name: 'available',
  reason: 'no-host-available',
  passes: (view, host) => view.available[host] === 1,
};

export const cpuFilter: FilterPlugin = {
  name: 'cpu',
  reason: 'no-free-cpu',
  passes: (view, host, request) => request.cpuMhz <= freeCpu(view, host) + EPSILON,
};

export const memoryFilter: FilterPlugin = {
  name: 'memory',
  reason: 'no-free-memory',
  passes: (view, host, request) => request.memoryMiB + view.memoryOverheadMiB[host]! <= freeMemory(view, host) + EPSILON,
};

export const gpuFilter: FilterPlugin = {
  name: 'gpu',
  reason: 'no-free-gpu',
  passes: (view, host, request) => request.gpus <= view.gpuLimit[host]! - view.gpusReserved[host]! + EPSILON,
};

export const DEFAULT_FILTERS: readonly FilterPlugin[] = [availableFilter, cpuFilter, memoryFilter, gpuFilter];

/** true when `filters` begins with DEFAULT_FILTERS, in order (firstFailingDefault may stand for them). */
export function startsWithDefaultFilters(filters: readonly FilterPlugin[]): boolean {
  return DEFAULT_FILTERS.every((filter, i) => filters[i] === filter);
}

/**
 * Index in DEFAULT_FILTERS of the first one `host` fails, or -1: the same tests, in one function
 * instead of four calls through the plug-in interface, which placement makes for every host and
 * every VM (at 100,000 VMs, the calls were most of the initial placement).
 */
export function firstFailingDefault(view: PlacementView, host: number, request: PlacementRequest): number {
  if (view.available[host] !== 1) return 0;
  if (!(request.cpuMhz <= view.cpuLimitMhz[host]! - view.cpuReservedMhz[host]! + EPSILON)) return 1;
  if (!(request.memoryMiB + view.memoryOverheadMiB[host]! <= view.memoryLimitMiB[host]! - view.memoryReservedMiB[host]! + EPSILON)) return 2;
  if (!(request.gpus <= view.gpuLimit[host]! - view.gpusReserved[host]! + EPSILON)) return 3;
  return -1;
}

/** Fraction of CPU and memory that would remain free after placing, averaged. */
function remainingAfter(view: PlacementView, host: number, request: PlacementRequest): number {
  const cpu = (freeCpu(view, host) - request.cpuMhz) / view.cpuLimitMhz[host]!;
  const memory = (freeMemory(view, host) - request.memoryMiB - view.memoryOverheadMiB[host]!) / view.memoryLimitMiB[host]!;
  return (cpu + memory) / 2;
}

/** Best fit: the host left with the least free capacity. */
export const leastRemainingScore: ScorePlugin = {
  name: 'least-remaining',
  score: (view, host, request) => -remainingAfter(view, host, request),
  scoreHosts: (view, hosts, count, request, out) => {
    for (let i = 0; i < count; i++) out[i] = -remainingAfter(view, hosts[i]!, request);
  },
};

/** Worst fit (spread): the host left with the most free capacity. */
export const mostRemainingScore: ScorePlugin = {
  name: 'most-remaining',
  score: (view, host, request) => remainingAfter(view, host, request),
  scoreHosts: (view, hosts, count, request, out) => {
    for (let i = 0; i < count; i++) out[i] = remainingAfter(view, hosts[i]!, request);
  },
};

/**
 * Multi-resource alignment (the dot product of Tetris, Grandl et al., SIGCOMM 2014): the request
 * and the host's free capacity, each as fractions of the host's limits; the host whose free
 * resources point the same way as the request scores highest, which keeps hosts balanced.
 */
export const alignmentScore: ScorePlugin = {
  name: 'alignment',
  score: (view, host, request) => alignment(view, host, request),
  scoreHosts: (view, hosts, count, request, out) => {
    for (let i = 0; i < count; i++) out[i] = alignment(view, hosts[i]!, request);
  },
};

function alignment(view: PlacementView, host: number, request: PlacementRequest): number {
  const cpuLimit = view.cpuLimitMhz[host]!;
  const memoryLimit = view.memoryLimitMiB[host]!;
  const requestCpu = request.cpuMhz / cpuLimit;
  const requestMemory = (request.memoryMiB + view.memoryOverheadMiB[host]!) / memoryLimit;
  return requestCpu * (freeCpu(view, host) / cpuLimit) + requestMemory * (freeMemory(view, host) / memoryLimit);
}

/** The expected use fits under the host's CPU capacity (usage-based placement, as CloudSim's). */
export const usageFilter: FilterPlugin = {
  name: 'usage',
  reason: 'no-cpu-headroom',
  passes: (view, host, request) => view.cpuUsedMhz[host]! + request.expectedCpuMhz <= view.cpuCapacityMhz[host]! + EPSILON,
};

/**
 * Power-aware: the host whose power rises least when it takes the VM's expected use (a host
 * that is off pays its idle power too), Beloglazov & Buyya's PABFD.
 */
export const leastPowerIncreaseScore: ScorePlugin = {
  name: 'least-power-increase',
  score: (view, host, request) => powerIncrease(view, host, request),
  scoreHosts: (view, hosts, count, request, out) => {
    for (let i = 0; i < count; i++) out[i] = powerIncrease(view, hosts[i]!, request);
  },
};

function powerIncrease(view: PlacementView, host: number, request: PlacementRequest): number {
  const capacity = view.cpuCapacityMhz[host]!;
  const before = view.poweredOn[host] ? view.powerAt(host, view.cpuUsedMhz[host]! / capacity) : 0;
  return before - view.powerAt(host, (view.cpuUsedMhz[host]! + request.expectedCpuMhz) / capacity);
}
