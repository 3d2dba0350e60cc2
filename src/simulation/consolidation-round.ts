import type { Simulator } from '../engine/simulator.js';
import type { ConsolidationView } from '../migration/consolidation-view.js';
import type { CpuSharing } from './cpu-sharing.js';
import type { EventLog } from './event-log.js';
import type { SimHooks } from './hooks.js';
import type { HostPower } from './host-power.js';
import type { LiveMigration } from './live-migration.js';
import type { SimState } from './sim-state.js';
import { CONSOLIDATE } from './simulation-options.js';
import { VmHistory } from './vm-history.js';
import { Hot, hotField } from './vm-hot.js';

/**
 * Dynamic consolidation, every intervalMs: record each VM's use, let the planner (overload
 * detection, VM selection, destinations, underload evacuation) decide on a read-only view, and
 * start the migrations it returns that are still valid.
 */
export class ConsolidationRound {
  private readonly history: VmHistory;
  /** Host power states as the current round sees them. */
  private readonly roundHostState: Uint8Array;
  private readonly uncapped: Float64Array;
  /** Each VM's want at the round's start, for the planner. */
  private readonly want: Float64Array;
  private readonly view: ConsolidationView;

  constructor(
    private readonly s: SimState,
    private readonly sim: Simulator,
    private readonly sharing: CpuSharing,
    private readonly power: HostPower,
    private readonly migration: LiveMigration,
    private readonly hooks: SimHooks,
    private readonly log: EventLog | null,
  ) {
    this.history = new VmHistory(s.vmCount, s.options.consolidation!.historyLength);
    this.roundHostState = new Uint8Array(s.hostCount);
    this.uncapped = new Float64Array(s.vmCount);
    this.want = new Float64Array(s.vmCount);
    this.view = this.buildView();
  }

  start(): void {
    const intervalMs = this.s.options.consolidation!.intervalMs;
    if (intervalMs < this.s.options.durationMs) this.sim.schedule(intervalMs, CONSOLIDATE, 0);
  }

  /** CONSOLIDATE: one round; repeats itself every interval. */
  handle(_kind: number, _target: number, atMs: number): void {
    const s = this.s;
    const v = s.vm;
    const consolidation = s.options.consolidation!;
    this.sharing.flushDirty(atMs);
    for (let vm = 0; vm < s.vmCount; vm++) this.uncapped[vm] = Math.min(v.vmHot[vm * Hot.Stride + Hot.Demand]!, s.rules.cpuCapMhz[vm]!);
    this.history.record(this.uncapped, (vm) => v.vmHost[vm]! >= 0);
    for (let host = 0; host < s.hostCount; host++) this.roundHostState[host] = this.power.state(host);
    // The planner reads every VM's want; they sit in the per-VM records, so it gets a copy.
    hotField(v.vmHot, Hot.Want, this.want);
    const moves = consolidation.planner.plan(this.view);
    let started = 0;
    for (const move of moves) {
      if (v.vmMigrating[move.vm] || v.vmDown[move.vm] || v.vmHost[move.vm] !== move.from) continue;
      this.migration.start(move.vm, move.to, atMs);
      started++;
    }
    this.log?.line(atMs, 'consolidation-round', `planned=${moves.length} started=${started}`);
    this.hooks.fireCapacityFreed(atMs);
    const next = atMs + consolidation.intervalMs;
    if (next < s.options.durationMs) this.sim.repeatCurrentAt(next);
  }

  private buildView(): ConsolidationView {
    const s = this.s;
    const v = s.vm;
    const history = this.history;
    const intervalMs = s.options.consolidation!.intervalMs;
    return {
      hostCount: s.hostCount,
      hostState: this.roundHostState,
      hostCapacityMhz: s.hostGuestCapacity,
      powerCurve: (host) => s.hostCurve[host]!,
      vmsOn: (host, out) => {
        let count = 0;
        for (let vm = s.host.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) out[count++] = vm;
        return count;
      },
      vmCount: s.vmCount,
      vmWantMhz: this.want,
      vmMemoryMiB: s.w.memoryMiB,
      vmReserveCpuMhz: s.rules.reserveCpuMhz,
      vmReserveMemoryMiB: s.rules.reserveMemoryMiB,
      vmMigrating: v.vmMigrating,
      vmHistory: (vm, out) => history.read(vm, out),
      get historyLength() {
        return history.count;
      },
      migrationSteps: (host) => {
        let longest = 0;
        for (let vm = s.host.hostHead[host]!; vm >= 0; vm = v.vmNext[vm]!) longest = Math.max(longest, this.migration.cost(vm, host, host).durationMs);
        return Math.max(1, Math.ceil(longest / intervalMs));
      },
      placement: s.view,
    };
  }
}
