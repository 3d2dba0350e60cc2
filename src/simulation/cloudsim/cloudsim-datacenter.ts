import type { Simulator } from '../../engine/simulator.js';
import type { CloudsimView } from '../../migration/cloudsim/cloudsim-view.js';
import type { CpuSharing } from '../cpu-sharing.js';
import type { EventLog } from '../event-log.js';
import type { SimHooks } from '../hooks.js';
import { MIGRATION_ABANDONED, type LiveMigration } from '../live-migration.js';
import type { SimState } from '../sim-state.js';
import { CLOUDSIM_REFRESH, CONSOLIDATE, MIGRATION_DONE } from '../simulation-options.js';
import { VmHistory } from '../vm-history.js';
import type { CloudsimMeter } from './cloudsim-meter.js';

/** A class per host model and hypervisor pair, numbered in order of first appearance. */
function hostClasses(s: SimState): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from({ length: s.hostCount }, (_, host) => {
    const key = `${s.dc.modelOf[host]}/${s.dc.hypervisorOf[host]}`;
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}

/**
 * The compatibility mode's datacenter loop (PowerDatacenter.updateCloudletProcessing): every
 * interval, `offsetMs` past it (CloudSim's 300.1 s, 600.1 s, ...), process the hosts, record
 * each VM's requested MIPS in its history (PowerVm.updateVmProcessing), ask the CloudSim planner
 * for moves and start each of them. At a migration's end CloudSim processes the hosts before the
 * move (PowerDatacenter.processVmMigrate) and again once all moves of that moment are done.
 */
export class CloudsimDatacenter {
  private readonly history: VmHistory;
  private readonly view: CloudsimView;
  /** Host utilization at this round's processing, before any move. */
  private readonly utilization: Float64Array;
  private refreshAtMs = -1;
  private lastProcessMs = 0;

  constructor(
    private readonly s: SimState,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly migration: LiveMigration,
    private readonly meter: CloudsimMeter,
    private readonly hooks: SimHooks,
    private readonly log: EventLog | null,
  ) {
    const compat = s.options.compat!;
    this.history = new VmHistory(s.vmCount, compat.historyLength);
    this.utilization = new Float64Array(s.hostCount);
    this.view = this.buildView();
  }

  start(): void {
    const compat = this.s.options.compat!;
    const first = compat.intervalMs + compat.offsetMs;
    if (first < this.s.options.durationMs) this.sim.schedule(first, CONSOLIDATE, 0);
  }

  /** CONSOLIDATE (a round), MIGRATION_DONE (processing around the move) and CLOUDSIM_REFRESH. */
  handle(kind: number, target: number, atMs: number): void {
    if (kind === CONSOLIDATE) this.round(atMs);
    else if (kind === MIGRATION_DONE) this.migrationDone(target, atMs);
    else {
      this.meter.dropGhosts(atMs);
      this.meter.process(atMs);
    }
  }

  private round(atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const compat = s.options.compat!;
    this.sharing.flushDirty(atMs);
    this.process(atMs);
    this.history.record(v.csVmRequestMips, (vm) => v.vmHost[vm]! >= 0);
    let planned = 0;
    if (compat.planner) {
      for (let host = 0; host < s.hostCount; host++) this.utilization[host] = this.meter.utilization(host);
      const moves = compat.planner.plan(this.view);
      planned = moves.length;
      for (const { vm, to } of moves) {
        // Moved on again in the same round: CloudSim starts (and counts) both; the later one wins.
        if (v.vmMigrating[vm]) {
          this.meter.addGhost(vm, v.vmMigrationTarget[vm]!, s.migrationLog[v.vmMigrationRecord[vm]!]!.endMs);
          this.migration.end(vm, MIGRATION_ABANDONED, atMs, 're-moved');
        }
        if (v.vmHost[vm]! >= 0 && v.vmHost[vm] !== to) this.migration.start(vm, to, atMs);
      }
      // Host.addMigratingInVm updates both hosts' processing at once: the destination carries
      // 10% of the VM from now, and the next step's energy starts from that.
      if (planned > 0) this.meter.process(atMs);
    }
    this.log?.line(atMs, 'consolidation-round', `planned=${planned} started=${planned}`);
    this.hooks.fireCapacityFreed(atMs);
    const next = atMs + compat.intervalMs;
    if (next < s.options.durationMs) this.sim.repeatCurrentAt(next);
  }

  private migrationDone(vm: number, atMs: number): void {
    if (atMs > this.lastProcessMs) this.process(atMs);
    this.migration.handle(MIGRATION_DONE, vm, atMs);
    if (this.refreshAtMs !== atMs) {
      this.refreshAtMs = atMs;
      this.sim.schedule(atMs, CLOUDSIM_REFRESH, 0);
    }
  }

  private process(atMs: number): void {
    this.meter.process(atMs);
    this.lastProcessMs = atMs;
  }

  private buildView(): CloudsimView {
    const s = this.s;
    const v = s.vm;
    const dc = s.dc;
    const history = this.history;
    const meter = this.meter;
    const nicMBps = Float64Array.from(dc.modelOf, (m) => (dc.models[m]!.nicGbps ?? 1) * 125);
    const linkMBps = Math.min(...nicMBps);
    const reversed = new Int32Array(s.vmCount);
    return {
      hostCount: s.hostCount,
      hostMips: s.hostGuestCapacity,
      hostPeMips: meter.peMips,
      hostClass: hostClasses(s),
      hostUtilization: this.utilization,
      powerCurve: (host) => s.hostCurve[host]!,
      // rackplan's host lists put the newest VM first; CloudSim's lists are in arrival order.
      vmsOn: (host, out) => {
        let count = 0;
        for (let vm = s.host.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) reversed[count++] = vm;
        for (let i = 0; i < count; i++) out[i] = reversed[count - 1 - i]!;
        return count;
      },
      vmCount: s.vmCount,
      vmRequestedMips: v.csVmRequestMips,
      vmMips: s.w.cpuCapacityMhz,
      vmRamMb: s.w.memoryMiB,
      vmMigrating: v.vmMigrating,
      vmHistory: (vm, out) => history.read(vm, out),
      get historyLength() {
        return history.count;
      },
      migrationSeconds: (ramMb) => ramMb / (linkMBps / 2),
      intervalSeconds: s.options.compat!.intervalMs / 1000,
    };
  }
}
