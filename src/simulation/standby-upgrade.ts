import type { Simulator } from '../engine/simulator.js';
import type { CauseMeter } from './cause-meter.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { HostPower } from './host-power.js';
import type { SimState } from './sim-state.js';
import { MAINTENANCE_STEP } from './simulation-options.js';
import { Hot } from './vm-hot.js';

/**
 * Hypervisor upgrades by hand-over to a standby hypervisor, batch by batch in host order: the
 * VMs stay where they are and nothing is copied; for the transition each VM keeps only
 * `cpuFraction` of its CPU (0: paused) and the host takes no new VM; then it carries on under
 * the new hypervisor and the next batch starts. The demand the VMs lose in the transition is
 * the "upgrade transition" cause of unmet demand (measured by a CauseMeter). A host that is
 * down when its batch opens is skipped; one that fails during its transition comes back
 * through its repair, as after any failure.
 */
export class StandbyUpgrade {
  private batch: number[] = [];
  private batchVms: number[] = [];
  private nextHost = 0;

  constructor(
    private readonly s: SimState,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly power: HostPower,
    private readonly meter: CauseMeter,
    private readonly log: EventLog | null,
  ) {}

  start(): void {
    const m = this.s.options.maintenance!;
    if (m.startMs < this.s.options.durationMs) this.sim.schedule(m.startMs, MAINTENANCE_STEP, 0);
  }

  /** MAINTENANCE_STEP: ends the current batch's transition, then starts the next batch's. */
  handle(_kind: number, _target: number, atMs: number): void {
    this.sharing.flushDirty(atMs);
    if (this.batch.length > 0) this.endBatch(atMs);
    this.openBatch(atMs);
    const m = this.s.options.maintenance!;
    const endMs = atMs + m.standby!.transitionMs;
    if (this.batch.length > 0 && endMs < this.s.options.durationMs) this.sim.repeatCurrentAt(endMs);
    else if (this.batch.length > 0) this.s.upgradeTally.hostOutMs += (this.s.options.durationMs - atMs) * this.batch.length;
  }

  private openBatch(atMs: number): void {
    const s = this.s;
    const h = s.host;
    const m = s.options.maintenance!;
    while (this.batch.length < m.batchSize && this.nextHost < s.dc.hostCount) {
      const host = this.nextHost++;
      if (h.hostDownCount[host]! > 0) continue;
      this.batch.push(host);
    }
    if (this.batch.length === 0) return;
    this.log?.line(atMs, 'standby-batch', `hosts=${this.batch.map((host) => this.log!.hostId(host)).join(',')}`);
    for (const host of this.batch) this.handOver(host, atMs);
  }

  /** The standby hypervisor takes the host over: its VMs keep running, slowed (or paused). */
  private handOver(host: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const standby = s.options.maintenance!.standby!;
    s.host.hostInMaintenance[host] = 1;
    s.view.available[host] = 0;
    let vms = 0;
    for (let vm = s.host.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) {
      if (v.vmDown[vm] || v.vmMigrating[vm]) continue;
      this.meter.begin(vm, atMs);
      this.meter.touch(vm, host, atMs);
      v.vmHot[vm * Hot.Stride + Hot.WantScale] = standby.cpuFraction;
      this.sharing.updateShare(vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
      this.batchVms.push(vm);
      vms++;
    }
    this.log?.hostEvent(atMs, 'handover-start', host, ` vms=${vms} ends=${((atMs + standby.transitionMs) / 1000).toFixed(3)}`);
  }

  /** The transition is over: every VM still where it was gets its full CPU back. */
  private endBatch(atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const h = s.host;
    for (const vm of this.batchVms) {
      this.meter.end(vm, atMs);
      const host = v.vmHost[vm]!;
      // A VM that crashed, migrated or left meanwhile is already whole (HA or migration reset it).
      if (host < 0 || v.vmDown[vm] || v.vmMigrating[vm] || !h.hostInMaintenance[host]) continue;
      this.meter.touch(vm, host, atMs);
      v.vmHot[vm * Hot.Stride + Hot.WantScale] = 1;
      this.sharing.updateShare(vm, host, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
    }
    for (const host of this.batch) {
      h.hostInMaintenance[host] = 0;
      if (h.hostDownCount[host] === 0) {
        s.view.available[host] = 1;
        // Repaired during its hand-over: its repair left it off, as a host in maintenance stays.
        if (!s.options.power.switchOffIdle) this.power.powerOn(host, atMs);
      }
      s.maintenance.hostsUpgraded++;
      s.upgradeTally.hostOutMs += s.options.maintenance!.standby!.transitionMs;
      this.log?.hostEvent(atMs, 'handover-end', host);
    }
    this.batch = [];
    this.batchVms = [];
  }
}
