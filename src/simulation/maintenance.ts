import type { Simulator } from '../engine/simulator.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { HostAvailability } from './host-availability.js';
import type { HostPower } from './host-power.js';
import type { LiveMigration } from './live-migration.js';
import type { PlacementRequests } from './placement-requests.js';
import type { SimState } from './sim-state.js';
import { MAINTENANCE_STEP } from './simulation-options.js';
import { Hot } from './vm-hot.js';

/**
 * Rolling upgrades, batch by batch in host order: a batch is closed to placement and drained by
 * live migration; each emptied host goes down for its upgrade and comes back; then the next
 * batch. Checked every checkIntervalMs (and at each upgrade's end). A host that fails while
 * draining leaves its batch without an upgrade; its repair returns it.
 */
export class Maintenance {
  private batch: number[] = [];
  private nextHost = 0;

  constructor(
    private readonly s: SimState,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly power: HostPower,
    private readonly availability: HostAvailability,
    private readonly migration: LiveMigration,
    private readonly placement: PlacementRequests,
    private readonly log: EventLog | null,
  ) {}

  start(): void {
    const m = this.s.options.maintenance!;
    if (m.startMs < this.s.options.durationMs) this.sim.schedule(m.startMs, MAINTENANCE_STEP, 0);
  }

  /** MAINTENANCE_STEP: advance the current batch; repeats itself until every host is done. */
  handle(_kind: number, _target: number, atMs: number): void {
    const s = this.s;
    const h = s.host;
    const m = s.options.maintenance!;
    this.sharing.flushDirty(atMs);
    if (this.batch.length === 0) this.openBatch(atMs);
    if (this.batch.length === 0) return;
    let nextCheck = atMs + m.checkIntervalMs;
    let allDone = true;
    for (const host of this.batch) {
      const upgradeEnd = h.upgradeEndMs[host]!;
      if (upgradeEnd === -1) continue;
      if (Number.isNaN(upgradeEnd) && h.hostDownCount[host]! > 0) {
        h.upgradeEndMs[host] = -1;
        h.hostInMaintenance[host] = 0;
        this.reopened(host, atMs);
        this.log?.hostEvent(atMs, 'maintenance-skip', host, ' why=host-failed');
        continue;
      }
      if (upgradeEnd >= 0 && atMs >= upgradeEnd) {
        this.endUpgrade(host, atMs); // done now: the batch may be complete in this very pass
        continue;
      }
      allDone = false;
      if (upgradeEnd >= 0) {
        nextCheck = Math.min(nextCheck, upgradeEnd);
        continue;
      }
      if (h.hostVmCount[host] === 0 && h.hostIncoming[host] === 0) {
        this.startUpgrade(host, atMs);
        nextCheck = Math.min(nextCheck, h.upgradeEndMs[host]!);
        continue;
      }
      this.drain(host, atMs);
    }
    if (allDone) {
      this.batch = [];
      this.openBatch(atMs);
      if (this.batch.length === 0) return;
      nextCheck = atMs;
    }
    if (nextCheck < s.options.durationMs) this.sim.repeatCurrentAt(nextCheck);
  }

  private openBatch(atMs: number): void {
    const s = this.s;
    const h = s.host;
    const m = s.options.maintenance!;
    while (this.batch.length < m.batchSize && this.nextHost < s.dc.hostCount) {
      const host = this.nextHost++;
      if (h.hostDownCount[host]! > 0) continue;
      this.batch.push(host);
      h.hostInMaintenance[host] = 1;
      h.upgradeEndMs[host] = Number.NaN;
      s.view.available[host] = 0;
      s.upgradeTally.closedAtMs.set(host, atMs);
    }
    if (this.batch.length > 0) this.log?.line(atMs, 'maintenance-batch', `hosts=${this.batch.map((host) => this.log!.hostId(host)).join(',')}`);
  }

  /** Starts migrating every VM off `host` that has somewhere to go (the rest are tried next check). */
  private drain(host: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const vms: number[] = [];
    for (let vm = s.host.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) if (!v.vmMigrating[vm] && !v.vmDown[vm]) vms.push(vm);
    for (const vm of vms.sort((a, b) => a - b)) {
      const decision = this.placement.choose(vm, v.vmHot[vm * Hot.Stride + Hot.Want]!);
      if (decision.host < 0) continue;
      this.migration.start(vm, decision.host, atMs);
      s.upgradeTally.migrationRecords.push(s.migrationLog.length - 1);
      s.maintenance.migrations++;
    }
  }

  /** The host's time out of service for its upgrade runs from its closing to now. */
  private reopened(host: number, atMs: number): void {
    const tally = this.s.upgradeTally;
    tally.hostOutMs += atMs - (tally.closedAtMs.get(host) ?? atMs);
    tally.closedAtMs.delete(host);
  }

  private startUpgrade(host: number, atMs: number): void {
    const s = this.s;
    const m = s.options.maintenance!;
    this.availability.takeOut(host, atMs);
    this.power.cut(host, atMs);
    s.host.upgradeEndMs[host] = atMs + m.upgradeMs;
    const endMs = Math.min(atMs + m.upgradeMs, s.options.durationMs);
    s.outages.push({ hostId: s.dc.hostIds[host]!, cause: 'maintenance', startSeconds: atMs / 1000, endSeconds: endMs / 1000 });
    s.maintenance.hostHoursDown += (endMs - atMs) / 3_600_000;
    this.log?.hostEvent(atMs, 'upgrade-start', host, ` ends=${((atMs + m.upgradeMs) / 1000).toFixed(3)}`);
  }

  private endUpgrade(host: number, atMs: number): void {
    const s = this.s;
    const h = s.host;
    h.upgradeEndMs[host] = -1;
    h.hostInMaintenance[host] = 0;
    s.maintenance.hostsUpgraded++;
    this.reopened(host, atMs);
    this.log?.hostEvent(atMs, 'upgrade-end', host);
    // A host that failed during its upgrade stays down (still counted) until it is repaired.
    if (h.hostDownCount[host]! > 0) return;
    this.availability.comeBack(host, atMs);
  }
}
