import type { CloudsimView } from './cloudsim-view.js';

/**
 * The planner's working copy of CloudSim's hosts for one round (saveAllocation): each host's VM
 * list in CloudSim's order, its requested and allocated MIPS and its utilization history (the
 * sum of its VMs' requested-MIPS histories over host MIPS, oldest first, as
 * PowerHostUtilizationHistory.getUtilizationHistory builds it). CloudSim creates and destroys
 * VMs on its real hosts while planning and restores them afterwards; this copy is thrown away.
 * The arrays are reused from round to round.
 */
export class CloudsimPlanHosts {
  readonly lists: number[][] = [];
  requested = new Float64Array(0);
  allocated = new Float64Array(0);
  history = new Float64Array(0);
  /** History values per host (the rounds recorded, up to the history length). */
  n = 0;
  private vmWindow = new Float64Array(64);
  private vmBuffer = new Int32Array(0);

  constructor(private readonly coreCap: boolean) {}

  load(view: CloudsimView): void {
    const hosts = view.hostCount;
    const n = view.historyLength;
    this.n = n;
    if (this.vmBuffer.length < view.vmCount) this.vmBuffer = new Int32Array(view.vmCount);
    if (this.vmWindow.length < n) this.vmWindow = new Float64Array(n);
    if (this.requested.length !== hosts) {
      this.requested = new Float64Array(hosts);
      this.allocated = new Float64Array(hosts);
    }
    if (this.history.length !== hosts * n) this.history = new Float64Array(hosts * n);
    this.requested.fill(0);
    this.allocated.fill(0);
    this.history.fill(0);
    while (this.lists.length < hosts) this.lists.push([]);
    for (let host = 0; host < hosts; host++) {
      this.lists[host]!.length = 0;
      const count = view.vmsOn(host, this.vmBuffer);
      for (let i = 0; i < count; i++) this.add(view, host, this.vmBuffer[i]!);
    }
  }

  /** Allocated MIPS; an oversubscribed host allocates its MIPS (redistributeMipsDueToOverSubscription). */
  allocatedOn(view: CloudsimView, host: number): number {
    return Math.min(this.allocated[host]!, view.hostMips[host]!);
  }

  /** The largest RAM of the host's VMs, MB (getMaximumVmMigrationTime). */
  maxRam(view: CloudsimView, host: number): number {
    let max = 0;
    for (const vm of this.lists[host]!) max = Math.max(max, view.vmRamMb[vm]!);
    return max;
  }

  /** Host.vmCreate: appended to the host's list. */
  add(view: CloudsimView, host: number, vm: number): void {
    this.lists[host]!.push(vm);
    this.account(view, host, vm, 1);
  }

  /** Host.vmDestroy. */
  remove(view: CloudsimView, host: number, vm: number): void {
    const list = this.lists[host]!;
    list.splice(list.indexOf(vm), 1);
    this.account(view, host, vm, -1);
  }

  private account(view: CloudsimView, host: number, vm: number, sign: 1 | -1): void {
    const request = view.vmRequestedMips[vm]!;
    const mips = view.hostMips[host]!;
    this.requested[host] = this.requested[host]! + sign * request;
    // VmSchedulerTimeSharedOverSubscription caps each request at one core's MIPS.
    const allocated = this.coreCap ? Math.min(request, view.hostPeMips[host]!) : request;
    this.allocated[host] = this.allocated[host]! + sign * allocated;
    const n = this.n;
    const m = view.vmHistory(vm, this.vmWindow);
    const base = host * n + n - m;
    for (let k = 0; k < m; k++) this.history[base + k] = this.history[base + k]! + (sign * this.vmWindow[k]!) / mips;
  }
}
