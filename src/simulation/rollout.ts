import type { Simulator } from '../engine/simulator.js';
import type { CauseMeter } from './cause-meter.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { HostMembership } from './host-membership.js';
import type { HostPower } from './host-power.js';
import type { PlacementRequests } from './placement-requests.js';
import type { SimState } from './sim-state.js';
import { ROLLOUT_STEP } from './simulation-options.js';
import { Hot } from './vm-hot.js';

/** ROLLOUT_STEP targets: a rollout is due; a wave's replacements retire; instances down in place come back. */
const ROLLOUT_DUE = 0;
const WAVE_RETIRE = 1;
const DOWN_ENDS = 2;

/** A replacement instance booting (then overlapping) on `to` while the old one still serves. */
interface Replacement {
  vm: number;
  to: number;
  heldMiB: number;
}

/**
 * Rollouts: every VM running when its turn comes is replaced, in waves of waveSize in VM
 * order, one wave at a time.
 * - immutable: each VM of the wave gets a new instance through the normal placement pipeline;
 *   the new one holds its reservation and memory on its host while it boots (bootMs) and then
 *   runs beside the old one (overlapMs), serving nothing yet; then the VM moves over in one step
 *   (no copy: the new instance was built from the image) and the old instance is gone. The
 *   rollout's surge is the most hosts on, measured as each wave's new instances are placed,
 *   beyond those on when it began (arrivals meanwhile count too). A VM for which no host has room
 *   is replaced in place instead: down on its own host for bootMs.
 * - in-place: each VM of the wave is patched where it runs: no CPU for patchMs, no surge.
 * Demand lost while down in place is the "rollout" cause of unmet demand (a CauseMeter).
 */
export class Rollout {
  private due = 0;
  private running = false;
  private nextVm = 0;
  private replacements: Replacement[] = [];
  private downVms: number[] = [];
  private readonly downSinceMs = new Map<number, number>();
  /** Hosts on when the current rollout began: its surge is measured against them. */
  private activeAtBegin = 0;

  constructor(
    private readonly s: SimState,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly membership: HostMembership,
    private readonly power: HostPower,
    private readonly placement: PlacementRequests,
    private readonly meter: CauseMeter,
    private readonly log: EventLog | null,
  ) {
    s.rolloutHolds = { to: new Int32Array(s.vmCount).fill(-1), heldMiB: new Float64Array(s.vmCount) };
  }

  start(): void {
    const r = this.s.options.rollout!;
    const endMs = this.s.options.durationMs;
    for (const atMs of r.startsMs) if (atMs < endMs) this.sim.schedule(atMs, ROLLOUT_STEP, ROLLOUT_DUE);
    const last = r.startsMs[r.startsMs.length - 1];
    if (r.everyMs === null || r.everyMs <= 0 || last === undefined) return;
    for (let atMs = last + r.everyMs; atMs < endMs; atMs += r.everyMs) this.sim.schedule(atMs, ROLLOUT_STEP, ROLLOUT_DUE);
  }

  handle(_kind: number, target: number, atMs: number): void {
    this.sharing.flushDirty(atMs);
    if (target === ROLLOUT_DUE) {
      this.due++;
      if (!this.running) this.begin(atMs);
      return;
    }
    if (target === DOWN_ENDS) {
      this.endDown(atMs);
      if (this.replacements.length === 0) this.nextWave(atMs);
      return;
    }
    this.retire(atMs);
    // Hosts the retired instances emptied switch off now, before the next wave is measured.
    this.sharing.flushDirty(atMs);
    this.nextWave(atMs);
  }

  private begin(atMs: number): void {
    this.due--;
    this.running = true;
    this.nextVm = 0;
    this.s.rolloutTally.rollouts++;
    this.activeAtBegin = this.s.clusterActive;
    this.log?.line(atMs, 'rollout-start', `mode=${this.s.options.rollout!.mode}`);
    this.nextWave(atMs);
  }

  /** Opens the next wave, or ends the rollout (and begins a delayed one) when no VM is left. */
  private nextWave(atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const r = s.options.rollout!;
    const wave: number[] = [];
    while (wave.length < r.waveSize && this.nextVm < s.vmCount) {
      const vm = this.nextVm++;
      if (!v.vmAlive[vm] || v.vmHost[vm]! < 0) continue;
      if (v.vmDown[vm] || v.vmMigrating[vm]) {
        s.rolloutTally.skipped++;
        continue;
      }
      wave.push(vm);
    }
    if (wave.length === 0) {
      this.running = false;
      this.s.rolloutTally.completed++;
      this.log?.line(atMs, 'rollout-end', '');
      if (this.due > 0) this.begin(atMs);
      return;
    }
    s.rolloutTally.waves++;
    if (r.mode === 'in-place') {
      for (const vm of wave) this.goDown(vm, atMs, r.patchMs, 'patch-start');
    } else {
      for (const vm of wave) {
        const decision = this.placement.choose(vm, Math.min(v.vmHot[vm * Hot.Stride + Hot.Demand]!, s.rules.cpuCapMhz[vm]!));
        if (decision.host < 0) this.goDown(vm, atMs, r.bootMs, 'rollout-in-place');
        else this.hold(vm, decision.host, atMs);
      }
      const surge = s.clusterActive - this.activeAtBegin;
      if (surge > s.rolloutTally.peakSurgeHosts) s.rolloutTally.peakSurgeHosts = surge;
      const retireAt = atMs + r.bootMs + r.overlapMs;
      if (this.replacements.length > 0 && retireAt < s.options.durationMs) this.sim.schedule(retireAt, ROLLOUT_STEP, WAVE_RETIRE);
    }
  }

