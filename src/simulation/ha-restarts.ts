import type { Simulator } from '../engine/simulator.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { SimHooks } from './hooks.js';
import type { HostMembership } from './host-membership.js';
import type { Integrals } from './integrals.js';
import type { PlacementRequests } from './placement-requests.js';
import type { SimState } from './sim-state.js';
import { VM_BOOTED, VM_RESTART } from './simulation-options.js';
import { Hot } from './vm-hot.js';

/**
 * High availability: a VM whose host failed is restarted elsewhere through the normal placement
 * pipeline after a detection delay, then boots (placed, serving nothing) before it serves again.
 * VMs that fit nowhere wait, first come first served, until capacity frees up. A VM that has
 * used up its restarts is reported as failed.
 */
export class HaRestarts {
  /** VMs waiting for a host, in the order they asked (failure time, then VM index). */
  private waiting: number[] = [];

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly membership: HostMembership,
    private readonly placement: PlacementRequests,
    hooks: SimHooks,
    private readonly log: EventLog | null,
  ) {
    hooks.vmLeft.push((vm) => this.forget(vm));
    hooks.capacityFreed.push((atMs) => {
      if (this.s.waitingCount > 0) this.retryWaiting(atMs);
    });
  }

  /** The VM's host went down under it: it stops, and asks to restart after the detection delay. */
  crash(vm: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const host = v.vmHost[vm]!;
    this.membership.detach(vm, atMs);
    v.vmDown[vm] = 1;
    v.vmBooting[vm] = 0;
    v.vmHot[vm * Hot.Stride + Hot.WantScale] = 1;
    if (v.vmRestarts[vm]! >= s.options.ha.restartLimit) {
      v.vmFailed[vm] = 1;
      this.log?.vmHostEvent(atMs, 'vm-failed', vm, host, ` restarts=${v.vmRestarts[vm]}`);
      return;
    }
    this.log?.vmHostEvent(atMs, 'vm-crash', vm, host);
    const at = atMs + s.options.ha.detectionMs;
    if (at < s.options.durationMs) this.sim.schedule(at, VM_RESTART, vm);
  }

  /** VM_RESTART and VM_BOOTED. */
  handle(kind: number, vm: number, atMs: number): void {
    if (kind === VM_RESTART) this.restart(vm, atMs);
    else this.booted(vm, atMs);
  }

  private restart(vm: number, atMs: number): void {
    const v = this.s.vm;
    if (!v.vmAlive[vm] || !v.vmDown[vm] || v.vmHost[vm]! >= 0 || v.vmFailed[vm] || v.vmWaiting[vm]) return;
    // Its lost demand moves from "host down" to "waiting for a restart" from now on.
    this.integrals.touchVm(vm, atMs);
    if (this.tryRestart(vm, atMs)) return;
    v.vmWaiting[vm] = 1;
    this.s.waitingCount++;
    this.waiting.push(vm);
    this.log?.vmEvent(atMs, 'vm-wait', vm, ` waiting=${this.s.waitingCount}`);
  }

  /** Places a crashed VM through the normal pipeline; it boots before it serves again. */
  private tryRestart(vm: number, atMs: number): boolean {
    const s = this.s;
    const v = s.vm;
    const decision = this.placement.choose(vm, Math.min(v.vmHot[vm * Hot.Stride + Hot.Demand]!, s.rules.cpuCapMhz[vm]!));
    if (decision.host < 0) return false;
    v.vmHot[vm * Hot.Stride + Hot.WantScale] = 0;
    v.vmBooting[vm] = 1;
    this.membership.reserve(vm, decision.host, 1);
    this.membership.attach(vm, decision.host, atMs);
    v.vmRestarts[vm]!++;
    s.meter.vmRestarts++;
    const bootedAt = atMs + s.options.ha.bootMs;
    v.vmReadyAtMs[vm] = bootedAt;
    if (bootedAt < s.options.durationMs) this.sim.schedule(bootedAt, VM_BOOTED, vm);
    this.log?.vmHostEvent(atMs, 'vm-restart', vm, decision.host, ` ready=${(bootedAt / 1000).toFixed(3)}`);
    return true;
  }

  private booted(vm: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const host = v.vmHost[vm]!;
    if (!v.vmBooting[vm] || host < 0 || v.vmReadyAtMs[vm] !== atMs) return;
    this.integrals.touchVm(vm, atMs);
    this.integrals.touchHost(host, atMs);
    v.vmBooting[vm] = 0;
    v.vmDown[vm] = 0;
    v.vmHot[vm * Hot.Stride + Hot.WantScale] = 1;
    this.log?.vmHostEvent(atMs, 'vm-booted', vm, host);
    this.sharing.updateShare(vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
  }

  /** Tries the waiting VMs in order; those that still do not fit keep their place. */
  private retryWaiting(atMs: number): void {
    const still: number[] = [];
    for (const vm of this.waiting) {
      if (!this.s.vm.vmWaiting[vm]) continue;
      if (this.tryRestart(vm, atMs)) {
        this.s.vm.vmWaiting[vm] = 0;
        this.s.waitingCount--;
      } else {
        still.push(vm);
      }
    }
    this.waiting = still;
  }

  /** A waiting VM departed: it no longer waits. */
  private forget(vm: number): void {
    if (!this.s.vm.vmWaiting[vm]) return;
    this.s.vm.vmWaiting[vm] = 0;
    this.s.waitingCount--;
  }
}
