import type { Simulator } from '../engine/simulator.js';
import { gbpsToMiBps, preCopyMigration, simpleMigration, type MigrationCost } from '../migration/migration-time.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { HostMembership } from './host-membership.js';
import type { HostPower } from './host-power.js';
import type { Integrals } from './integrals.js';
import type { SimState } from './sim-state.js';
import { MIGRATION_DONE } from './simulation-options.js';
import { Hot } from './vm-hot.js';

export const MIGRATION_COMPLETED = 0;
export const MIGRATION_ABANDONED = 1;
export type MigrationOutcome = typeof MIGRATION_COMPLETED | typeof MIGRATION_ABANDONED;

/** CloudSim's megabytes per second on a 1 Gbit/s link (bandwidth / 8000, in Mbit/s x 1000). */
const MB_PER_S_PER_GBPS = 125;

/**
 * Live migration: the VM keeps running on its source, degraded, while its memory is copied; the
 * destination holds its reservation and memory from the start (both hosts pay). Every migration
 * ends through end(vm, outcome), which always gives the VM back its full CPU where it runs: on the
 * destination when the copy completed, on the source when it was abandoned.
 */
export class LiveMigration {
  /** Compatibility mode: CloudSim counts a migration when it starts (PowerDatacenter.updateCloudletProcessing). */
  private readonly countAtStart: boolean;

  constructor(
    private readonly s: SimState,
    private readonly integrals: Integrals,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly membership: HostMembership,
    private readonly power: HostPower,
    private readonly log: EventLog | null,
  ) {
    this.countAtStart = s.options.compat?.switches.migrationAccounting ?? false;
  }

  /** Starts moving a running VM to `to`; the copy starts once `to` is ready (booted). */
  start(vm: number, to: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const from = v.vmHost[vm]!;
    this.integrals.touchVm(vm, atMs);
    this.integrals.touchHost(from, atMs);
    v.vmMigrating[vm] = 1;
    v.vmMigrationTarget[vm] = to;
    v.vmHot[vm * Hot.Stride + Hot.WantScale] = 1 - s.options.migration.degradation;
    const readyAt = this.power.readyAtMs(to, atMs);
    const cost = this.cost(vm, from, to);
    const doneAt = readyAt + cost.durationMs;
    this.log?.vmHostEvent(atMs, 'migration-start', vm, from, ` to=${this.log.hostId(to)} ends=${(doneAt / 1000).toFixed(3)}`);
    this.sharing.updateShare(vm, from, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
    this.membership.reserve(vm, to, 1);
    this.membership.holdTransit(vm, to, 1);
    s.host.hostIncoming[to]!++;
    this.power.powerOn(to, atMs);
    if (this.countAtStart) s.meter.migrations++;
    v.vmMigrationRecord[vm] = s.migrationLog.length;
    s.migrationLog.push({ vm, from, to, startMs: readyAt, endMs: doneAt, transferredMiB: cost.transferredMiB, completed: false });
    this.sim.schedule(doneAt, MIGRATION_DONE, vm);
  }

  /** MIGRATION_DONE: the copy finished (unless the migration ended earlier). */
  handle(_kind: number, vm: number, atMs: number): void {
    const record = this.s.vm.vmMigrationRecord[vm]!;
    if (!this.s.vm.vmMigrating[vm] || this.s.migrationLog[record]!.endMs !== atMs) return;
    this.end(vm, MIGRATION_COMPLETED, atMs);
  }

  /**
   * Ends a VM's migration. Completed: the VM moves to the destination. Abandoned (the VM left,
   * or either host went down): the destination releases what it held. Either way the VM's
   * degradation stops now and its host re-shares with the VM at full want.
   */
  end(vm: number, outcome: MigrationOutcome, atMs: number, why = ''): void {
    const s = this.s;
    const v = s.vm;
    const to = v.vmMigrationTarget[vm]!;
    const from = v.vmHost[vm]!;
    const record = s.migrationLog[v.vmMigrationRecord[vm]!]!;
    this.integrals.touchVm(vm, atMs);
    v.vmMigrating[vm] = 0;
    v.vmMigrationTarget[vm] = -1;
    v.vmHot[vm * Hot.Stride + Hot.WantScale] = 1;
    v.vmDegradedRate[vm] = 0;
    this.integrals.touchHost(to, atMs);
    s.host.hostIncoming[to]!--;
    this.membership.holdTransit(vm, to, -1);
    if (outcome === MIGRATION_COMPLETED) {
      this.log?.vmHostEvent(atMs, 'migration-end', vm, to, ` from=${this.log.hostId(from)}`);
      this.membership.detach(vm, atMs);
      this.membership.attach(vm, to, atMs);
      if (!this.countAtStart) s.meter.migrations++;
      record.completed = true;
      return;
    }
    const plannedMs = record.endMs - record.startMs;
    record.endMs = Math.max(record.startMs, Math.min(record.endMs, atMs));
    // Only what was copied before the abandonment went over the network (the copy is linear in time).
    record.transferredMiB = plannedMs > 0 ? (record.transferredMiB * (record.endMs - record.startMs)) / plannedMs : 0;
    this.log?.vmHostEvent(atMs, 'migration-abandon', vm, from, ` to=${this.log.hostId(to)}${why ? ` why=${why}` : ''}`);
    this.membership.reserve(vm, to, -1);
    s.markDirty(to);
    if (from >= 0) this.sharing.updateShare(vm, from, v.vmHot[vm * Hot.Stride + Hot.Demand]!, atMs);
  }

  /** Abandons every migration headed for `host` (it went down), in VM order. */
  abandonTo(host: number, atMs: number, why: string): void {
    const v = this.s.vm;
    for (let vm = 0; vm < this.s.vmCount; vm++) if (v.vmMigrating[vm] && v.vmMigrationTarget[vm] === host) this.end(vm, MIGRATION_ABANDONED, atMs, why);
  }

  /** How long moving `vm` from `from` to `to` takes and how much it copies. */
  cost(vm: number, from: number, to: number): MigrationCost {
    const s = this.s;
    const bandwidth = Math.min(s.hostNicMiBps[from]!, s.hostNicMiBps[to]!);
    const memory = s.w.memoryMiB[vm]!;
    const m = s.options.migration;
    if (this.countAtStart) {
      // PowerDatacenter: delay = RAM / (bandwidth / (2 x 8000)), RAM in MB and bandwidth in kbit/s.
      const mbps = (Math.min(s.hostNicMiBps[from]!, s.hostNicMiBps[to]!) * MB_PER_S_PER_GBPS) / gbpsToMiBps(1);
      return { durationMs: Math.round((memory / (mbps / 2)) * 1000), downtimeMs: 0, transferredMiB: memory };
    }
    return m.model === 'pre-copy' ? preCopyMigration(memory, bandwidth, m.dirtyMiBps, m.maxDowntimeMs) : simpleMigration(memory, bandwidth);
  }
}
