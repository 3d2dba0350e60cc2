import type { CpuSharing } from './cpu-sharing.js';
import type { HostPower } from './host-power.js';
import type { Integrals } from './integrals.js';
import type { SimState } from './sim-state.js';
import { VM_PLACED } from './simulation-options.js';
import { Hot } from './vm-hot.js';

/**
 * Which VMs are on which host: the per-host VM lists, the reservations placement sees, the
 * memory each VM holds, and the stays recorded for the run. Attach and detach are the only way
 * a VM joins or leaves a host.
 */
export class HostMembership {
  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sharing: CpuSharing,
    private readonly power: HostPower,
  ) {}

  /** Adds (sign 1) or removes (-1) a VM's reservation on a host, as placement sees it. */
  reserve(vm: number, host: number, sign: 1 | -1): void {
    const view = this.s.view;
    const rules = this.s.rules;
    view.cpuReservedMhz[host] = view.cpuReservedMhz[host]! + sign * rules.reserveCpuMhz[vm]!;
    view.memoryReservedMiB[host] = view.memoryReservedMiB[host]! + sign * (rules.reserveMemoryMiB[vm]! + view.memoryOverheadMiB[host]!);
    view.gpusReserved[host] = view.gpusReserved[host]! + sign * this.s.w.gpus[vm]!;
  }

  /** Puts a VM on a host whose reservation it already holds: list membership, load, footprint. */
  attach(vm: number, host: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const h = s.host;
    this.integrals.touchHost(host, atMs);
    this.integrals.touchVm(vm, atMs);
    v.vmState[vm] = VM_PLACED;
    v.vmHost[vm] = host;
    v.vmLastHost[vm] = host;
    if (!v.vmAlive[vm] && v.vmLifetimeInt[vm] === 0) v.vmFirstStartMs[vm] = atMs;
    v.vmAlive[vm] = 1;
    v.vmAssignment[vm] = s.assignments.length;
    s.assignments.push({ vm, host, fromMs: atMs, toMs: Number.NaN });
    const head = h.hostHead[host]!;
    v.vmNext[vm] = head;
    v.vmPrev[vm] = -1;
    if (head >= 0) v.vmPrev[head] = vm;
    h.hostHead[host] = vm;
    h.hostVmCount[host]!++;
    s.clusterRunningVms++;
    h.hostDemand[host] = h.hostDemand[host]! + v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    v.vmHot[vm * Hot.Stride + Hot.Want] = Math.min(v.vmHot[vm * Hot.Stride + Hot.Demand]! + v.vmBacklogAskMhz[vm]!, s.rules.cpuCapMhz[vm]!) * v.vmHot[vm * Hot.Stride + Hot.WantScale]!;
    h.hostWant[host] = h.hostWant[host]! + v.vmHot[vm * Hot.Stride + Hot.Want]!;
    const cursor = s.vm.vmHot[vm * Hot.Stride + Hot.Cursor]!;
    if (cursor === s.w.sampleStart[vm] && cursor < s.w.sampleStart[vm + 1]!) this.sharing.setPendingUse(vm, host, this.expectedUse(vm));
    this.setFootprint(vm, host, this.footprintFor(vm, host, this.currentMemoryUse(vm)));
    if (!h.hostOn[host]) this.power.powerOn(host, atMs);
    s.markDirty(host);
  }

  /** Takes a VM off its host and releases its reservation there. */
  detach(vm: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const h = s.host;
    const host = v.vmHost[vm]!;
    this.integrals.touchHost(host, atMs);
    this.integrals.touchVm(vm, atMs);
    this.reserve(vm, host, -1);
    const next = v.vmNext[vm]!;
    const prev = v.vmPrev[vm]!;
    if (prev >= 0) v.vmNext[prev] = next;
    else h.hostHead[host] = next;
    if (next >= 0) v.vmPrev[next] = prev;
    h.hostVmCount[host]!--;
    s.clusterRunningVms--;
    h.hostDemand[host] = h.hostDemand[host]! - v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    h.hostWant[host] = h.hostWant[host]! - v.vmHot[vm * Hot.Stride + Hot.Want]!;
    v.vmHot[vm * Hot.Stride + Hot.Want] = 0;
    if (s.vm.vmHot[vm * Hot.Stride + Hot.PendingUse] !== 0) this.sharing.setPendingUse(vm, host, 0);
    this.setFootprint(vm, host, 0);
    v.vmHost[vm] = -1;
    v.vmHot[vm * Hot.Stride + Hot.Served] = 0;
    s.assignments[v.vmAssignment[vm]!]!.toMs = atMs;
    v.vmAssignment[vm] = -1;
    s.markDirty(host);
  }

  /** What a VM uses now, or (before its first sample) what its first sample says it will. */
  expectedUse(vm: number): number {
    const s = this.s;
    const k = s.vm.vmHot[vm * Hot.Stride + Hot.Cursor]!;
    if (k > s.w.sampleStart[vm]! || k >= s.w.sampleStart[vm + 1]!) return s.vm.vmHot[vm * Hot.Stride + Hot.Want]!;
    return Math.min(s.w.sampleCpuMhz[k]!, s.rules.cpuCapMhz[vm]!);
  }

  /** A sample's memory use, for elastic VMs: they hold what they use, within their bounds. */
  sampleMemory(vm: number, host: number, usedMiB: number): void {
    this.setFootprint(vm, host, this.footprintFor(vm, host, usedMiB));
  }

  /** Memory a destination holds for a VM on its way there (sign 1 at the start, -1 at the end). */
  holdTransit(vm: number, to: number, sign: 1 | -1): void {
    const v = this.s.vm;
    if (sign === 1) v.vmTransitFootprint[vm] = v.vmFootprint[vm]!;
    this.addFootprint(to, sign * v.vmTransitFootprint[vm]!);
    if (sign === -1) v.vmTransitFootprint[vm] = 0;
  }

  /** Memory a host holds for something that is not (yet) a VM on it: a rollout's new instance booting there. */
  holdMemory(host: number, deltaMiB: number): void {
    this.addFootprint(host, deltaMiB);
  }

  private currentMemoryUse(vm: number): number {
    const s = this.s;
    const k = s.vm.vmHot[vm * Hot.Stride + Hot.Cursor]!;
    return k > s.w.sampleStart[vm]! ? s.w.sampleMemoryMiB[k - 1]! : s.rules.memoryMinMiB[vm]!;
  }

  private footprintFor(vm: number, host: number, usedMiB: number): number {
    const min = this.s.rules.memoryMinMiB[vm]!;
    const max = this.s.rules.memoryMaxMiB[vm]!;
    const guest = usedMiB < min ? min : usedMiB > max ? max : usedMiB;
    return guest + this.s.view.memoryOverheadMiB[host]!;
  }

  private setFootprint(vm: number, host: number, footprint: number): void {
    this.addFootprint(host, footprint - this.s.vm.vmFootprint[vm]!);
    this.s.vm.vmFootprint[vm] = footprint;
  }

  private addFootprint(host: number, delta: number): void {
    const s = this.s;
    const h = s.host;
    const before = h.hostFootprint[host]!;
    const after = before + delta;
    h.hostFootprint[host] = after;
    s.clusterFootprint += delta;
    const memory = s.dc.memoryMiB[host]!;
    s.clusterOvercommitted += Math.max(0, after - memory) - Math.max(0, before - memory);
  }
}
