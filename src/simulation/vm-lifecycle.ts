import type { Simulator } from '../engine/simulator.js';
import { vmStartMs } from '../traces/workload.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { SimHooks } from './hooks.js';
import type { HostMembership } from './host-membership.js';
import type { Integrals } from './integrals.js';
import { MIGRATION_ABANDONED, type LiveMigration } from './live-migration.js';
import type { PlacementRequests } from './placement-requests.js';
import type { SimState } from './sim-state.js';
import { ARRIVE, SAMPLE, VM_DEPARTED, VM_PLACED, VM_UNPLACED } from './simulation-options.js';
import { Hot, sampleTime } from './vm-hot.js';

/** How many lane events ahead warm() reads at most (bounds its work when a whole fleet samples at once). */
const WARM_AHEAD = 256;

/**
 * A VM's life from the trace: it arrives and is placed (or not), each sample sets its demand,
 * and it departs at the end of its trace. `sample` is the hot path: direct calls over typed
 * arrays, no allocation.
 */
export class VmLifecycle {
  // Hot-path copies of what every sample reads.
  private readonly v: SimState['vm'];
  private readonly h: SimState['host'];
  private readonly w: SimState['w'];
  private readonly hot: Float64Array;
  /** Elastic VMs' memory follows their samples; fixed VMs hold their size (no read of the sample). */
  private readonly elasticMemory: boolean;
  /** Compatibility mode: a VM requesting exactly 0 MIPS is destroyed (HostDynamicWorkload.getCompletedVms). */
  private readonly vanishAtZero: boolean;
  /** Deferrable work's backlog (null: no VM is deferrable), told when a deferrable VM's trace ends. */
  private backlog: BacklogDepartures | null = null;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly membership: HostMembership,
    private readonly migration: LiveMigration,
    private readonly placement: PlacementRequests,
    private readonly hooks: SimHooks,
    private readonly log: EventLog | null,
  ) {
    this.v = s.vm;
    this.h = s.host;
    this.w = s.w;
    this.hot = s.vm.vmHot;
    this.elasticMemory = s.rules.mode === 'elastic';
    this.vanishAtZero = s.options.compat?.switches.vanishingVms ?? false;
  }

  holdDeparturesFor(backlog: BacklogDepartures): void {
    this.backlog = backlog;
  }

  /** Places the VMs that start in the initial batch (together, at t = 0) and schedules the rest. */
  start(): void {
    const s = this.s;
    const initial: number[] = [];
    for (let vm = 0; vm < s.vmCount; vm++) {
      const startMs = vmStartMs(s.w, vm);
      if (startMs < s.options.initialBatchMs) initial.push(vm);
      else if (startMs < s.options.durationMs) this.sim.schedule(startMs, ARRIVE, vm);
    }
    for (const vm of this.batchOrder(initial)) this.arrive(vm, 0);
  }

  /** SAMPLE and ARRIVE. */
  handle(kind: number, vm: number, atMs: number): void {
    if (kind === SAMPLE) this.sample(vm, atMs);
    else this.arrive(vm, atMs);
  }

  /** The initial batch in the policy's order: as listed, or largest first for decreasing policies. */
  private batchOrder(vms: number[]): number[] {
    // CloudSim creates VMs in list order; the compatibility mode's placement keeps that order.
    if (!this.placement.policy.decreasing || this.s.options.compat?.switches.initialPlacement) return vms;
    const cpu = this.s.rules.reserveCpuMhz;
    const memory = this.s.rules.reserveMemoryMiB;
    const expected = (vm: number) => this.membership.expectedUse(vm);
    return [...vms].sort((a, b) => cpu[b]! - cpu[a]! || expected(b) - expected(a) || memory[b]! - memory[a]! || a - b);
  }

  private arrive(vm: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    s.vm.vmHot[vm * Hot.Stride + Hot.LastMs] = atMs;
    this.log?.vmEvent(atMs, 'arrive', vm);
    const pinned = s.options.pinnedHost ? s.options.pinnedHost[vm]! : -1;
    const decision = this.placement.choose(vm, this.membership.expectedUse(vm), pinned);
    if (decision.host < 0) {
      v.vmState[vm] = VM_UNPLACED;
      s.vmUnplacedReason[vm] = decision.reason;
      this.log?.vmEvent(atMs, 'unplaced', vm, ` reason=${decision.reason}`);
    } else {
      this.membership.reserve(vm, decision.host, 1);
      this.membership.attach(vm, decision.host, atMs);
      s.host.hostVmsPlaced[decision.host]!++;
      this.log?.vmHostEvent(atMs, 'place', vm, decision.host);
    }
    const first = s.w.sampleStart[vm]! < s.w.sampleStart[vm + 1]! ? s.w.sampleAtMs[s.vm.vmHot[vm * Hot.Stride + Hot.Cursor]!]! : s.w.endAtMs[vm]!;
    this.sim.schedule(Math.max(atMs, first), SAMPLE, vm);
  }

  /** The VM's next sample (or its end): the hot path. Repeats itself at the following sample. */
  sample(vm: number, atMs: number): void {
    const s = this.s;
    const w = this.w;
    const v = this.v;
    const hot = this.hot;
    const r = vm * Hot.Stride;
    const k = hot[r + Hot.Cursor]!;
    const end = hot[r + Hot.SampleEnd]!;
    const endAtMs = hot[r + Hot.EndAtMs]!;
    this.integrals.touchVm(vm, atMs);
    const host = v.vmHost[vm]!;
    if (host >= 0) this.integrals.touchHost(host, atMs);
    if (k >= end || atMs >= endAtMs) {
      this.depart(vm, atMs);
      return;
    }
    const demand = w.sampleCpuMhz[k]!;
    // CloudSim first processes at one interval (no VM is destroyed at creation).
    if (this.vanishAtZero && demand === 0 && atMs > 0 && !v.vmMigrating[vm]) {
      this.depart(vm, atMs);
      return;
    }
    const delta = demand - hot[r + Hot.Demand]!;
    hot[r + Hot.Demand] = demand;
    s.clusterDemand += delta;
    if (host >= 0) {
      const hostDemand = this.h.hostDemand;
      hostDemand[host] = hostDemand[host]! + delta;
      if (this.elasticMemory) this.membership.sampleMemory(vm, host, w.sampleMemoryMiB[k]!);
      this.sharing.updateShare(vm, host, demand, atMs);
    }
    hot[r + Hot.Cursor] = k + 1;
    this.sim.repeatCurrentAt(k + 1 < end ? Math.min(sampleTime(hot, r, k + 1, w.sampleAtMs), endAtMs) : endAtMs);
  }

  /**
   * Reads, without changing anything, the state of the VMs whose samples come next in the
   * queue's lane at `atMs`. With thousands of VMs their per-VM state no longer fits the CPU
   * caches and each sample waited on a dozen memory reads in turn; read here together, the
   * reads overlap, and the samples that follow find the lines cached (10,000 VMs: 2-3x faster).
   */
  warm(atMs: number): number {
    const queue = this.sim.queue;
    const v = this.v;
    const w = this.w;
    const hot = this.hot;
    const lane = queue.laneSize;
    let touched = 0;
    for (let i = 0; i < lane && i < WARM_AHEAD; i++) {
      const slot = queue.laneSlot(i);
      if (queue.timeOf(slot) !== atMs) break;
      if (queue.kindOf(slot) !== SAMPLE) continue;
      const vm = queue.targetOf(slot);
      const r = vm * Hot.Stride;
      const k = hot[r + Hot.Cursor]!;
      // The first and the last number of the record that samples use: both its cache lines.
      touched += hot[r + Hot.WantScale]! + v.vmHost[vm]! + v.vmDown[vm]! + v.vmMigrating[vm]! + w.sampleCpuMhz[k]!;
      if (hot[r + Hot.StepMs]! < 0) touched += w.sampleAtMs[k + 1]!;
    }
    return touched;
  }

  private depart(vm: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    if (v.vmDeferrable[vm] && this.backlog!.holdsDeparture(vm, atMs)) {
      this.stayForBacklog(vm, atMs);
      return;
    }
    if (v.vmMigrating[vm]) this.migration.end(vm, MIGRATION_ABANDONED, atMs, 'vm-left');
    if (v.vmHost[vm]! >= 0) this.membership.detach(vm, atMs);
    this.integrals.touchVm(vm, atMs);
    s.clusterDemand -= v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    v.vmHot[vm * Hot.Stride + Hot.Demand] = 0;
    if (v.vmAlive[vm]) v.vmLifetimeInt[vm] = atMs - v.vmFirstStartMs[vm]!;
    v.vmAlive[vm] = 0;
    v.vmDown[vm] = 0;
    v.vmBooting[vm] = 0;
    if (v.vmState[vm] === VM_PLACED) v.vmState[vm] = VM_DEPARTED;
    this.log?.vmEvent(atMs, 'depart', vm);
    this.hooks.fireVmLeft(vm, atMs);
    this.hooks.fireCapacityFreed(atMs);
  }

  /** A deferrable VM's trace ended with backlog: it stays, demanding nothing, while its backlog is served. */
  private stayForBacklog(vm: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const host = v.vmHost[vm]!;
    s.clusterDemand -= v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    if (host >= 0) this.h.hostDemand[host] = this.h.hostDemand[host]! - v.vmHot[vm * Hot.Stride + Hot.Demand]!;
    v.vmHot[vm * Hot.Stride + Hot.Demand] = 0;
    if (host >= 0) this.sharing.updateShare(vm, host, v.vmBacklogAskMhz[vm]!, atMs);
  }
}

/** The backlog's say over a deferrable VM whose trace ended (backlog.ts). */
export interface BacklogDepartures {
  /** true: the VM stays until its backlog is served. */
  holdsDeparture(vm: number, atMs: number): boolean;
}
