import { chooseHost, PlacementScratch, type PlacementDecision } from '../placement/place.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { PlacementRequest, PlacementView } from '../placement/placement-view.js';
import { DEFAULT_FILTERS, type FilterPlugin } from '../placement/plugins.js';
import { rackPowerFilter } from '../placement/rack-power-filter.js';
import type { RackBudgets } from './rack-budgets.js';
import type { SimState } from './sim-state.js';

/**
 * Asks the placement pipeline for a host for one VM (an arrival, an HA restart, a maintenance
 * drain): the VM's reservation, its expected CPU and I/O, against every host's current use.
 */
export class PlacementRequests {
  readonly policy: PlacementPolicy;
  private readonly scratch = new PlacementScratch();
  private readonly request: PlacementRequest = { cpuMhz: 0, memoryMiB: 0, gpus: 0, expectedCpuMhz: 0, expectedDiskMBps: 0, expectedNetworkMBps: 0 };

  private readonly view: PlacementView;
  private readonly filters: readonly FilterPlugin[];
  private readonly pinnedFilters: readonly FilterPlugin[];

  constructor(
    private readonly s: SimState,
    policy: PlacementPolicy,
    private readonly racks: RackBudgets | null = null,
  ) {
    this.policy = policy;
    // With rack budgets, the view carries them and every request also passes the rack filter.
    this.view = racks ? { ...s.view, racks: racks.view } : s.view;
    const base = policy.extraFilters ? [...DEFAULT_FILTERS, ...policy.extraFilters] : DEFAULT_FILTERS;
    this.filters = racks ? [...base, rackPowerFilter] : base;
    this.pinnedFilters = racks ? [...DEFAULT_FILTERS, rackPowerFilter] : DEFAULT_FILTERS;
  }

  /** A host for `vm` expected to use `expectedCpuMhz` (only `pinnedHost` when >= 0), or -1 with a reason. */
  choose(vm: number, expectedCpuMhz: number, pinnedHost = -1): PlacementDecision {
    const s = this.s;
    const request = this.request;
    request.cpuMhz = s.rules.reserveCpuMhz[vm]!;
    request.memoryMiB = s.rules.reserveMemoryMiB[vm]!;
    request.gpus = s.w.gpus[vm]!;
    request.expectedCpuMhz = expectedCpuMhz;
    request.expectedDiskMBps = s.view.io?.vmDiskMBps[vm] ?? 0;
    request.expectedNetworkMBps = s.view.io?.vmNetworkMBps[vm] ?? 0;
    this.refreshUse();
    this.racks?.refresh();
    return pinnedHost >= 0
      ? chooseHost(this.view, request, this.policy, this.scratch, this.pinnedFilters, pinnedHost)
      : chooseHost(this.view, request, this.policy, this.scratch, this.filters);
  }

  /** Placement's view of each host's CPU use: what its VMs want now, plus what new VMs will. */
  private refreshUse(): void {
    const s = this.s;
    const used = s.view.cpuUsedMhz;
    for (let host = 0; host < s.dc.hostCount; host++) used[host] = s.host.hostWant[host]! + s.host.hostPendingUse[host]!;
  }
}
