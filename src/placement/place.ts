import { PluginError } from '../common/plugin-error.js';
import { DEFAULT_FILTERS, firstFailingDefault, startsWithDefaultFilters, type FilterPlugin } from './plugins.js';
import type { PlacementPolicy } from './placement-policy.js';
import type { PlacementRequest, PlacementView } from './placement-view.js';

export interface PlacementDecision {
  /** Chosen host index, or -1. */
  host: number;
  /** Reason code when host is -1, '' otherwise. */
  reason: string;
}

/**
 * Filter -> score -> normalize (0..100 per scorer over the feasible hosts) -> weight ->
 * tie-break by the lowest host index. Pure: reads the view, changes nothing. With `onlyHost`
 * (a pinned VM) only that host is considered.
 */
export function chooseHost(
  view: PlacementView,
  request: PlacementRequest,
  policy: PlacementPolicy,
  scratch: PlacementScratch,
  filters: readonly FilterPlugin[] = policy.extraFilters ? [...DEFAULT_FILTERS, ...policy.extraFilters] : DEFAULT_FILTERS,
  onlyHost = -1,
): PlacementDecision {
  if (policy.choose && onlyHost < 0) return chosenByPolicy(view, request, policy, filters, scratch);
  let feasibleCount = 0;
  const feasible = scratch.feasible(view.hostCount);
  const rejectedBy = scratch.rejections(filters.length);
  const from = onlyHost >= 0 ? onlyHost : 0;
  const to = onlyHost >= 0 ? onlyHost + 1 : view.hostCount;
  const screened = startsWithDefaultFilters(filters);
  for (let host = from; host < to; host++) {
    const failed = screened ? firstFailingScreened(view, host, request, filters) : firstFailingFilter(view, host, request, filters);
    if (failed >= 0) {
      rejectedBy[failed]!++;
      continue;
    }
    if (policy.scorers.length === 0) return { host, reason: '' };
    feasible[feasibleCount++] = host;
  }
  if (feasibleCount === 0) return { host: -1, reason: unplacedReason(view, request, filters, rejectedBy) };
  const total = scratch.totals(feasibleCount);
  total.fill(0, 0, feasibleCount);
  const raw = scratch.raw(feasibleCount);
  for (const { plugin, weight } of policy.scorers) {
    let low = Infinity;
    let high = -Infinity;
    if (plugin.scoreHosts) plugin.scoreHosts(view, feasible, feasibleCount, request, raw);
    else for (let i = 0; i < feasibleCount; i++) raw[i] = plugin.score(view, feasible[i]!, request);
    for (let i = 0; i < feasibleCount; i++) {
      const value = raw[i]!;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    const span = high - low;
    for (let i = 0; i < feasibleCount; i++) {
      total[i] = total[i]! + weight * (span > 0 ? ((raw[i]! - low) / span) * 100 : 100);
    }
  }
  let best = 0;
  for (let i = 1; i < feasibleCount; i++) if (total[i]! > total[best]!) best = i;
  return { host: feasible[best]!, reason: '' };
}

/** A whole policy's choice, held to the filters; when it declines, the reason the filters give. */
function chosenByPolicy(
  view: PlacementView,
  request: PlacementRequest,
  policy: PlacementPolicy,
  filters: readonly FilterPlugin[],
  scratch: PlacementScratch,
): PlacementDecision {
  const host = policy.choose!(view, request);
  if (host >= 0) {
    const failed = firstFailingFilter(view, host, request, filters);
    if (failed < 0) return { host, reason: '' };
    throw new PluginError(policy.name, policy.source, `chose host ${host}, which fails the "${filters[failed]!.name}" filter`);
  }
  const rejectedBy = scratch.rejections(filters.length);
  let feasible = 0;
  for (let h = 0; h < view.hostCount; h++) {
    const failed = firstFailingFilter(view, h, request, filters);
    if (failed >= 0) rejectedBy[failed]!++;
    else feasible++;
  }
  return { host: -1, reason: feasible > 0 ? 'declined-by-policy' : unplacedReason(view, request, filters, rejectedBy) };
}

/** firstFailingFilter for filters that begin with DEFAULT_FILTERS: those four tested inline. */
function firstFailingScreened(view: PlacementView, host: number, request: PlacementRequest, filters: readonly FilterPlugin[]): number {
  const failed = firstFailingDefault(view, host, request);
  if (failed >= 0) return failed;
  for (let f = DEFAULT_FILTERS.length; f < filters.length; f++) if (!filters[f]!.passes(view, host, request)) return f;
  return -1;
}

function firstFailingFilter(
  view: PlacementView,
  host: number,
  request: PlacementRequest,
  filters: readonly FilterPlugin[],
): number {
  for (let f = 0; f < filters.length; f++) if (!filters[f]!.passes(view, host, request)) return f;
  return -1;
}

/**
 * Why nothing fit: `larger-than-any-host-<resource>` when no host could take the VM even empty,
 * else the reason of a decisive filter that rejected a host, else the reason of the filter that
 * rejected the most hosts.
 */
function unplacedReason(
  view: PlacementView,
  request: PlacementRequest,
  filters: readonly FilterPlugin[],
  rejectedBy: Int32Array,
): string {
  let maxCpu = 0;
  let maxMemory = 0;
  let maxGpu = 0;
  for (let host = 0; host < view.hostCount; host++) {
    maxCpu = Math.max(maxCpu, view.cpuLimitMhz[host]!);
    maxMemory = Math.max(maxMemory, view.memoryLimitMiB[host]! - view.memoryOverheadMiB[host]!);
    maxGpu = Math.max(maxGpu, view.gpuLimit[host]!);
  }
  if (request.cpuMhz > maxCpu) return 'larger-than-any-host-cpu';
  if (request.memoryMiB > maxMemory) return 'larger-than-any-host-memory';
  if (request.gpus > maxGpu) return 'larger-than-any-host-gpu';
  for (let f = 0; f < filters.length; f++) if (filters[f]!.decisive && rejectedBy[f]! > 0) return filters[f]!.reason;
  let worst = 0;
  for (let f = 1; f < filters.length; f++) if (rejectedBy[f]! > rejectedBy[worst]!) worst = f;
  return filters[worst]!.reason;
}

/** Reusable buffers so that placing thousands of VMs allocates little. */
export class PlacementScratch {
  private feasibleHosts = new Int32Array(0);
  private rejectionCounts = new Int32Array(0);
  private totalScores = new Float64Array(0);
  private rawScores = new Float64Array(0);

  feasible(n: number): Int32Array {
    if (this.feasibleHosts.length < n) this.feasibleHosts = new Int32Array(n);
    return this.feasibleHosts;
  }

  rejections(n: number): Int32Array {
    if (this.rejectionCounts.length < n) this.rejectionCounts = new Int32Array(n);
    this.rejectionCounts.fill(0);
    return this.rejectionCounts;
  }

  totals(n: number): Float64Array {
    if (this.totalScores.length < n) this.totalScores = new Float64Array(Math.max(n, this.feasibleHosts.length));
    return this.totalScores;
  }

  raw(n: number): Float64Array {
    if (this.rawScores.length < n) this.rawScores = new Float64Array(Math.max(n, this.feasibleHosts.length));
    return this.rawScores;
  }
}
