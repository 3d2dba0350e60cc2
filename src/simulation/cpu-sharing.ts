import { ShareBuffers } from '../scheduling/share-buffers.js';
import type { EventLog } from './event-log.js';
import type { HostPower } from './host-power.js';
import type { Integrals } from './integrals.js';
import type { SimState } from './sim-state.js';
import { Hot } from './vm-hot.js';

/**
 * What each VM on a host is served. While a host has room for every VM's want, each VM gets its
 * want, and a sample moves only its own share: O(1). Otherwise the host is marked dirty and
 * re-shared by the pure sharing function once per time step, when the clock moves on.
 */
export class CpuSharing {
  private readonly share = new ShareBuffers();
  private shareVm = new Int32Array(64);
  // Hot-path copies of what every sample reads.
  private readonly v: SimState['vm'];
  private readonly h: SimState['host'];
  private readonly hot: Float64Array;
  private readonly guestCapacity: Float64Array;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly power: HostPower,
    private readonly log: EventLog | null,
  ) {
    this.v = s.vm;
    this.h = s.host;
    this.hot = s.vm.vmHot;
    this.guestCapacity = s.hostGuestCapacity;
  }

  /**
   * A VM's demand (or its want scale) changed: O(1) while its host has room, else the host is
   * queued to be re-shared. The hot path of every sample.
   */
  updateShare(vm: number, host: number, demand: number, atMs: number): void {
    const s = this.s;
    const v = this.v;
    const h = this.h;
    const hot = this.hot;
    const r = vm * Hot.Stride;
    const cap = hot[r + Hot.CapMhz]!;
    const uncapped = demand < cap ? demand : cap;
    const want = uncapped * hot[r + Hot.WantScale]!;
    if (v.vmMigrating[vm]) v.vmDegradedRate[vm] = uncapped - want;
    const hostWant = h.hostWant[host]! + want - hot[r + Hot.Want]!;
    hot[r + Hot.Want] = want;
    h.hostWant[host] = hostWant;
    if (hot[r + Hot.PendingUse] !== 0) this.setPendingUse(vm, host, 0);
    const capacity = h.hostBooting[host] ? 0 : this.guestCapacity[host]!;
    if (h.hostDirty[host] || h.hostOverloaded[host] || hostWant > capacity) {
      s.markDirty(host);
      return;
    }
    const servedDelta = want - hot[r + Hot.Served]!;
    if (servedDelta === 0) return;
    hot[r + Hot.Served] = want;
    h.hostServed[host] = h.hostServed[host]! + servedDelta;
    s.clusterServed += servedDelta;
    if (this.log !== null) this.log.share(atMs, vm, host, hot[r + Hot.Demand]!, want);
    s.markPowerDirty(host);
  }

  /** Counts (or stops counting) a placed VM's expected use until its first sample. */
  setPendingUse(vm: number, host: number, use: number): void {
    const h = this.s.host;
    const at = vm * Hot.Stride + Hot.PendingUse;
    h.hostPendingUse[host] = h.hostPendingUse[host]! + use - this.hot[at]!;
    this.hot[at] = use;
  }

  /** Re-shares every host queued since the last time step, then brings every changed host's power up to date. */
  flushDirty(atMs: number): void {
    const s = this.s;
    const h = s.host;
    for (let i = 0; i < s.dirtyCount; i++) {
      const host = h.dirtyList[i]!;
      h.hostDirty[host] = 0;
      this.settleHost(host, atMs);
    }
    s.dirtyCount = 0;
    for (let i = 0; i < s.powerDirtyCount; i++) {
      const host = h.powerDirtyList[i]!;
      h.hostPowerDirty[host] = 0;
      this.power.refresh(host);
    }
    s.powerDirtyCount = 0;
  }

  /** Recomputes a host's shares, power and on/off state after its VMs changed at `atMs`. */
  settleHost(host: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const h = s.host;
    const rules = s.rules;
    this.integrals.touchHost(host, atMs);
    const count = h.hostVmCount[host]!;
    if (s.options.power.switchOffIdle && count === 0 && h.hostIncoming[host] === 0 && h.hostOn[host]) this.power.powerOff(host, atMs);
    this.ensureCapacity(count);
    const share = this.share;
    let i = 0;
    for (let vm = h.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) {
      this.shareVm[i] = vm;
      const scale = v.vmHot[vm * Hot.Stride + Hot.WantScale]!;
      // A deferrable VM with backlog asks for more than its demand (backlog.ts); 0 otherwise.
      share.demand[i] = (v.vmHot[vm * Hot.Stride + Hot.Demand]! + v.vmBacklogAskMhz[vm]!) * scale;
      share.floor[i] = rules.cpuFloorMhz[vm]! * scale;
      share.cap[i] = rules.cpuCapMhz[vm]! * scale;
      share.weight[i] = rules.cpuWeight[vm]!;
      i++;
    }
    const capacity = h.hostBooting[host] ? 0 : s.hostGuestCapacity[host]!;
    const served = share.share(capacity, count);
    let wanted = 0;
    for (let j = 0; j < count; j++) {
      const vm = this.shareVm[j]!;
      const want = Math.min(share.demand[j]!, share.cap[j]!);
      // The VM's own want follows the re-share (it includes a deferrable VM's backlog ask).
      v.vmHot[vm * Hot.Stride + Hot.Want] = want;
      wanted += want;
      if (v.vmHot[vm * Hot.Stride + Hot.Served] !== share.served[j]) {
        this.integrals.touchVm(vm, atMs);
        v.vmHot[vm * Hot.Stride + Hot.Served] = share.served[j]!;
        if (this.log !== null) this.log.share(atMs, vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]!, share.served[j]!);
      }
    }
    h.hostWant[host] = wanted;
    h.hostOverloaded[host] = wanted > capacity ? 1 : 0;
    s.clusterServed += served - h.hostServed[host]!;
    h.hostServed[host] = served;
    this.power.refresh(host);
  }

  private ensureCapacity(count: number): void {
    this.share.ensure(count);
    if (count > this.shareVm.length) this.shareVm = new Int32Array(Math.max(count, this.shareVm.length * 2));
  }
}