  /** A new instance of `vm` boots on `to`, holding its place there (switched on if it was off). */
  private hold(vm: number, to: number, atMs: number): void {
    const s = this.s;
    const r = s.options.rollout!;
    const heldMiB = s.vm.vmFootprint[vm]!;
    this.membership.reserve(vm, to, 1);
    this.membership.holdMemory(to, heldMiB);
    s.host.hostIncoming[to]!++;
    this.power.powerOn(to, atMs);
    this.replacements.push({ vm, to, heldMiB });
    s.rolloutHolds!.to[vm] = to;
    s.rolloutHolds!.heldMiB[vm] = heldMiB;
    this.log?.vmHostEvent(atMs, 'rollout-boot', vm, s.vm.vmHost[vm]!, ` to=${this.log.hostId(to)} ready=${((atMs + r.bootMs) / 1000).toFixed(3)} retire=${((atMs + r.bootMs + r.overlapMs) / 1000).toFixed(3)}`);
  }

  /** The wave's new instances take over; the old ones are gone. */
  private retire(atMs: number): void {
    const s = this.s;
    const v = s.vm;
    for (const { vm, to, heldMiB } of this.replacements) {
      this.membership.reserve(vm, to, -1);
      this.membership.holdMemory(to, -heldMiB);
      s.host.hostIncoming[to]!--;
      s.rolloutHolds!.to[vm] = -1;
      s.rolloutHolds!.heldMiB[vm] = 0;
      s.markDirty(to);
      const from = v.vmHost[vm]!;
      // The old instance crashed, left or is moving: its replacement is dropped with it.
      if (from < 0 || v.vmDown[vm] || v.vmMigrating[vm] || s.host.hostDownCount[to]! > 0) {
        s.rolloutTally.skipped++;
        this.log?.vmHostEvent(atMs, 'rollout-drop', vm, to);
        continue;
      }
      this.membership.detach(vm, atMs);
      this.membership.reserve(vm, to, 1);
      this.membership.attach(vm, to, atMs);
      s.rolloutTally.replaced++;
      this.log?.vmHostEvent(atMs, 'rollout-retire', vm, to, ` from=${this.log.hostId(from)}`);
    }
    this.replacements = [];
  }

  /** `vm` stops serving on its own host for `downMs` (a patch, or a replacement booting in place). */
  private goDown(vm: number, atMs: number, downMs: number, kind: string): void {
    const s = this.s;
    const v = s.vm;
    const host = v.vmHost[vm]!;
    this.meter.begin(vm, atMs);
    this.meter.touch(vm, host, atMs);
    v.vmHot[vm * Hot.Stride + Hot.WantScale] = 0;
    this.sharing.updateShare(vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
    this.downVms.push(vm);
    this.downSinceMs.set(vm, atMs);
    if (kind === 'rollout-in-place') s.rolloutTally.inPlace++;
    const endMs = atMs + downMs;
    this.log?.vmHostEvent(atMs, kind, vm, host, ` ends=${(endMs / 1000).toFixed(3)}`);
    if (this.downVms.length === 1 && endMs < s.options.durationMs) this.sim.schedule(endMs, ROLLOUT_STEP, DOWN_ENDS);
  }

  /** Instances down in place serve again (unless they crashed or left meanwhile). */
  private endDown(atMs: number): void {
    const s = this.s;
    const v = s.vm;
    for (const vm of this.downVms) {
      this.meter.end(vm, atMs);
      s.rolloutTally.instanceDownMs += atMs - this.downSinceMs.get(vm)!;
      const host = v.vmHost[vm]!;
      if (host < 0 || v.vmDown[vm]) continue;
      if (s.options.rollout!.mode === 'in-place') s.rolloutTally.replaced++;
      this.meter.touch(vm, host, atMs);
      v.vmHot[vm * Hot.Stride + Hot.WantScale] = 1;
      this.sharing.updateShare(vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
      this.log?.vmHostEvent(atMs, 'serving-again', vm, host);
    }
    this.downVms = [];
    this.downSinceMs.clear();
  }

  /** Closes what is still open at the end of the run. */
  finish(endMs: number): void {
    for (const vm of this.downVms) this.s.rolloutTally.instanceDownMs += endMs - this.downSinceMs.get(vm)!;
    this.meter.finish(endMs);
  }
}
