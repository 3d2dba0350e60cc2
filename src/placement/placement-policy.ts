import type { PlacementRequest, PlacementView } from './placement-view.js';
import type { FilterPlugin, ScorePlugin } from './plugins.js';

/** A named placement profile, as selected by `placement.policy` in a scenario. */
export interface PlacementPolicy {
  readonly name: string;
  readonly description: string;
  /** Place a batch largest-first (CPU reservation, expected use, memory) instead of in arrival order. */
  readonly decreasing: boolean;
  /** Scorers with weights > 0; none means the lowest-index feasible host wins (first fit). */
  readonly scorers: readonly { plugin: ScorePlugin; weight: number }[];
  /** Filters this policy adds to the default ones (available, cpu, memory, gpu). */
  readonly extraFilters?: readonly FilterPlugin[];
  /**
   * A whole policy instead of scorers: the host index for a request, or -1 for none. The host
   * must pass the filters (available, cpu, memory, gpu and the extra ones); pinned VMs bypass it.
   */
  readonly choose?: (view: PlacementView, request: PlacementRequest) => number;
  /** The module a plug-in policy came from (absent for built-ins), for error messages. */
  readonly source?: string;
}

/** Checks a profile when it is built: weights > 0, no scorer twice. */
export function definePolicy(policy: PlacementPolicy): PlacementPolicy {
  const seen = new Set<string>();
  for (const { plugin, weight } of policy.scorers) {
    if (!(weight > 0)) throw new Error(`placement policy ${policy.name}: weight of ${plugin.name} must be > 0`);
    if (seen.has(plugin.name)) throw new Error(`placement policy ${policy.name}: scorer ${plugin.name} listed twice`);
    seen.add(plugin.name);
  }
  return policy;
}
