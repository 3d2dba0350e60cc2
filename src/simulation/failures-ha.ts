import type { Simulator } from '../engine/simulator.js';
import type { EventLog } from './event-log.js';
import type { HaRestarts } from './ha-restarts.js';
import type { HostAvailability } from './host-availability.js';
import type { HostPower } from './host-power.js';
import { MIGRATION_ABANDONED, type LiveMigration } from './live-migration.js';
import type { SimState } from './sim-state.js';
import { HOST_FAIL, HOST_REPAIR } from './simulation-options.js';

/**
 * Host failures from the run's outage schedule. Outages may overlap on a host; it is down while
 * any covers it. When it goes down, migrations to it are abandoned, its VMs crash (and ask HA to
 * restart them elsewhere), and its power is cut. A host down for its upgrade fails "silently":
 * its upgrade's end (or its repair, whichever is later) returns it.
 */
export class HostFailures {
  constructor(
    private readonly s: SimState,
    private readonly sim: Simulator,
    private readonly power: HostPower,
    private readonly availability: HostAvailability,
    private readonly migration: LiveMigration,
    private readonly ha: HaRestarts,
    private readonly log: EventLog | null,
  ) {}

  /** Schedules every outage that starts within the run and records its rows. */
  start(): void {
    const s = this.s;
    const end = s.options.durationMs;
    s.options.failures.forEach((outage, i) => {
      if (outage.startMs >= end) return;
      this.sim.schedule(outage.startMs, HOST_FAIL, i);
      if (outage.endMs < end) this.sim.schedule(outage.endMs, HOST_REPAIR, i);
      for (const host of outage.hostIndices) {
        s.outages.push({ hostId: s.dc.hostIds[host]!, cause: outage.cause, startSeconds: outage.startMs / 1000, endSeconds: Math.min(outage.endMs, end) / 1000 });
      }
    });
  }

  /** HOST_FAIL and HOST_REPAIR; the target is the outage's index. */
  handle(kind: number, outage: number, atMs: number): void {
    if (kind === HOST_FAIL) this.fail(outage, atMs);
    else this.repair(outage, atMs);
  }

  private fail(outage: number, atMs: number): void {
    const s = this.s;
    const h = s.host;
    const { hostIndices, cause } = s.options.failures[outage]!;
    for (const host of hostIndices) {
      if (h.hostDownCount[host]!++ > 0) continue;
      s.meter.hostFailures++;
      this.log?.hostEvent(atMs, 'host-fail', host, ` cause=${cause}`);
      if (h.hostInMaintenance[host] && h.upgradeEndMs[host]! >= 0) continue; // already down for its upgrade
      this.takeDown(host, atMs);
    }
  }

  /** A host stops: migrations to and from it are abandoned, its VMs crash, its power is cut. */
  private takeDown(host: number, atMs: number): void {
    const s = this.s;
    this.availability.takeOut(host, atMs);
    this.migration.abandonTo(host, atMs, 'host-failed');
    const victims: number[] = [];
    for (let vm = s.host.hostHead[host]!; vm >= 0; vm = s.vm.vmNext[vm]!) victims.push(vm);
    if (victims.length > 0) {
      s.failureTally.failuresWithVms++;
      s.failureTally.vmsStopped += victims.length;
    }
    for (const vm of victims.sort((a, b) => a - b)) {
      if (s.vm.vmMigrating[vm]) this.migration.end(vm, MIGRATION_ABANDONED, atMs, 'host-failed');
      this.ha.crash(vm, atMs);
    }
    this.power.cut(host, atMs);
  }

  private repair(outage: number, atMs: number): void {
    const h = this.s.host;
    for (const host of this.s.options.failures[outage]!.hostIndices) {
      if (--h.hostDownCount[host]! > 0) continue;
      this.log?.hostEvent(atMs, 'host-repair', host);
      if (h.hostInMaintenance[host] && h.upgradeEndMs[host]! >= 0) continue; // its upgrade ends it
      this.availability.comeBack(host, atMs);
    }
  }
}
